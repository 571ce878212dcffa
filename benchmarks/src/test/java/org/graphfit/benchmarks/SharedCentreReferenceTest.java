package org.graphfit.benchmarks;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.graphfit.analysis.Dataset1D;
import org.junit.jupiter.api.Test;

/**
 * The quadrature of {@link SharedCentreReference} against brute force: the integral over the log
 * normalization against Simpson's rule in every regime of its closed form, and one dataset's
 * evidence at several centres against a direct 2-D Simpson integration of {@code -0.5 chi^2}
 * computed pixel by pixel.
 */
class SharedCentreReferenceTest {
  private static final double LOG_A_MIN = Math.log(1e-6);
  private static final double LOG_A_MAX = Math.log(1e6);

  @Test
  void integralOverLogNormalizationMatchesSimpsonInEveryRegime() {
    double[] as = {1e-16, 1e-12, 1e-9, 1e-6, 1e-2, 1, 35, 1e4, 2.5e5};
    double[] betas = {-15, -3, -0.4, 0, 0.5, 3, 8, 15};
    for (double a : as) {
      for (double beta : betas) {
        double b = beta * Math.sqrt(a);
        double expected = simpsonOverLogA(a, b);
        double actual = SharedCentreReference.integralOverLogA(a, b);
        assertWithMessage("J(a = %s, beta = %s)", a, beta)
            .that(Math.abs(actual / expected - 1))
            .isLessThan(1e-7);
      }
    }
  }

  @Test
  void datasetEvidenceMatchesBruteForceAtSeveralCentres() throws IOException {
    Dataset1D dataset =
        Dataset1D.load(Path.of("../examples/data/example_1d/gaussian_x1__low_snr/dataset_0"));
    SharedCentreReference.Tables tables =
        SharedCentreReference.tables(List.of(dataset), SharedCentreReference.Resolution.COARSE);
    // off the pixels: on a pixel the profiles narrower than s_min, left out, hit it
    for (double centre : new double[] {50.36, 77.5, 3.24, 120.5, -150.0}) {
      double expected = bruteForceLogEvidence(dataset, centre);
      assertWithMessage("ln E(%s)", centre)
          .that(tables.logEvidence(0, centre))
          .isWithin(1e-3)
          .of(expected);
    }
  }

  private static double simpsonOverLogA(double a, double b) {
    int intervals = 200_000;
    double h = (LOG_A_MAX - LOG_A_MIN) / intervals;
    double sum = 0;
    for (int i = 0; i <= intervals; i++) {
      double t = Math.exp(LOG_A_MIN + i * h);
      double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += weight * Math.exp(b * t - 0.5 * a * t * t);
    }
    return sum * h / 3;
  }

  /**
   * {@code ln [(1 / 25 W) int ds int dln A exp(-0.5 chi^2)]}, the profile computed pixel by pixel:
   * Simpson's rule in {@code ln sigma} on {@code [1e-4, 1]}, in sigma on {@code [1, 25]}, in {@code
   * ln A} on the whole prior; {@code [0, 1e-4]} has the profile-free likelihood.
   */
  private static double bruteForceLogEvidence(Dataset1D dataset, double centre) {
    int pixels = dataset.size();
    double logL0 = 0;
    for (int x = 0; x < pixels; x++) {
      double r = dataset.data(x) / dataset.noise(x);
      logL0 -= 0.5 * r * r;
    }
    int aIntervals = 1200;
    double hA = (LOG_A_MAX - LOG_A_MIN) / aIntervals;
    double[] profile = new double[pixels];
    double total = 1e-4 * (LOG_A_MAX - LOG_A_MIN);
    double[][] pieces = {{Math.log(1e-4), 0, 600, 1}, {1, 25, 480, 0}};
    for (double[] piece : pieces) {
      int intervals = (int) piece[2];
      double h = (piece[1] - piece[0]) / intervals;
      for (int j = 0; j <= intervals; j++) {
        double u = piece[0] + j * h;
        double s = piece[3] == 1 ? Math.exp(u) : u;
        double jacobian = piece[3] == 1 ? s : 1;
        for (int x = 0; x < pixels; x++) {
          double z = (x - centre) / s;
          profile[x] = Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI));
        }
        double inner = 0;
        for (int i = 0; i <= aIntervals; i++) {
          double amplitude = Math.exp(LOG_A_MIN + i * hA);
          double chi2 = 0;
          for (int x = 0; x < pixels; x++) {
            double r = (dataset.data(x) - amplitude * profile[x]) / dataset.noise(x);
            chi2 += r * r;
          }
          double weight = i == 0 || i == aIntervals ? 1 : (i % 2 == 1 ? 4 : 2);
          inner += weight * Math.exp(-0.5 * chi2 - logL0);
        }
        inner *= hA / 3;
        double weight = j == 0 || j == intervals ? 1 : (j % 2 == 1 ? 4 : 2);
        total += weight * h / 3 * jacobian * inner;
      }
    }
    return logL0 + Math.log(total / (25 * (LOG_A_MAX - LOG_A_MIN)));
  }
}

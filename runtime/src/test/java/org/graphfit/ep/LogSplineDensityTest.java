package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The log-spline density estimate against known densities. */
class LogSplineDensityTest {
  private static final double LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private static double logNormal(double z, double mean, double sd) {
    double t = (z - mean) / sd;
    return -0.5 * t * t - Math.log(sd) - LOG_SQRT_TWO_PI;
  }

  /** The log density of the Gaussian with the mixture's mean 1.2 and variance 4.207. */
  private static double momentMatched(double z) {
    return logNormal(z, 1.2, Math.sqrt(4.207));
  }

  /** The mixture 0.7 N(0, 1) + 0.3 N(4, 0.7²). */
  private static double mixtureDensity(double z) {
    return 0.7 * Math.exp(logNormal(z, 0, 1)) + 0.3 * Math.exp(logNormal(z, 4, 0.7));
  }

  /**
   * The L1 distance between the estimate (base times correction, the correction held at its ends
   * outside its range) and the mixture, by the trapezoidal rule.
   */
  private static double l1(DoubleUnaryOperator logBase, LogDensityTable table, int points) {
    double lo = -6;
    double hi = 9;
    double h = (hi - lo) / (points - 1);
    double sum = 0;
    for (int i = 0; i < points; i++) {
      double z = lo + i * h;
      double clamped = Math.max(table.lower(), Math.min(table.upper(), z));
      double estimate = Math.exp(logBase.applyAsDouble(z) + table.logValue(clamped));
      sum += (i == 0 || i == points - 1 ? 0.5 : 1) * h * Math.abs(estimate - mixtureDensity(z));
    }
    return sum;
  }

  @Test
  void recoversABimodalDensityFromEqualWeightSamples() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = 4000;
    double[] z = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = rng.nextDouble() < 0.7 ? normal.sample() : 4 + 0.7 * normal.sample();
      w[i] = 1;
    }
    LogDensityTable table = LogSplineDensity.fit(z, w, n, LogSplineDensityTest::momentMatched);
    // the base, a Gaussian with the mixture's moments, is 0.58 away in L1
    assertThat(l1(LogSplineDensityTest::momentMatched, table, 2001)).isLessThan(0.08);
  }

  @Test
  void importanceWeightedSamplesGiveTheTargetDensity() {
    // samples from a wide N(2, 3²) weighted by mixture / proposal, as a sampler's weights are
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = 20000;
    double[] z = new double[n];
    double[] w = new double[n];
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      z[i] = 2 + 3 * normal.sample();
      w[i] = mixtureDensity(z[i]) / Math.exp(logNormal(z[i], 2, 3));
      sum += w[i];
      sumSquares += w[i] * w[i];
    }
    LogDensityTable table =
        LogSplineDensity.fit(z, w, sum * sum / sumSquares, LogSplineDensityTest::momentMatched);
    assertThat(l1(LogSplineDensityTest::momentMatched, table, 2001)).isLessThan(0.08);
  }

  @Test
  void samplesWithoutSpreadGiveNoEstimate() {
    assertThat(LogSplineDensity.fit(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 3, x -> 0))
        .isNull();
  }
}

package org.graphfit.search.mcmc;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class AutocorrelationTimeTest {
  /** {@code chains} independent AR(1) chains {@code x_t = phi x_(t-1) + sqrt(1 - phi^2) e_t}. */
  private static double[][] ar1(double phi, int chains, int steps, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    double scale = Math.sqrt(1 - phi * phi);
    double[][] x = new double[chains][steps];
    for (double[] chain : x) {
      chain[0] = gaussian.sample();
      for (int t = 1; t < steps; t++) {
        chain[t] = phi * chain[t - 1] + scale * gaussian.sample();
      }
    }
    return x;
  }

  @Test
  void ar1TimeMatchesTheoryWithinSokalError() {
    double phi = 0.9;
    double exact = (1 + phi) / (1 - phi); // 19
    int chains = 32;
    int steps = 20_000;
    double tau = AutocorrelationTime.integratedTime(ar1(phi, chains, steps, 11));
    // Sokal: var(tau_hat) / tau^2 ~ 2 (2M + 1) / N with window M ~ c tau = 95 and N = 640 000
    // draws:
    // relative sd 2.4 %; allow 4 sd.
    double relativeSd = Math.sqrt(2 * (2 * 5 * exact + 1) / (chains * (double) steps));
    assertThat(tau).isWithin(4 * relativeSd * exact).of(exact);
  }

  @Test
  void whiteNoiseHasTimeOne() {
    double tau = AutocorrelationTime.integratedTime(ar1(0, 8, 10_000, 3));
    // window M = 5: relative sd sqrt(2 * 11 / 80 000) = 0.017; allow 4 sd.
    assertThat(tau).isWithin(0.07).of(1.0);
  }

  @Test
  void autocorrelationStartsAtOneAndMatchesDirectSum() {
    double[] chain = ar1(0.5, 1, 37, 5)[0];
    double[] rho = AutocorrelationTime.autocorrelation(chain);
    double mean = 0;
    for (double v : chain) {
      mean += v / chain.length;
    }
    double c0 = 0;
    double c3 = 0;
    for (int i = 0; i < chain.length; i++) {
      c0 += (chain[i] - mean) * (chain[i] - mean);
      if (i + 3 < chain.length) {
        c3 += (chain[i] - mean) * (chain[i + 3] - mean);
      }
    }
    assertThat(rho[0]).isEqualTo(1.0);
    assertThat(rho[3]).isWithin(1e-12).of(c3 / c0);
  }

  @Test
  void meanAutocorrelationOfSeveralChainsMatchesDirectSums() {
    // Three chains (two share one complex transform, the third is alone) and a constant one,
    // whose autocorrelation is 0 beyond lag 0.
    double[][] ar = ar1(0.7, 3, 41, 9);
    double[][] chains = {ar[0], ar[1], ar[2], new double[41]};
    java.util.Arrays.fill(chains[3], 2.5);

    double[] rho = AutocorrelationTime.meanAutocorrelation(chains);

    for (int lag : new int[] {1, 2, 7, 40}) {
      double expected = 0;
      for (int k = 0; k < 3; k++) {
        double mean = java.util.Arrays.stream(chains[k]).average().orElseThrow();
        double c0 = 0;
        double c = 0;
        for (int i = 0; i < 41; i++) {
          c0 += (chains[k][i] - mean) * (chains[k][i] - mean);
          if (i + lag < 41) {
            c += (chains[k][i] - mean) * (chains[k][i + lag] - mean);
          }
        }
        expected += c / c0 / 4;
      }
      assertThat(rho[lag]).isWithin(1e-12).of(expected);
    }
    assertThat(rho[0]).isEqualTo(1.0);
  }

  @Test
  void rejectsRaggedChains() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AutocorrelationTime.integratedTime(new double[][] {{1, 2, 3}, {1, 2}}));
    assertThat(e).hasMessageThat().contains("same length");
  }
}

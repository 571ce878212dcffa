package org.graphfit.search.mcmc;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Reference values come from ArviZ 0.23.4 ({@code az.rhat(method="rank")}, {@code
 * az.ess(method="bulk")}, {@code az.ess(method="tail")}) on the same draws, computed by {@code
 * runtime/src/test/python/chain_diagnostics_reference.py}; the draws are made with a linear
 * congruential generator and sums of uniforms, which Java and Python compute bit for bit alike.
 * Theory tests use independent and AR(1) chains whose exact effective sample size is known.
 */
class ChainDiagnosticsTest {
  /** Agreement with ArviZ: both sides do the same arithmetic up to rounding and FFT order. */
  private static final double ARVIZ = 1e-9;

  /** The generator of the Python script: x -> 69069 x + 1 mod 2^32, u = (x + 1/2) / 2^32. */
  private static final class Lcg {
    private long state;

    Lcg(long seed) {
      state = seed;
    }

    double uniform() {
      state = (69069 * state + 1) & 0xFFFFFFFFL;
      return (state + 0.5) / 4294967296.0;
    }

    /** Approximately standard normal: the sum of 12 uniforms minus 6. */
    double normal() {
      double total = 0;
      for (int i = 0; i < 12; i++) {
        total += uniform();
      }
      return total - 6;
    }
  }

  /** The script's AR(1) chains, each shifted by {@code shift[c]}. */
  private static double[][] lcgAr1(double phi, int chains, int steps, long seed, double[] shift) {
    Lcg lcg = new Lcg(seed);
    double scale = Math.sqrt(1 - phi * phi);
    double[][] x = new double[chains][steps];
    for (int c = 0; c < chains; c++) {
      double value = lcg.normal();
      for (int t = 0; t < steps; t++) {
        if (t > 0) {
          value = phi * value + scale * lcg.normal();
        }
        x[c][t] = value + shift[c];
      }
    }
    return x;
  }

  /** Independent AR(1) chains {@code x_t = phi x_(t-1) + sqrt(1 - phi^2) e_t} from stationarity. */
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
  void smallChainsWithTiesAndAnOddLengthMatchArviz() {
    double[][] chains = {
      {0.3, 1.2, -0.4, 0.3, 2.5, 0.9, -1.1, 0.4, 1.0},
      {1.4, 0.3, 0.8, -0.2, 1.9, 0.0, 0.6, -0.7, 1.3},
      {2.2, 1.7, 3.1, 0.3, 2.8, 1.5, 2.6, 0.9, 1.8}
    };

    ChainDiagnostics diagnostics = ChainDiagnostics.ofChains(chains);

    assertThat(diagnostics.rHat()).isWithin(ARVIZ).of(1.1859673494290264);
    assertThat(diagnostics.bulkEffectiveSampleSize()).isWithin(ARVIZ).of(33.12506980107854);
    assertThat(diagnostics.tailEffectiveSampleSize()).isWithin(ARVIZ).of(33.12506980107854);
  }

  @Test
  void autocorrelatedChainsMatchArviz() {
    ChainDiagnostics diagnostics =
        ChainDiagnostics.ofChains(lcgAr1(0.6, 4, 1000, 17, new double[4]));

    assertThat(diagnostics.rHat()).isWithin(ARVIZ).of(1.0012726012375484);
    assertThat(diagnostics.bulkEffectiveSampleSize()).isWithin(ARVIZ).of(956.3133661659962);
    assertThat(diagnostics.tailEffectiveSampleSize()).isWithin(ARVIZ).of(1751.1966811175937);
  }

  @Test
  void aShiftedChainMatchesArviz() {
    ChainDiagnostics diagnostics =
        ChainDiagnostics.ofChains(lcgAr1(0.3, 4, 200, 5, new double[] {0, 0, 0, 1}));

    assertThat(diagnostics.rHat()).isWithin(ARVIZ).of(1.1119690636811623);
    assertThat(diagnostics.bulkEffectiveSampleSize()).isWithin(ARVIZ).of(25.062918413925676);
    assertThat(diagnostics.tailEffectiveSampleSize()).isWithin(ARVIZ).of(75.0806548584725);
  }

  @Test
  void ensemblesPoolTheirWalkersForRHatAndCountEachWalkerForEss() {
    // Six AR(1) sequences as two ensembles of three walkers; ArviZ sees R-hat's draws laid out
    // step by step per ensemble, (2, 150), and the ESS's as six chains, (6, 50).
    double[][] sequences = lcgAr1(0.5, 6, 50, 29, new double[6]);
    double[][][] draws = {
      {sequences[0], sequences[1], sequences[2]}, {sequences[3], sequences[4], sequences[5]}
    };

    ChainDiagnostics diagnostics = ChainDiagnostics.of(draws);

    assertThat(diagnostics.rHat()).isWithin(ARVIZ).of(1.0140609950899964);
    assertThat(diagnostics.bulkEffectiveSampleSize()).isWithin(ARVIZ).of(109.86657247773414);
    assertThat(diagnostics.tailEffectiveSampleSize()).isWithin(ARVIZ).of(133.659311474596);
  }

  @Test
  void independentNormalChainsHaveRHatNearOneAndEssNearTheirLength() {
    int chains = 4;
    int steps = 1000;
    ChainDiagnostics diagnostics = ChainDiagnostics.ofChains(ar1(0, chains, steps, 3));

    // For independent draws, B / W of the 8 half-chains is chi-squared with 7 degrees of freedom
    // over 7, so R-hat^2 = (n - 1) / n + (B / W) / n with n = 500; the bound fails with
    // probability 1e-5.
    int n = steps / 2;
    double ratio = ChiSquaredDistribution.of(7).inverseSurvivalProbability(1e-5) / 7;
    assertThat(diagnostics.rHat()).isLessThan(Math.sqrt((n - 1.0) / n + ratio / n));
    assertThat(diagnostics.rHat()).isGreaterThan(Math.sqrt((n - 1.0) / n));
    // Relative sd of the ESS estimate: sqrt(8 tau / N), measured with ArviZ over 300 seeds
    // (0.043 at N = 4000, tau = 1); four sd.
    double size = chains * steps;
    double tolerance = 4 * Math.sqrt(8 / size) * size;
    assertThat(diagnostics.bulkEffectiveSampleSize()).isWithin(tolerance).of(size);
    assertThat(diagnostics.tailEffectiveSampleSize()).isWithin(tolerance).of(size);
  }

  @Test
  void ar1ChainsHaveTheKnownEffectiveSampleSize() {
    double phi = 0.6;
    int chains = 4;
    int steps = 5000;
    double size = chains * steps;
    double tau = (1 + phi) / (1 - phi); // 4
    double exact = size / tau; // n (1 - phi) / (1 + phi) = 5000

    ChainDiagnostics diagnostics = ChainDiagnostics.ofChains(ar1(phi, chains, steps, 8));

    // Relative sd sqrt(8 tau / N) = 0.04 (ArviZ over 300 seeds: 0.043); four sd.
    assertThat(diagnostics.bulkEffectiveSampleSize())
        .isWithin(4 * Math.sqrt(8 * tau / size) * exact)
        .of(exact);
    assertThat(diagnostics.rHat()).isLessThan(1.005);
  }

  @Test
  void chainsWithShiftedMeansHaveALargeRHatAndASmallEss() {
    double[][] chains = ar1(0, 4, 1000, 12);
    for (int t = 0; t < chains[3].length; t++) {
      chains[3][t] += 1;
    }

    ChainDiagnostics diagnostics = ChainDiagnostics.ofChains(chains);

    // Two of eight half-chains shifted by one sd: the variance of the half-chain means is about
    // (2 * 0.75^2 + 6 * 0.25^2) / 7 = 0.21 (z-scores shrink it a little), so R-hat is about
    // sqrt(1 + 0.21) = 1.1.
    assertThat(diagnostics.rHat()).isGreaterThan(1.05);
    assertThat(diagnostics.bulkEffectiveSampleSize()).isLessThan(400.0);
  }

  @Test
  void chainsThatAgreeInLocationButNotInScaleAreSeenByTheFoldedRHat() {
    double[][] chains = ar1(0, 4, 1000, 14);
    for (int t = 0; t < chains[0].length; t++) {
      chains[0][t] *= 3;
    }

    assertThat(ChainDiagnostics.ofChains(chains).rHat()).isGreaterThan(1.05);
  }

  @Test
  void walkersOfOneEnsembleThatDisagreeLowerTheEssButNotRHat() {
    // One ensemble of 8 walkers, 4 of them offset by 3: both halves of the chain see the same
    // mixture, so split R-hat cannot tell, but the walkers' disagreement dominates the ESS.
    double[][] walkers = ar1(0, 8, 1000, 15);
    for (int k = 0; k < 4; k++) {
      for (int t = 0; t < walkers[k].length; t++) {
        walkers[k][t] += 3;
      }
    }

    ChainDiagnostics diagnostics = ChainDiagnostics.of(new double[][][] {walkers});

    assertThat(diagnostics.rHat()).isLessThan(1.01);
    assertThat(diagnostics.bulkEffectiveSampleSize()).isLessThan(100.0);
  }

  @Test
  void constantDrawsAreAgreementAndConstantButDifferentChainsAreNot() {
    double[][] same = {{2, 2, 2, 2}, {2, 2, 2, 2}};
    double[][] different = {{1, 1, 1, 1}, {2, 2, 2, 2}};

    assertThat(ChainDiagnostics.ofChains(same).rHat()).isEqualTo(1.0);
    assertThat(ChainDiagnostics.ofChains(same).bulkEffectiveSampleSize()).isEqualTo(8.0);
    assertThat(ChainDiagnostics.ofChains(different).rHat()).isPositiveInfinity();
  }

  @Test
  void badDrawsAreRejectedWithClearMessages() {
    IllegalArgumentException shortChains =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChainDiagnostics.ofChains(new double[][] {{1, 2, 3}}));
    assertThat(shortChains).hasMessageThat().contains("at least 4 steps");
    IllegalArgumentException ragged =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChainDiagnostics.ofChains(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4, 5}}));
    assertThat(ragged).hasMessageThat().contains("same number of steps");
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChainDiagnostics.ofChains(new double[][] {{1, 2, Double.NaN, 4}}));
    assertThat(nan).hasMessageThat().contains("finite");
    assertThrows(IllegalArgumentException.class, () -> ChainDiagnostics.ofChains(new double[0][]));
  }
}

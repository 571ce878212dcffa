package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SamplesTest {

  private static Samples normalDraws(int n, double mean, double sd, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] vectors = new double[n][];
    for (int i = 0; i < n; i++) {
      vectors[i] = new double[] {mean + sd * gaussian.sample()};
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    return Samples.of(List.of("x"), vectors, new double[n], new double[n], ones);
  }

  @Test
  void equalWeightStatisticsMatchTheDrawnNormalWithinFourStandardErrors() {
    int n = 40_000;
    Samples samples = normalDraws(n, 3, 2, 5L);

    assertThat(samples.mean()[0]).isWithin(4 * 2 / Math.sqrt(n)).of(3);
    assertThat(samples.standardDeviation()[0]).isWithin(4 * 2 / Math.sqrt(2.0 * n)).of(2);
    assertThat(samples.median()[0]).isWithin(4 * 2 * 1.2533 / Math.sqrt(n)).of(3);
    double[][] oneSigma = samples.valuesAtSigma(1);
    assertThat(oneSigma[0][0]).isWithin(0.06).of(1);
    assertThat(oneSigma[1][0]).isWithin(0.06).of(5);
    assertThat(samples.effectiveSampleSize()).isWithin(1e-6).of(n);
  }

  @Test
  void weightsShiftTheQuantilesAndTheEffectiveSampleSize() {
    Samples samples =
        Samples.of(
            List.of("x"),
            new double[][] {{0}, {1}, {2}, {3}},
            new double[] {-3, -2, -1, 0},
            new double[4],
            new double[] {1, 1, 1, 5});

    assertThat(samples.weight(3)).isEqualTo(0.625);
    assertThat(samples.mean()[0]).isWithin(1e-12).of((0 + 1 + 2 + 15) / 8.0);
    // mid-weight cumulative points: 0.0625, 0.1875, 0.3125 (x=2), 0.6875 (x=3); 0.5 lies half way
    assertThat(samples.median()[0]).isWithin(1e-12).of(2.5);
    assertThat(samples.effectiveSampleSize()).isWithin(1e-12).of(64.0 / 28);
    assertThat(samples.maxLogLikelihoodIndex()).isEqualTo(3);
  }

  @Test
  void covarianceOfPerfectlyCorrelatedPointsIsSingular() {
    Samples samples =
        Samples.of(
            List.of("a", "b"),
            new double[][] {{0, 0}, {1, 2}, {2, 4}},
            new double[3],
            new double[3],
            new double[] {1, 1, 1});
    double[][] covariance = samples.covariance();

    assertThat(covariance[0][1]).isWithin(1e-12).of(2 * covariance[0][0]);
    assertThat(covariance[1][1]).isWithin(1e-12).of(4 * covariance[0][0]);
  }

  @Test
  void malformedInputIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Samples.of(
                List.of("x"), new double[][] {{1}}, new double[2], new double[1], new double[1]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Samples.of(
                List.of("x"),
                new double[][] {{1}},
                new double[1],
                new double[1],
                new double[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Samples.of(
                List.of("x"),
                new double[][] {{1}},
                new double[1],
                new double[1],
                new double[] {Double.NaN}));
  }

  @Test
  void systematicResamplingReproducesTheWeightsWithinOneDraw() {
    Samples samples =
        Samples.of(
            List.of("x"),
            new double[][] {{0}, {1}, {2}, {3}},
            new double[] {-3, -2, -1, 0},
            new double[4],
            new double[] {1, 1, 1, 5});
    Samples equal = samples.equalWeight(8000, 3L);

    int ones = 0;
    int threes = 0;
    for (int i = 0; i < equal.size(); i++) {
      ones += equal.vector(i)[0] == 1 ? 1 : 0;
      threes += equal.vector(i)[0] == 3 ? 1 : 0;
      assertThat(equal.weight(i)).isWithin(1e-15).of(1.0 / 8000);
    }
    // systematic resampling draws each point within one of count * weight
    assertThat((double) threes).isWithin(1.0).of(5000);
    assertThat((double) ones).isWithin(1.0).of(1000);
    assertThat(equal.mean()[0]).isWithin(1e-3).of(samples.mean()[0]);
    assertThat(samples.equalWeight(8000, 3L)).isEqualTo(equal);
  }
}

package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.graphfit.prior.Prior;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.junit.jupiter.api.Test;

/** Log evidence and posterior moments against closed forms, within the reported error. */
class NestedSamplerAccuracyTest {
  private static final double SLACK = 0.05;

  private static NestedRun run(SearchProblem problem, long seed) {
    return new NestedSampler(NestedSampling.builder().nLive(400).seed(seed).build().settings())
        .run(problem);
  }

  private static void assertLogZ(NestedRun run, double truth) {
    assertWithMessage("%s against log Z = %s", run, truth)
        .that(Math.abs(run.logZ() - truth))
        .isLessThan(3 * run.logZError() + SLACK);
  }

  @Test
  void gaussianInTwoDimensions() {
    NestedRun run = run(Problems.gaussian(2), 1);
    assertLogZ(run, Problems.gaussianLogZ(2));
    assertThat(run.mean(0)).isWithin(0.1).of(0);
    assertThat(run.standardDeviation(1)).isWithin(0.1).of(1);
  }

  @Test
  void gaussianInFiveDimensions() {
    NestedRun run = run(Problems.gaussian(5), 2);
    assertLogZ(run, Problems.gaussianLogZ(5));
  }

  @Test
  void gaussianShells() {
    assertLogZ(run(Problems.shells(), 3), -1.75);
  }

  @Test
  void eggbox() {
    assertLogZ(run(Problems.eggbox(), 4), 235.88);
  }

  @Test
  void conjugateGaussianPosterior() {
    // Data 1 with noise 0.5 and a standard normal prior: posterior N(0.8, 0.2), evidence N(1 | 0,
    // 1.25).
    double sigma = 0.5;
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.gaussian(0, 1)},
            x -> {
              double r = (x[0] - 1) / sigma;
              return -0.5 * r * r - Math.log(sigma * Math.sqrt(2 * Math.PI));
            });
    NestedRun run = run(problem, 5);
    assertLogZ(run, -0.5 / 1.25 - 0.5 * Math.log(2 * Math.PI * 1.25));
    double sd = Math.sqrt(0.2);
    double tolerance = 4 * sd / Math.sqrt(run.effectiveSampleSize()) + 0.01;
    assertThat(run.mean(0)).isWithin(tolerance).of(0.8);
    assertThat(run.standardDeviation(0)).isWithin(tolerance).of(sd);

    double[][] equal = run.equalWeightSamples(9);
    assertThat(equal).hasLength(run.size());
    double mean = 0;
    for (double[] sample : equal) {
      mean += sample[0] / equal.length;
    }
    assertThat(mean).isWithin(tolerance).of(0.8);
  }

  @Test
  void weightsAreNormalizedAndLikelihoodsRise() {
    NestedRun run = run(Problems.gaussian(2), 6);
    double sum = 0;
    for (double w : run.logWeights()) {
      sum += Math.exp(w);
    }
    assertThat(sum).isWithin(1e-9).of(1);
    double[] logL = run.logLikelihoods();
    for (int k = 1; k < logL.length; k++) {
      assertThat(logL[k]).isAtLeast(logL[k - 1]);
    }
    assertThat(run.size()).isEqualTo(run.iterations() + 400);
    assertThat(run.effectiveSampleSize()).isGreaterThan(100.0);
    assertThat(run.information()).isGreaterThan(0.0);
    assertThat(run.logZError()).isWithin(1e-12).of(Math.sqrt(run.information() / 400));
    double[] unit = run.unit(7);
    assertThat(run.vector(7)[0]).isWithin(1e-12).of(-10 + 20 * unit[0]);
    assertThat(run.calls()).isAtLeast(run.iterations() + 400);
    assertThat(run.failedCalls()).isEqualTo(0);
  }

  @Test
  void zeroLikelihoodOverPartOfThePriorLowersTheEvidence() {
    // On the unit square, a normalised N(0.5, 0.05) in y where x < 0.5 and zero likelihood
    // elsewhere:
    // Z = 0.5 (the Gaussian's mass outside [0, 1] is below 1e-20), log Z = -ln 2.
    double sigma = 0.05;
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.uniform(0, 1), Prior.uniform(0, 1)},
            v -> {
              if (v[0] >= 0.5) {
                return Double.NEGATIVE_INFINITY;
              }
              double r = (v[1] - 0.5) / sigma;
              return -0.5 * r * r - Math.log(sigma * Math.sqrt(2 * Math.PI));
            });

    assertLogZ(run(problem, 6), -Math.log(2));
  }
}

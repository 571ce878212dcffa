package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.graphfit.prior.Prior;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.junit.jupiter.api.Test;

/** Likelihoods that fail in part of the space, or everywhere. */
class NestedSamplerFailuresTest {
  private static final Prior[] PRIORS = {Prior.uniform(-10, 10), Prior.uniform(-10, 10)};

  @Test
  void likelihoodThrowingInPartOfTheSpaceStillWorks() {
    SearchProblem problem =
        SearchProblems.of(
            PRIORS,
            x -> {
              if (x[0] > 5) {
                throw new ArithmeticException("no likelihood beyond 5");
              }
              return -0.5 * (x[0] * x[0] + x[1] * x[1]) - Math.log(2 * Math.PI);
            });
    NestedRun run =
        new NestedSampler(NestedSampling.builder().nLive(200).seed(4).build().settings())
            .run(problem);
    assertThat(Math.abs(run.logZ() - Problems.gaussianLogZ(2)))
        .isLessThan(3 * run.logZError() + 0.05);
    assertThat(run.failedCalls()).isGreaterThan(0L);
    assertThat(run.firstFailure()).contains("no likelihood beyond 5");
    for (int k = 0; k < run.size(); k++) {
      assertThat(run.vector(k)[0]).isAtMost(5.0);
    }
  }

  @Test
  void likelihoodThrowingEverywhereGivesAClearError() {
    SearchProblem problem =
        SearchProblems.of(
            PRIORS,
            x -> {
              throw new IllegalArgumentException("model cannot be evaluated");
            });
    NestedSampler sampler =
        new NestedSampler(NestedSampling.builder().nLive(20).build().settings());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sampler.run(problem));
    assertThat(e)
        .hasMessageThat()
        .contains("could not draw live points with a finite log-likelihood");
    assertThat(e).hasMessageThat().contains("model cannot be evaluated");
  }

  @Test
  void negativeInfinityEverywhereGivesAClearError() {
    SearchProblem problem = SearchProblems.of(PRIORS, x -> Double.NEGATIVE_INFINITY);
    NestedSampler sampler =
        new NestedSampler(NestedSampling.builder().nLive(20).build().settings());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sampler.run(problem));
    assertThat(e).hasMessageThat().contains("only 0 of 20 live points");
    assertThat(e).hasMessageThat().contains("negative infinity at every point tried");
  }

  @Test
  void tooFewLivePointsForAnEllipsoidAreRejected() {
    NestedSampler sampler = new NestedSampler(NestedSampling.builder().nLive(3).build().settings());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sampler.run(Problems.gaussian(3)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("nLive (3) must exceed the dimension (3) to fit bounding ellipsoids");
  }

  @Test
  void stuckMovesAreCountedAndUniformSamplingHasNone() {
    NestedRun walks =
        new NestedSampler(
                NestedSampling.builder()
                    .nLive(100)
                    .seed(3)
                    .sample(NestedSettings.Sample.RWALK)
                    .walks(2)
                    .build()
                    .settings())
            .run(Problems.gaussian(4));
    NestedRun uniform =
        new NestedSampler(
                NestedSampling.builder()
                    .nLive(100)
                    .seed(3)
                    .sample(NestedSettings.Sample.UNIFORM)
                    .build()
                    .settings())
            .run(Problems.gaussian(4));

    // a two-step walk accepts about half its steps; all of its eight tries fail about 1 in 250
    // times
    assertThat(walks.stuckProposals()).isGreaterThan(0L);
    assertThat(walks.stuckProposals()).isLessThan(walks.iterations());
    assertThat(uniform.stuckProposals()).isEqualTo(0L);
  }
}

package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same seed and batch size give bit-identical runs whatever the number of threads. */
class NestedSamplerDeterminismTest {
  static NestedRun run(NestedSettings settings, SearchProblem problem, int threads) {
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      return new NestedSampler(settings).run(problem, runner, CheckpointStore.none());
    }
  }

  static void assertIdentical(NestedRun a, NestedRun b) {
    assertThat(Double.doubleToLongBits(b.logZ())).isEqualTo(Double.doubleToLongBits(a.logZ()));
    assertThat(b.logZError()).isEqualTo(a.logZError());
    assertThat(b.calls()).isEqualTo(a.calls());
    assertThat(b.iterations()).isEqualTo(a.iterations());
    assertThat(b.logLikelihoods()).isEqualTo(a.logLikelihoods());
    assertThat(b.logWeights()).isEqualTo(a.logWeights());
    for (int k = 0; k < a.size(); k++) {
      assertThat(b.vector(k)).isEqualTo(a.vector(k));
      assertThat(b.unit(k)).isEqualTo(a.unit(k));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = NestedSettings.Sample.class,
      names = {"UNIFORM", "RWALK", "SLICE", "RSLICE"})
  void oneAndTwoThreadsAgree(NestedSettings.Sample sample) {
    NestedSettings settings =
        NestedSampling.builder().nLive(100).sample(sample).batchSize(4).seed(21).build().settings();
    SearchProblem problem = Problems.gaussian(3);
    NestedRun one = run(settings, problem, 1);
    NestedRun two = run(settings, Problems.gaussian(3), 2);
    assertIdentical(one, two);
    assertThat(Math.abs(one.logZ() - Problems.gaussianLogZ(3)))
        .isLessThan(3 * one.logZError() + 0.1);
  }

  @ParameterizedTest
  @EnumSource(
      value = NestedSettings.Bound.class,
      names = {"SINGLE", "MULTI"})
  void multimodalRunsAgreeAcrossThreads(NestedSettings.Bound bound) {
    NestedSettings settings =
        NestedSampling.builder().nLive(200).bound(bound).batchSize(3).seed(5).build().settings();
    assertIdentical(run(settings, Problems.shells(), 1), run(settings, Problems.shells(), 2));
  }

  @Test
  void defaultSettingsGiveIdenticalRunsOnOneTwoAndFourThreads() {
    NestedSettings settings = NestedSampling.builder().seed(8).build().settings();
    assertThat(settings.batchSize()).isGreaterThan(4);
    NestedRun one = run(settings, Problems.gaussian(3), 1);
    assertIdentical(one, run(settings, Problems.gaussian(3), 2));
    assertIdentical(one, run(settings, Problems.gaussian(3), 4));
    assertThat(Math.abs(one.logZ() - Problems.gaussianLogZ(3))).isLessThan(3 * one.logZError());
  }
}

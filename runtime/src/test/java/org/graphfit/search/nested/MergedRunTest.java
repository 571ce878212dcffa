package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;

/** Merging runs by the likelihoods at which their points were born. */
class MergedRunTest {
  private static RunPoints points(SearchProblem problem, int liveCount, long seed) {
    NestedSettings settings =
        NestedSampling.builder().nLive(liveCount).seed(seed).build().settings();
    NestedSampler sampler = new NestedSampler(settings);
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      SamplerState state = sampler.begin(problem, runner, CheckpointStore.none());
      NestedProgress progress = NestedProgress.start(settings);
      sampler.advance(problem, runner, CheckpointStore.none(), progress, state);
      progress.finish();
      sampler.finish(problem, state, 0);
      return RunPoints.of(state, Double.NEGATIVE_INFINITY, 0);
    }
  }

  @Test
  void aStaticRunMergesIntoItself() {
    SearchProblem problem = Problems.gaussian(3);
    NestedRun run =
        new NestedSampler(NestedSampling.builder().nLive(150).seed(3).build().settings())
            .run(problem);
    MergedRun merged = MergedRun.of(List.of(points(problem, 150, 3)), 0);

    assertThat(merged.size()).isEqualTo(run.size());
    assertThat(merged.liveCount(0)).isEqualTo(150);
    assertThat(merged.liveCount(merged.size() - 150)).isEqualTo(150);
    assertThat(merged.liveCount(merged.size() - 1)).isEqualTo(1);
    // expected shrinkage n / (n + 1) against the static run's exp(-1 / n): H / (2 n) apart
    assertThat(merged.logZ()).isWithin(run.information() / 150).of(run.logZ());
    assertThat(Math.sqrt(merged.logZVariance()))
        .isWithin(0.1 * run.logZError())
        .of(run.logZError());
  }

  @Test
  void twoRunsMergeIntoARunOfTheirSummedLivePoints() {
    SearchProblem problem = Problems.gaussian(3);
    RunPoints a = points(problem, 100, 1);
    RunPoints b = points(problem, 100, 2);
    MergedRun one = MergedRun.of(List.of(a), 0);
    MergedRun merged = MergedRun.of(List.of(a, b), 0);

    assertThat(merged.size()).isEqualTo(a.size + b.size);
    assertThat(merged.liveCount(0)).isEqualTo(200);
    assertThat(merged.liveCount(merged.size() / 2)).isEqualTo(200);
    assertThat(merged.liveCount(merged.size() - 1)).isEqualTo(1);
    assertThat(Math.sqrt(merged.logZVariance()))
        .isWithin(0.1 * Math.sqrt(one.logZVariance() / 2))
        .of(Math.sqrt(one.logZVariance() / 2));
    assertThat(merged.effectiveSampleSize()).isGreaterThan(1.6 * one.effectiveSampleSize());
    assertThat(Math.abs(merged.logZ() - Problems.gaussianLogZ(3)))
        .isLessThan(3 * Math.sqrt(merged.logZVariance()));
  }

  @Test
  void batchesGoWhereThePosteriorIs() {
    SearchProblem problem = Problems.gaussian(3);
    MergedRun merged = MergedRun.of(List.of(points(problem, 100, 4)), 0);
    MergedRun.Range posterior = merged.nextRange(1, 100);
    MergedRun.Range evidence = merged.nextRange(0, 100);

    // the posterior of a unit Gaussian in [-10, 10]^3 lies 6 nats below the prior's volume
    assertThat(posterior.bottom()).isGreaterThan(0);
    assertThat(posterior.logLMin()).isGreaterThan(-0.5 * 3 * Math.log(2 * Math.PI) - 8);
    assertThat(posterior.logVolume()).isLessThan(-1);
    assertThat(evidence.logLMin()).isEqualTo(Double.NEGATIVE_INFINITY);
    int most = merged.size() - 5;
    MergedRun.Range lowered = merged.nextRange(1, most);
    assertThat(lowered.bottom()).isAtMost(4);
    assertThat(merged.size() - 1 - lowered.bottom()).isAtLeast(most);
  }
}

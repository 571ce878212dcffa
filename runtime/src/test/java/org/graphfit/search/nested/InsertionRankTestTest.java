package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;

/**
 * The insertion-rank test: its false-alarm rate on uniform ranks, its power on ranks that pile up
 * for part of a run, and a run it fails for real (two-step random walks on a correlated Gaussian,
 * whose evidence is 18 nats too high) next to one it passes.
 */
class InsertionRankTestTest {
  private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);

  private int[] uniformRanks(int count, int liveCount) {
    int[] ranks = new int[count];
    Arrays.setAll(ranks, k -> rng.nextInt(liveCount));
    return ranks;
  }

  @Test
  void uniformRanksFailAtMostAtTheFalseAlarmRate() {
    int failures = 0;
    int runs = 400;
    for (int run = 0; run < runs; run++) {
      failures += InsertionRankTest.of(uniformRanks(20_000, 500), 500).failed(0.05) ? 1 : 0;
    }
    // binomial(400, 0.05): mean 20, sd 4.4; the Bonferroni bound makes the rate lower
    assertThat(failures).isAtMost(30);
  }

  @Test
  void ranksPilingUpInOneWindowFailTheTest() {
    int[] ranks = uniformRanks(20_000, 500);
    for (int k = 8000; k < 8500; k++) {
      ranks[k] = 250 + rng.nextInt(250);
    }
    InsertionRankTest test = InsertionRankTest.of(ranks, 500);
    assertThat(test.failed(InsertionRankTest.FALSE_ALARM)).isTrue();
    assertThat(test.describe()).contains("in iterations 8000 to 8500");
    assertThat(InsertionRankTest.of(uniformRanks(20_000, 500), 500).failed(1e-3)).isFalse();
  }

  @Test
  void kolmogorovTailMatchesKnownValues() {
    // P(sqrt(m) D > 1.358) = 0.05 and P(> 1.628) = 0.01 for large m
    assertThat(InsertionRankTest.kolmogorovP(1.358 / Math.sqrt(1e6), 1_000_000))
        .isWithin(1e-3)
        .of(0.05);
    assertThat(InsertionRankTest.kolmogorovP(1.628 / Math.sqrt(1e6), 1_000_000))
        .isWithin(2e-4)
        .of(0.01);
  }

  @Test
  void tooShortRandomWalksFailTheTestAndTheRunSaysSo() {
    NestedSettings settings =
        NestedSampling.builder()
            .nLive(300)
            .sample(NestedSettings.Sample.RWALK)
            .walks(2)
            .seed(1)
            .build()
            .settings();
    NestedRun run = new NestedSampler(settings).run(Problems.correlatedGaussian(20, 0.95));
    assertThat(run.logZ() - -20 * Math.log(20)).isGreaterThan(10.0);
    assertThat(run.insertionRankPValue()).isLessThan(1e-10);
  }

  @Test
  void aCorrectRunPassesTheTest() {
    NestedSettings settings =
        NestedSampling.builder()
            .nLive(300)
            .sample(NestedSettings.Sample.UNIFORM)
            .seed(1)
            .build()
            .settings();
    NestedRun run = new NestedSampler(settings).run(Problems.correlatedGaussian(20, 0.95));
    assertThat(Math.abs(run.logZ() - -20 * Math.log(20))).isLessThan(3 * run.logZError());
    assertThat(run.insertionRankPValue()).isGreaterThan(InsertionRankTest.FALSE_ALARM);
  }

  @Test
  void theEngineReportsAFailedTestAsAConcern() {
    NestedSampling engine =
        NestedSampling.builder()
            .nLive(300)
            .sample(NestedSettings.Sample.RWALK)
            .walks(2)
            .seed(1)
            .build();
    SearchRun run;
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      run = engine.run(Problems.correlatedGaussian(20, 0.95), runner, CheckpointStore.none());
    }
    assertThat(run.concerns().stream().map(Concern::check).toList()).contains(Check.INSERTION_RANK);
    assertThat(run.diagnostics().get("insertion_rank_p")).isLessThan(1e-10);
  }
}

package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The genealogy check on a slab and a narrow spike that holds 95% of the evidence: above the slab's
 * peak only the spike is left, and a walk can enter it only while it is wide, when it holds about
 * one live point in a hundred. Walks then grow the spike out of one or two live points; uniform
 * draws in a bound that covers both find it afresh at every iteration. Each check runs one proposal
 * at a time and at the default batch (2 at 100 live points), whose proposals start from the live
 * points of the batch's first iteration.
 */
class LineagesTest {
  private static final double SLAB_SD = 0.1;
  private static final double SPIKE_SD = 0.003;
  private static final double SPIKE_LOG_MASS = 3;

  /** Two normal densities on the unit square, the spike {@code e^3} times the slab's mass. */
  private static SearchProblem slabAndSpike() {
    Prior[] priors = {Prior.uniform(0, 1), Prior.uniform(0, 1)};
    double slabNorm = -Math.log(2 * Math.PI * SLAB_SD * SLAB_SD);
    double spikeNorm = SPIKE_LOG_MASS - Math.log(2 * Math.PI * SPIKE_SD * SPIKE_SD);
    return SearchProblems.of(
        priors,
        x -> {
          double a = (x[0] - 0.3) * (x[0] - 0.3) + (x[1] - 0.3) * (x[1] - 0.3);
          double b = (x[0] - 0.75) * (x[0] - 0.75) + (x[1] - 0.75) * (x[1] - 0.75);
          return Bound.logAddExp(
              slabNorm - a / (2 * SLAB_SD * SLAB_SD), spikeNorm - b / (2 * SPIKE_SD * SPIKE_SD));
        });
  }

  private static double slabLogZ() {
    NormalDistribution normal = new NormalDistribution(0.3, SLAB_SD);
    return 2 * Math.log(normal.cumulativeProbability(1) - normal.cumulativeProbability(0));
  }

  private static double slabAndSpikeLogZ() {
    return Math.log(Math.exp(slabLogZ()) + Math.exp(SPIKE_LOG_MASS));
  }

  /** A search at 100 live points; a batch of 0 leaves the default. */
  private static NestedSampling search(NestedSettings.Sample sample, long seed, int batch) {
    NestedSampling.Builder builder =
        NestedSampling.builder().nLive(100).sample(sample).bound(NestedSettings.Bound.SINGLE);
    if (batch > 0) {
      builder.batchSize(batch);
    }
    return builder.seed(seed).build();
  }

  private static NestedSettings settings(NestedSettings.Sample sample, long seed, int batch) {
    return search(sample, seed, batch).settings();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0})
  void walksThatGrowTheSpikeOutOfAFewLivePointsAreFlaggedAndTheirErrorWidens(int batch) {
    int found = 0;
    for (long seed = 1; seed <= 10; seed++) {
      NestedRun run =
          new NestedSampler(settings(NestedSettings.Sample.RWALK, seed, batch)).run(slabAndSpike());
      if (run.logZ() - slabLogZ() < 1) {
        continue; // no live point ever entered the spike: nothing can tell
      }
      found++;
      assertWithMessage("seed %s", seed).that(run.bottleneck()).isTrue();
      assertThat(run.ancestors()).isLessThan(0.5 * run.neutralAncestors());
      assertThat(run.neutralAncestors()).isGreaterThan(6.0);
      double plain = Math.sqrt(run.information() / 100);
      // the excess, at least the usual variance in a bottleneck, is part of the error
      assertThat(run.logZError()).isAtLeast(Math.sqrt(2) * plain);
      assertThat(Math.abs(run.logZ() - slabAndSpikeLogZ())).isLessThan(4 * run.logZError());
    }
    assertThat(found).isAtLeast(6);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0})
  void uniformDrawsHaveNoParentsAndPassTheCheck(int batch) {
    for (long seed = 1; seed <= 10; seed++) {
      NestedRun run =
          new NestedSampler(settings(NestedSettings.Sample.UNIFORM, seed, batch))
              .run(slabAndSpike());
      assertThat(run.bottleneck()).isFalse();
      assertThat(run.lineageVariance()).isWithin(1e-12).of(0.0);
      assertThat(run.ancestors()).isWithin(1e-9 * run.ancestors()).of(run.neutralAncestors());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0})
  void walksOnOneGaussianPassTheCheck(int batch) {
    for (long seed = 1; seed <= 5; seed++) {
      NestedRun run =
          new NestedSampler(settings(NestedSettings.Sample.RWALK, seed, batch))
              .run(Problems.gaussian(5));
      assertWithMessage("seed %s", seed).that(run.bottleneck()).isFalse();
      // the genealogy adds less than the usual variance H / nLive
      assertThat(run.lineageVariance()).isLessThan(run.information() / 100);
    }
  }

  @Test
  void aParentInABatchIsAPointLiveWhenTheBatchBeganEvenIfReplacedSince() {
    NestedRun run =
        new NestedSampler(settings(NestedSettings.Sample.RWALK, 3, 12)).run(Problems.gaussian(3));
    Lineages lineages = run.lineages();
    int live = 100;
    int[] slots = new int[live];
    Arrays.setAll(slots, k -> k);
    int[] bornAt = new int[live + lineages.iterations()];
    int[] diedAt = new int[live + lineages.iterations()];
    Arrays.fill(diedAt, Integer.MAX_VALUE);
    int replacedBefore = 0;
    int walked = 0;
    for (int j = 0; j < lineages.iterations(); j++) {
      int serial = live + j;
      int parent = lineages.parent(serial);
      int begin = lineages.batchBegin(j);
      if (parent >= 0) { // before the first bound update new points are drawn from the cube
        walked++;
        assertThat(bornAt[parent]).isAtMost(begin);
        assertThat(diedAt[parent]).isAtLeast(begin);
        replacedBefore += diedAt[parent] < j ? 1 : 0;
      }
      int slot = lineages.replacedSlot(j);
      diedAt[slots[slot]] = j;
      bornAt[serial] = j + 1;
      slots[slot] = serial;
    }
    assertThat(walked).isGreaterThan(lineages.iterations() / 2);
    // batches of 12 replace the parents of later proposals in the same batch now and then
    assertThat(replacedBefore).isGreaterThan(0);
  }

  @Test
  void neutralParentsAreDrawnAmongThePointsLiveWhenTheBatchBegan() {
    int live = 4;
    // iterations 0-2 are one batch, 3-4 another; every new point has a parent
    int[] replaced = {0, 1, 2, 3, 0};
    int[] begins = {0, 0, 0, 3, 3};
    int[] parents = new int[live + replaced.length];
    Arrays.fill(parents, -1);
    Arrays.fill(parents, live, parents.length, 0);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    Set<Integer> firstBatch = new HashSet<>();
    Set<Integer> secondBatch = new HashSet<>();
    for (int r = 0; r < 2000; r++) {
      int[] random = Lineages.neutralParents(parents, replaced, begins, live, rng);
      for (int j = 0; j < 3; j++) {
        firstBatch.add(random[live + j]);
      }
      for (int j = 3; j < 5; j++) {
        secondBatch.add(random[live + j]);
      }
    }
    // live at iteration 0: points 0-3, of which 0 (replaced first) was the constraint
    assertThat(firstBatch).containsExactly(1, 2, 3);
    // live at iteration 3: points 4, 5, 6 (in slots 0-2) and 3, of which 3 was the constraint
    assertThat(secondBatch).containsExactly(4, 5, 6);
  }

  @Test
  void theEngineReportsABottleneckAsAConcern() {
    SearchRun run;
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      run =
          search(NestedSettings.Sample.RWALK, 1, 0)
              .run(slabAndSpike(), runner, CheckpointStore.none());
    }
    assertThat(run.concerns().stream().map(Concern::check).toList())
        .contains(Check.LINEAGE_BOTTLENECK);
    assertThat(run.diagnostics().get("ancestors")).isLessThan(3.0);
    String message =
        run.concerns().stream()
            .filter(c -> c.check() == Check.LINEAGE_BOTTLENECK)
            .findFirst()
            .orElseThrow()
            .message();
    // 100 live points, fewer than 3 ancestors: at least 400 to put 10 in the region
    assertThat(message).containsMatch("raise nLive to about [4-9]\\d\\d ");
    assertThat(message).contains("posteriorFraction 0");
    assertThat(message).contains("expectation propagation and nested sampling per factor");
  }
}

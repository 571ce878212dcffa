package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;

/**
 * The genealogy check on a slab and a narrow spike that holds 95% of the evidence: above the slab's
 * peak only the spike is left, and a walk can enter it only while it is wide, when it holds about
 * one live point in a hundred. Walks then grow the spike out of one or two live points; uniform
 * draws in a bound that covers both find it afresh at every iteration.
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

  private static NestedSampling search(NestedSettings.Sample sample, long seed) {
    return NestedSampling.builder()
        .nLive(100)
        .sample(sample)
        .bound(NestedSettings.Bound.SINGLE)
        .batchSize(1) // the genealogy thresholds below were measured one proposal at a time
        .seed(seed)
        .build();
  }

  @Test
  void walksThatGrowTheSpikeOutOfAFewLivePointsAreFlaggedAndTheirErrorWidens() {
    int found = 0;
    for (long seed = 1; seed <= 10; seed++) {
      NestedRun run =
          new NestedSampler(search(NestedSettings.Sample.RWALK, seed).settings())
              .run(slabAndSpike());
      if (run.logZ() - slabLogZ() < 1) {
        continue; // no live point ever entered the spike: nothing can tell
      }
      found++;
      assertWithMessage("seed %s", seed).that(run.bottleneck()).isTrue();
      assertThat(run.ancestors()).isLessThan(3.0);
      assertThat(run.neutralAncestors()).isGreaterThan(6.0);
      double plain = Math.sqrt(run.information() / 100);
      assertThat(run.logZError()).isGreaterThan(2 * plain);
      assertThat(Math.abs(run.logZ() - slabAndSpikeLogZ())).isLessThan(4 * run.logZError());
    }
    assertThat(found).isAtLeast(6);
  }

  @Test
  void uniformDrawsHaveNoParentsAndPassTheCheck() {
    for (long seed = 1; seed <= 10; seed++) {
      NestedRun run =
          new NestedSampler(search(NestedSettings.Sample.UNIFORM, seed).settings())
              .run(slabAndSpike());
      assertThat(run.bottleneck()).isFalse();
      assertThat(run.lineageVariance()).isWithin(1e-12).of(0.0);
      assertThat(run.ancestors()).isWithin(1e-9 * run.ancestors()).of(run.neutralAncestors());
    }
  }

  @Test
  void walksOnOneGaussianPassTheCheck() {
    for (long seed = 1; seed <= 5; seed++) {
      NestedRun run =
          new NestedSampler(search(NestedSettings.Sample.RWALK, seed).settings())
              .run(Problems.gaussian(5));
      assertWithMessage("seed %s", seed).that(run.bottleneck()).isFalse();
      assertThat(run.lineageVariance()).isLessThan(0.02);
    }
  }

  @Test
  void theEngineReportsABottleneckAsAConcern() {
    SearchRun run;
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      run =
          search(NestedSettings.Sample.RWALK, 1)
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

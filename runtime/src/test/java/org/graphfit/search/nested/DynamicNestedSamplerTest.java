package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dynamic nested sampling on Gaussians of known evidence and moments: correct within the reported
 * errors, more effective samples per call than a static run, resumable and independent of the
 * thread count.
 */
class DynamicNestedSamplerTest {
  private static NestedSampling.Builder dynamic(long seed) {
    return NestedSampling.builder()
        .nLive(100)
        .batchLiveCount(100)
        .targetEffectiveSamples(2000)
        .checkpointInterval(200)
        .seed(seed);
  }

  private static DynamicRun run(NestedSettings settings, SearchProblem problem, int threads) {
    return run(settings, problem, threads, CheckpointStore.none());
  }

  private static DynamicRun run(
      NestedSettings settings, SearchProblem problem, int threads, CheckpointStore store) {
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      return new DynamicNestedSampler(settings).run(problem, runner, store);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5})
  void evidenceAndMomentsOfAGaussianWithinTheReportedErrors(int dimension) {
    for (long seed = 1; seed <= 3; seed++) {
      DynamicRun dynamic = run(dynamic(seed).build().settings(), Problems.gaussian(dimension), 1);
      NestedRun run = dynamic.merged();
      double ess = run.effectiveSampleSize();
      assertWithMessage("seed %s: %s", seed, run).that(dynamic.reachedTarget()).isTrue();
      assertThat(dynamic.batches()).isGreaterThan(0);
      assertWithMessage("seed %s: %s against %s", seed, run, Problems.gaussianLogZ(dimension))
          .that(Math.abs(run.logZ() - Problems.gaussianLogZ(dimension)))
          .isLessThan(3 * run.logZError() + 0.02);
      for (int i = 0; i < dimension; i++) {
        assertWithMessage("seed %s mean %s", seed, i)
            .that(run.mean(i))
            .isWithin(4 / Math.sqrt(ess))
            .of(0);
        assertWithMessage("seed %s sd %s", seed, i)
            .that(run.standardDeviation(i))
            .isWithin(4 / Math.sqrt(2 * ess) + 0.01)
            .of(1);
      }
    }
  }

  @Test
  void moreEffectiveSamplesThanAStaticRunOfAsManyCalls() {
    SearchProblem problem = Problems.gaussian(3);
    NestedRun dynamic =
        run(dynamic(4).targetEffectiveSamples(3000).build().settings(), problem, 1).merged();
    NestedRun small =
        new NestedSampler(NestedSampling.builder().nLive(100).seed(4).build().settings())
            .run(problem);
    int liveCount = (int) Math.ceil(100.0 * dynamic.calls() / small.calls());
    NestedRun same =
        new NestedSampler(NestedSampling.builder().nLive(liveCount).seed(4).build().settings())
            .run(problem);

    assertWithMessage("static %s against dynamic %s", same, dynamic)
        .that(same.calls())
        .isAtLeast((long) (0.9 * dynamic.calls()));
    assertWithMessage("static %s against dynamic %s", same, dynamic)
        .that(dynamic.effectiveSampleSize())
        .isGreaterThan(1.5 * same.effectiveSampleSize());
    assertThat(Math.abs(dynamic.logZ() - Problems.gaussianLogZ(3)))
        .isLessThan(3 * dynamic.logZError() + 0.02);
  }

  @Test
  void sameResultOnOneAndTwoThreads() {
    NestedSettings settings = dynamic(6).batchSize(4).build().settings();
    NestedSamplerDeterminismTest.assertIdentical(
        run(settings, Problems.gaussian(3), 1).merged(),
        run(settings, Problems.gaussian(3), 2).merged());
  }

  /** Kills on the given save: the first saves are the static run's, the last ones the batches'. */
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 6})
  void resumedAfterAKillEqualsTheUninterruptedRun(int killedSave) {
    NestedSettings settings = dynamic(7).targetEffectiveSamples(3000).build().settings();
    NestedRun uninterrupted = run(settings, Problems.gaussian(3), 1).merged();

    CountingStore counting = new CountingStore();
    run(settings, Problems.gaussian(3), 1, counting);
    assertThat(counting.staticSaves).isAtLeast(3);
    assertThat(counting.dynamicSaves).isAtLeast(3);

    NestedSamplerCheckpointTest.KillingStore store =
        new NestedSamplerCheckpointTest.KillingStore(
            killedSave < 4 ? killedSave : counting.staticSaves + killedSave - 4);
    IllegalStateException kill =
        assertThrows(
            IllegalStateException.class, () -> run(settings, Problems.gaussian(3), 1, store));
    assertThat(kill).hasMessageThat().isEqualTo("killed");
    NestedRun resumed = run(settings, Problems.gaussian(3), 2, store.unlimited()).merged();

    NestedSamplerDeterminismTest.assertIdentical(uninterrupted, resumed);
  }

  @Test
  void aFinishedRunResumesWithoutALikelihoodCall() {
    NestedSettings settings = dynamic(8).build().settings();
    NestedSamplerCheckpointTest.KillingStore store =
        new NestedSamplerCheckpointTest.KillingStore(-1);
    NestedRun first = run(settings, Problems.gaussian(2), 1, store).merged();
    long[] calls = new long[1];
    SearchProblem counted =
        org.graphfit.search.SearchProblems.of(
            new org.graphfit.prior.Prior[] {
              org.graphfit.prior.Prior.uniform(-10, 10), org.graphfit.prior.Prior.uniform(-10, 10)
            },
            x -> {
              calls[0]++;
              return -0.5 * (x[0] * x[0] + x[1] * x[1]) - Math.log(2 * Math.PI);
            });
    NestedRun again = run(settings, counted, 1, store).merged();
    assertThat(calls[0]).isEqualTo(0);
    NestedSamplerDeterminismTest.assertIdentical(first, again);
  }

  @Test
  void rejectsACheckpointWithOtherBatchSettings() {
    NestedSamplerCheckpointTest.KillingStore store =
        new NestedSamplerCheckpointTest.KillingStore(-1);
    run(dynamic(9).build().settings(), Problems.gaussian(2), 1, store);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    dynamic(9).batchLiveCount(50).build().settings(),
                    Problems.gaussian(2),
                    1,
                    store));
    assertThat(e).hasMessageThat().contains("batches of 100 live points");
  }

  @Test
  void aTruncatedOrCorruptCheckpointIsAClearError() {
    NestedSettings settings = dynamic(12).build().settings();
    NestedSamplerCheckpointTest.KillingStore store =
        new NestedSamplerCheckpointTest.KillingStore(-1);
    run(settings, Problems.gaussian(2), 1, store);
    byte[] whole = store.load().orElseThrow();
    for (int length : new int[] {6, 30, whole.length / 2, whole.length - 1}) {
      store.save(java.util.Arrays.copyOf(whole, length));
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class, () -> run(settings, Problems.gaussian(2), 1, store));
      assertWithMessage("truncated to %s bytes", length)
          .that(e)
          .hasMessageThat()
          .containsMatch("truncated or corrupt|does not fit");
    }
    byte[] otherVersion = whole.clone();
    otherVersion[7] = 9;
    store.save(otherVersion);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> run(settings, Problems.gaussian(2), 1, store));
    assertThat(e).hasMessageThat().contains("has version 9");
  }

  @Test
  void rejectsBatchesTooSmallForTheirBound() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(dynamic(13).batchLiveCount(5).build().settings(), Problems.gaussian(5), 1));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("batchLiveCount (5) must exceed the dimension (5) to fit bounding ellipsoids");
  }

  @Test
  void walksAndSlicesResumeAndAgreeAcrossThreads() {
    for (NestedSettings.Sample sample :
        new NestedSettings.Sample[] {NestedSettings.Sample.RWALK, NestedSettings.Sample.RSLICE}) {
      NestedSettings settings = dynamic(14).sample(sample).batchSize(3).build().settings();
      DynamicRun one = run(settings, Problems.gaussian(3), 1);
      NestedSamplerCheckpointTest.KillingStore store =
          new NestedSamplerCheckpointTest.KillingStore(4);
      assertThrows(
          IllegalStateException.class, () -> run(settings, Problems.gaussian(3), 1, store));
      DynamicRun resumed = run(settings, Problems.gaussian(3), 2, store.unlimited());
      NestedSamplerDeterminismTest.assertIdentical(one.merged(), resumed.merged());
      assertThat(one.batches()).isGreaterThan(0);
      assertThat(Math.abs(one.merged().logZ() - Problems.gaussianLogZ(3)))
          .isLessThan(3 * one.merged().logZError() + 0.05);
    }
  }

  @Test
  void aLikelihoodThatThrowsInARegionCountsAsZeroInTheBatchesToo() {
    SearchProblem problem =
        org.graphfit.search.SearchProblems.of(
            new org.graphfit.prior.Prior[] {
              org.graphfit.prior.Prior.uniform(-10, 10), org.graphfit.prior.Prior.uniform(-10, 10)
            },
            x -> {
              if (x[0] > 0.5 && x[1] > 0.5) {
                throw new IllegalStateException("no model there");
              }
              return -0.5 * (x[0] * x[0] + x[1] * x[1]) - Math.log(2 * Math.PI);
            });
    DynamicRun run = run(dynamic(15).build().settings(), problem, 1);
    // the Gaussian's mass outside the quadrant x, y > 0.5: 1 - 0.3085^2
    double truth = Problems.gaussianLogZ(2) + Math.log(1 - 0.30854 * 0.30854);
    assertThat(run.batches()).isGreaterThan(0);
    assertThat(Math.abs(run.merged().logZ() - truth)).isLessThan(3 * run.merged().logZError());
    assertThat(run.merged().failedCalls()).isGreaterThan(run.initial().failedCalls());
    assertThat(run.merged().firstFailure()).contains("no model there");
    for (int k = 0; k < run.merged().size(); k++) {
      double[] x = run.merged().vector(k);
      assertThat(x[0] > 0.5 && x[1] > 0.5).isFalse();
    }
  }

  @Test
  void stopsAtTheBatchLimit() {
    DynamicRun run =
        run(
            dynamic(10).targetEffectiveSamples(1e6).maxBatches(2).build().settings(),
            Problems.gaussian(2),
            1);
    assertThat(run.batches()).isEqualTo(2);
    assertThat(run.reachedTarget()).isFalse();
  }

  @Test
  void aStaticRunAddsNoBatch() {
    NestedSettings settings = NestedSampling.builder().nLive(100).seed(11).build().settings();
    DynamicRun run = run(settings, Problems.gaussian(2), 1);
    assertThat(run.batches()).isEqualTo(0);
    NestedSamplerDeterminismTest.assertIdentical(
        run.initial(), new NestedSampler(settings).run(Problems.gaussian(2)));
  }

  /** Counts the static run's saves and the saves after batches. */
  private static final class CountingStore implements CheckpointStore {
    private byte[] state;
    int staticSaves;
    int dynamicSaves;

    @Override
    public java.util.Optional<byte[]> load() {
      return java.util.Optional.ofNullable(state);
    }

    @Override
    public void save(byte[] bytes) {
      boolean dynamic = bytes[0] == 'D' && bytes[1] == 'Y';
      staticSaves += dynamic ? 0 : 1;
      dynamicSaves += dynamic ? 1 : 0;
      state = bytes;
    }
  }
}

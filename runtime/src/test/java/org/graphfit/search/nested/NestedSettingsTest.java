package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Defaults, automatic choices and validation messages. */
class NestedSettingsTest {
  private static void assertRejected(Executable setter, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, setter);
    assertThat(e).hasMessageThat().isEqualTo(message);
  }

  @Test
  void defaultsFollowDynesty() {
    NestedSettings s = NestedSampling.builder().build().settings();
    assertThat(s.nLive()).isEqualTo(500);
    assertThat(s.bound()).isEqualTo(NestedSettings.Bound.MULTI);
    assertThat(s.sample()).isEqualTo(NestedSettings.Sample.AUTO);
    assertThat(s.dlogz()).isEqualTo(0.1);
    assertThat(s.enlarge()).isEqualTo(1.25);
    assertThat(s.walks()).isEqualTo(25);
    assertThat(s.firstUpdateCalls()).isEqualTo(1000);
    assertThat(s.firstUpdateEfficiency()).isEqualTo(0.1);
    assertThat(s.batchSize()).isEqualTo(12);
    assertThat(s.maxCalls()).isEqualTo(Long.MAX_VALUE);
    NestedSettings.Sample uniform = NestedSettings.Sample.UNIFORM;
    NestedSettings.Sample rslice = NestedSettings.Sample.RSLICE;
    assertThat(s.updateInterval(uniform, 2)).isEqualTo(750);
    assertThat(s.updateInterval(uniform, 20)).isEqualTo(3000);
    assertThat(s.updateInterval(NestedSettings.Sample.RWALK, 5))
        .isEqualTo(Math.round(0.15 * 25 * 500));
    assertThat(s.slices(rslice, 20)).isEqualTo(60);
    assertThat(s.slices(rslice, 1)).isEqualTo(5);
    assertThat(s.slices(NestedSettings.Sample.SLICE, 20)).isEqualTo(5);
    assertThat(s.folds(3)).isEqualTo(0);
    assertThat(s.folds(4)).isEqualTo(5);
    assertThat(NestedSampling.builder().folds(0).build().settings().folds(20)).isEqualTo(0);
    assertThat(s.toMap()).containsEntry("folds", "auto");
    assertThat(
            NestedSampling.builder()
                .updateInterval(77)
                .build()
                .settings()
                .updateInterval(rslice, 20))
        .isEqualTo(77);
  }

  @Test
  void dynamicSettingsEnterTheIdentifierOnlyWhenSet() {
    NestedSettings plain = NestedSampling.builder().build().settings();
    assertThat(plain.dynamic()).isFalse();
    assertThat(plain.toMap()).doesNotContainKey("target_effective_samples");
    assertThat(plain.toMap()).doesNotContainKey("max_batches");
    assertThat(plain.toMap()).doesNotContainKey("batch_live_points");
    assertThat(plain.toMap()).doesNotContainKey("posterior_fraction");
    assertThat(NestedSampling.builder().maxBatches(3).build().settings().toMap())
        .isEqualTo(plain.toMap());

    NestedSampling search =
        NestedSampling.builder().targetEffectiveSamples(5000).posteriorFraction(0.5).build();
    NestedSettings dynamic = search.settings();
    assertThat(dynamic.dynamic()).isTrue();
    assertThat(dynamic.batchLiveCount()).isEqualTo(500);
    assertThat(dynamic.maxBatches()).isEqualTo(20);
    assertThat(dynamic.toMap()).containsEntry("target_effective_samples", 5000.0);
    assertThat(dynamic.toMap()).containsEntry("max_batches", 20);
    assertThat(dynamic.toMap()).containsEntry("batch_live_points", "auto");
    assertThat(dynamic.toMap()).containsEntry("posterior_fraction", 0.5);
    assertThat(search.withSeed(3).settings().toMap()).containsEntry("posterior_fraction", 0.5);
    assertThat(search.withSeed(3).settings().targetEffectiveSamples()).isEqualTo(5000.0);
  }

  @Test
  void rejectsBadDynamicSettings() {
    NestedSampling.Builder b = NestedSampling.builder();
    assertRejected(
        () -> b.targetEffectiveSamples(0),
        "targetEffectiveSamples must be positive and finite but was 0.0");
    assertRejected(
        () -> b.targetEffectiveSamples(Double.NaN),
        "targetEffectiveSamples must be positive and finite but was NaN");
    assertRejected(() -> b.maxBatches(0), "maxBatches must be at least 1 but was 0");
    assertRejected(() -> b.batchLiveCount(1), "batchLiveCount must be at least 2 but was 1");
    assertRejected(
        () -> b.posteriorFraction(1.5), "posteriorFraction must be in [0, 1] but was 1.5");
  }

  @Test
  void defaultBatchFollowsTheLivePointsNotTheThreads() {
    assertThat(NestedSampling.builder().nLive(50).build().settings().batchSize()).isEqualTo(1);
    assertThat(NestedSampling.builder().nLive(100).build().settings().batchSize()).isEqualTo(2);
    assertThat(NestedSampling.builder().nLive(250).build().settings().batchSize()).isEqualTo(6);
    assertThat(NestedSampling.builder().nLive(5000).build().settings().batchSize()).isEqualTo(12);
    assertThat(NestedSampling.builder().batchSize(3).build().settings().batchSize()).isEqualTo(3);
    assertThat(NestedSampling.builder().build().settings().toMap())
        .containsEntry("batch_size", "auto");
    assertThat(NestedSampling.builder().batchSize(12).build().settings().toMap())
        .containsEntry("batch_size", 12);
  }

  @Test
  void validationMessagesNameTheSetting() {
    NestedSampling.Builder b = NestedSampling.builder();
    assertRejected(() -> b.nLive(1), "nLive must be at least 2 but was 1");
    assertRejected(() -> b.dlogz(0), "dlogz must be positive and finite but was 0.0");
    assertRejected(() -> b.dlogz(Double.NaN), "dlogz must be positive and finite but was NaN");
    assertRejected(() -> b.maxIterations(0), "maxIterations must be at least 1 but was 0");
    assertRejected(() -> b.maxCalls(-5), "maxCalls must be at least 1 but was -5");
    assertRejected(() -> b.updateInterval(0), "updateInterval must be at least 1 but was 0");
    assertRejected(() -> b.enlarge(0.9), "enlarge must be at least 1 and finite but was 0.9");
    assertRejected(() -> b.walks(1), "walks must be at least 2 but was 1");
    assertRejected(() -> b.slices(0), "slices must be at least 1 but was 0");
    assertRejected(() -> b.folds(1), "folds must be 0 or at least 2 but was 1");
    assertRejected(
        () -> b.firstUpdateCalls(-1), "firstUpdateCalls must not be negative but was -1");
    assertRejected(
        () -> b.firstUpdateEfficiency(1.5), "firstUpdateEfficiency must be in (0, 1] but was 1.5");
    assertRejected(
        () -> b.checkpointInterval(0), "checkpointInterval must be at least 1 but was 0");
    assertRejected(() -> b.batchSize(0), "batchSize must be at least 1 but was 0");
    assertThrows(NullPointerException.class, () -> b.bound(null));
  }

  @Test
  void limitsStopTheRun() {
    NestedRun run =
        new NestedSampler(NestedSampling.builder().nLive(50).maxIterations(100).build().settings())
            .run(Problems.gaussian(2));
    assertThat(run.iterations()).isEqualTo(100);
    NestedRun calls =
        new NestedSampler(NestedSampling.builder().nLive(50).maxCalls(300).build().settings())
            .run(Problems.gaussian(2));
    assertThat(calls.calls()).isAtLeast(300);
    assertThat(calls.calls()).isLessThan(310);
  }

  @Test
  void withSeedChangesOnlyTheSeed() {
    NestedSampling search =
        NestedSampling.builder().nLive(123).walks(7).dlogz(0.3).batchSize(2).seed(1).build();
    NestedSettings settings = search.settings();
    NestedSettings reseeded = search.withSeed(99).settings();

    java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>(settings.toMap());
    expected.put("seed", 99L);
    assertThat(reseeded.toMap()).containsExactlyEntriesIn(expected).inOrder();
    assertThat(reseeded.seed()).isEqualTo(99L);
  }
}

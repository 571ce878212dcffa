package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run killed after some checkpoints and resumed ends exactly like an uninterrupted run. */
class NestedSamplerCheckpointTest {
  /**
   * Keeps the last state in memory and throws, simulating a kill, on the save after {@code limit}.
   */
  static final class KillingStore implements CheckpointStore {
    private byte[] state;
    private int saves;
    private int limit;

    KillingStore(int limit) {
      this.limit = limit;
    }

    /** This store, no longer killing. */
    KillingStore unlimited() {
      limit = -1;
      return this;
    }

    @Override
    public Optional<byte[]> load() {
      return Optional.ofNullable(state);
    }

    @Override
    public void save(byte[] bytes) {
      if (saves++ == limit) {
        throw new IllegalStateException("killed");
      }
      state = bytes.clone();
    }
  }

  private static NestedRun run(
      NestedSettings settings, SearchProblem problem, CheckpointStore store) {
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      return new NestedSampler(settings).run(problem, runner, store);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = NestedSettings.Sample.class,
      names = {"UNIFORM", "RWALK", "RSLICE"})
  void resumedRunEqualsUninterruptedRun(NestedSettings.Sample sample) {
    NestedSettings settings =
        NestedSampling.builder()
            .nLive(100)
            .sample(sample)
            .checkpointInterval(150)
            .batchSize(2)
            .seed(8)
            .build()
            .settings();
    NestedRun uninterrupted = run(settings, Problems.gaussian(3), CheckpointStore.none());

    KillingStore store = new KillingStore(3);
    IllegalStateException kill =
        assertThrows(IllegalStateException.class, () -> run(settings, Problems.gaussian(3), store));
    assertThat(kill).hasMessageThat().isEqualTo("killed");
    assertThat(store.load()).isPresent();
    store.limit = -1;
    NestedRun resumed = run(settings, Problems.gaussian(3), store);

    NestedSamplerDeterminismTest.assertIdentical(uninterrupted, resumed);
  }

  @Test
  void resumesTheMultiEllipsoidBoundOfAMultimodalProblem() {
    NestedSettings settings =
        NestedSampling.builder().nLive(200).checkpointInterval(300).seed(3).build().settings();
    NestedRun uninterrupted = run(settings, Problems.shells(), CheckpointStore.none());
    KillingStore store = new KillingStore(2);
    assertThrows(IllegalStateException.class, () -> run(settings, Problems.shells(), store));
    store.limit = -1;
    NestedSamplerDeterminismTest.assertIdentical(
        uninterrupted, run(settings, Problems.shells(), store));
  }

  @Test
  void rejectsACheckpointOfAnotherRun() {
    NestedSettings settings =
        NestedSampling.builder().nLive(50).checkpointInterval(10).seed(1).build().settings();
    KillingStore store = new KillingStore(1);
    assertThrows(IllegalStateException.class, () -> run(settings, Problems.gaussian(2), store));
    NestedSettings other =
        NestedSampling.builder().nLive(50).checkpointInterval(10).seed(2).build().settings();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> run(other, Problems.gaussian(2), store));
    assertThat(e).hasMessageThat().contains("seed 1");
  }
}

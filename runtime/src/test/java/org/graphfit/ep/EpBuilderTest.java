package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every EP setting refuses a value that cannot work, saying what it got and what it needs. */
class EpBuilderTest {
  private static void assertRefused(Executable setting, String message) {
    RuntimeException error = assertThrows(RuntimeException.class, setting);
    assertThat(error).hasMessageThat().contains(message);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    ExpectationPropagation.Builder builder = ExpectationPropagation.builder();
    assertRefused(() -> builder.damping(1), "damping must be in [0, 0.95] but was 1.0");
    assertRefused(
        () -> builder.damping(0.999999),
        "damping must be in [0, 0.95] but was 0.999999; a damping d moves each message 1 - d of"
            + " the way per sweep");
    assertRefused(() -> builder.damping(-0.1), "damping must be in [0, 0.95] but was -0.1");
    assertRefused(() -> builder.damping(Double.NaN), "damping must be in [0, 0.95] but was NaN");
    assertRefused(() -> builder.maxSweeps(0), "maxSweeps must be at least 1 but was 0");
    assertRefused(
        () -> builder.maxFailures(0),
        "maxFailures must be at least 1 but was 0; use Integer.MAX_VALUE to never exclude");
    assertRefused(() -> builder.tolerance(0), "tolerance must be positive but was 0.0");
    assertRefused(() -> builder.tolerance(Double.NaN), "tolerance must be positive but was NaN");
    assertRefused(() -> builder.threads(0), "threads must be at least 1 but was 0");
    assertRefused(() -> builder.sampler(null), "search");
    assertRefused(() -> builder.output(null, "ep"), "root");
    assertRefused(() -> builder.output(Path.of("output"), null), "name");
    assertRefused(() -> builder.tag(null), "tag");
    assertRefused(() -> builder.onLaplaceMismatch(null), "action");
    assertRefused(() -> builder.laplaceFallback(null), "search");
    assertRefused(() -> builder.historyInMemory(0), "historyInMemory must be at least 1 but was 0");
  }

  @Test
  void toBuilderStartsFromEverySetting() {
    EpHooks hooks = (paths, result) -> {};
    ExpectationPropagation ep =
        ExpectationPropagation.builder()
            .damping(0.3)
            .maxSweeps(7)
            .maxFailures(2)
            .tolerance(1e-4)
            .threads(3)
            .seed(11)
            .correctedMarginals(false)
            .output(Path.of("output"), "ep")
            .tag("tagged")
            .onLaplaceMismatch(LaplaceMismatch.WARN)
            .historyInMemory(9)
            .noiseFloorConvergence(false)
            .lockWait(Duration.ofSeconds(2))
            .factorOutput(FactorOutput.RESULTS_AND_HOOKS)
            .report(false)
            .hooks(hooks)
            .keepSearchOutput(true)
            .build();
    assertThat(ep.toBuilder().build().settings()).isEqualTo(ep.settings());
    EpSettings changed = ep.toBuilder().seed(12).build().settings();
    assertThat(changed.seed()).isEqualTo(12);
    assertThat(changed.damping()).isEqualTo(0.3);
    assertThat(changed.lockWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(changed.factorOutput()).isEqualTo(FactorOutput.RESULTS_AND_HOOKS);
    assertThat(changed.report()).isFalse();
    assertThat(changed.hooks()).isSameInstanceAs(hooks);
    assertThat(changed.keepSearchOutput()).isTrue();
    assertThat(ep.settings().seed()).isEqualTo(11);
  }
}

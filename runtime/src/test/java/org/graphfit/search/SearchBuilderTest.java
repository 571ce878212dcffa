package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.Analysis;
import org.graphfit.prior.Prior;
import org.graphfit.search.mcmc.EnsembleMcmc;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.optimize.Objective;
import org.graphfit.search.optimize.Optimization;
import org.graphfit.search.optimize.OptimizationSettings;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options every search's builder shares, with the same names and checks on every engine, and
 * the copies a built search makes of itself.
 */
class SearchBuilderTest {
  private static final Path ROOT = Path.of("output");

  /** Sets every option away from its default. */
  private static <B extends SearchBuilder<B>> B everyOption(B builder) {
    return builder
        .threads(3)
        .output(ROOT, "fit")
        .tag("v2")
        .lockWait(Duration.ofSeconds(5))
        .visualizeInterval(Duration.ZERO)
        .report(false);
  }

  private static final SearchOptions EVERY_OPTION =
      new SearchOptions(3, ROOT, "fit", "v2", Duration.ofSeconds(5), Duration.ZERO, false);

  @Test
  void everyBuilderSetsTheSameOptionsAndItsSearchKeepsThem() {
    List<ProblemSearch> searches =
        List.of(
            everyOption(NestedSampling.builder().nLive(50)).build(),
            everyOption(EnsembleMcmc.builder().chains(2)).build(),
            everyOption(Optimization.builder().restarts(1)).build());

    for (ProblemSearch search : searches) {
      assertThat(search.options()).isEqualTo(EVERY_OPTION);
    }
    assertThat(NestedSampling.builder().build().options()).isEqualTo(SearchOptions.defaults());
  }

  @Test
  void toBuilderCopiesSettingsAndOptionsAndWithSeedChangesOnlyTheSeed() {
    NestedSampling nested =
        everyOption(NestedSampling.builder().nLive(50).walks(7).seed(1)).build();
    EnsembleMcmc mcmc = everyOption(EnsembleMcmc.builder().chains(2).seed(1)).build();
    Optimization optimization =
        everyOption(
                Optimization.builder()
                    .method(OptimizationSettings.Method.LBFGS)
                    .objective(Objective.LOG_LIKELIHOOD)
                    .restarts(0)
                    .laplaceDraws(10)
                    .seed(1))
            .build();

    assertSameSearch(nested.toBuilder().build(), nested);
    assertSameSearch(mcmc.toBuilder().build(), mcmc);
    assertSameSearch(optimization.toBuilder().build(), optimization);
    for (ProblemSearch search : List.of(nested, mcmc, optimization)) {
      ProblemSearch reseeded = search.withSeed(9);
      Map<String, Object> expected = new LinkedHashMap<>(search.settingsMap());
      expected.put("seed", 9L);
      assertThat(reseeded.settingsMap()).isEqualTo(expected);
      assertThat(reseeded.options()).isEqualTo(search.options());
    }
    assertThat(nested.toBuilder().noOutput().build().options().writesOutput()).isFalse();
  }

  private static void assertSameSearch(ProblemSearch copy, ProblemSearch original) {
    assertThat(copy.name()).isEqualTo(original.name());
    assertThat(copy.settingsMap()).isEqualTo(original.settingsMap());
    assertThat(copy.options()).isEqualTo(original.options());
  }

  @Test
  void badOptionsAreRefusedWithTheSameMessageOnEveryEngine() {
    for (SearchBuilder<?> builder :
        List.<SearchBuilder<?>>of(
            NestedSampling.builder(), EnsembleMcmc.builder(), Optimization.builder())) {
      assertRefused(() -> builder.threads(0), "threads must be at least 1 but was 0");
      assertRefused(
          () -> builder.lockWait(Duration.ofSeconds(-1)),
          "the lock wait must not be negative but was PT-1S");
      assertRefused(
          () -> builder.visualizeInterval(Duration.ofMillis(-1)),
          "the visualize interval must not be negative but was PT-0.001S");
    }
    assertRefused(
        () -> Optimization.builder().restarts(-1), "restarts must be at least 0 but was -1");
    assertRefused(
        () -> Optimization.builder().laplaceDraws(0), "laplaceDraws must be at least 1 but was 0");
    assertRefused(
        () -> new SearchOptions(1, ROOT, null, "", Duration.ZERO, Duration.ZERO, true),
        "an output folder needs both a root and a name");
  }

  @Test
  void theOutputPathFollowsTheOptionsAndIsEmptyWithoutOutput(@TempDir Path root) {
    ValueModel model = new ValueModel(Prior.uniform(0, 1));
    Analysis<Double> analysis = x -> 0.0;
    NestedSampling plain = NestedSampling.builder().nLive(20).build();
    NestedSampling writing = plain.toBuilder().output(root, "a/b").build();

    assertThat(plain.outputPath(model.layout(), analysis)).isEmpty();
    assertThat(writing.outputPath(model.layout(), analysis).orElseThrow().getParent())
        .isEqualTo(root.resolve("a/b"));
    assertThat(writing.toBuilder().threads(1).build().outputPath(model.layout(), analysis))
        .isEqualTo(writing.outputPath(model.layout(), analysis));
    assertThat(writing.toBuilder().tag("x").build().outputPath(model.layout(), analysis))
        .isNotEqualTo(writing.outputPath(model.layout(), analysis));
  }

  private static void assertRefused(Runnable call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertThat(e).hasMessageThat().contains(message);
  }
}

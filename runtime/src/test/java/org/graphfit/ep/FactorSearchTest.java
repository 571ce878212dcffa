package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Model;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.NonLinearSearch;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Result;
import org.graphfit.search.SearchOptions;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A factor's own search: expectation propagation runs any {@link ProblemSearch} with its settings,
 * reseeded per update and on its own threads, and refuses, when the fit is built, a search it
 * cannot run and one that writes an output folder of its own.
 */
class FactorSearchTest {
  private static final double TAU = 2;
  private static final double NOISE = 1;
  private static final double[] Y = HierarchicalToys.simulate(31, 5, 3, TAU, NOISE);

  /** Three measurements of centres drawn around mu; the first factor has the given own search. */
  private static FactorGraph graph(NonLinearSearch own) {
    Parameter mu = Parameter.free(Prior.gaussian(0, 10));
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(GaussianParent.INSTANCE, mu, Parameter.fixed(TAU));
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < Y.length; i++) {
      GaussianModel model =
          GaussianModel.withDefaults()
              .centre(Prior.gaussian(0, HierarchicalToys.CENTRE_PRIOR_SD))
              .normalization(1.0)
              .sigma(1.0);
      AnalysisFactor<Gaussian> factor =
          AnalysisFactor.of(model, HierarchicalToys.measurement(Y[i], NOISE)).named("d" + i);
      graph.add(i == 0 ? factor.withSearch(own) : factor);
      hierarchy.draw(model.centre());
    }
    graph.add(hierarchy);
    return graph;
  }

  private static EpResult fit(NonLinearSearch own) {
    return ExpectationPropagation.builder()
        .seed(3)
        .maxSweeps(3)
        .tolerance(1e-3)
        .build()
        .fit(graph(own));
  }

  @Test
  void aFactorsOwnSearchRunsWithItsSettingsOnItsThreadsReseededForEveryUpdate() {
    Recording own = new Recording(NestedSampling.builder().nLive(60).seed(5).threads(3).build());

    EpResult result = fit(own);

    long d0Updates = result.history().stream().filter(u -> u.factor().equals("d0")).count();
    assertThat(d0Updates).isAtLeast(2);
    assertThat(own.runs).hasSize((int) d0Updates);
    for (Run run : own.runs) {
      assertThat(run.threads()).isEqualTo(3);
      assertThat(run.settings()).containsEntry("n_live", 60);
    }
    List<Long> seeds = own.runs.stream().map(Run::seed).toList();
    assertThat(new HashSet<>(seeds)).hasSize(seeds.size());
    assertThat(seeds).doesNotContain(5L);
  }

  @Test
  void theOwnSearchsThreadsDoNotChangeTheResult() {
    EpResult one = fit(NestedSampling.builder().nLive(60).threads(1).build());
    EpResult three = fit(NestedSampling.builder().nLive(60).threads(3).build());

    assertThat(three.summary("d0.centre").mean()).isEqualTo(one.summary("d0.centre").mean());
    assertThat(three.logEvidence()).isEqualTo(one.logEvidence());
  }

  @Test
  void theOwnSearchsSettingsDecideTheUpdates() {
    EpResult sixty = fit(NestedSampling.builder().nLive(60).threads(1).build());
    EpResult eighty = fit(NestedSampling.builder().nLive(80).threads(1).build());

    assertThat(eighty.summary("d0.centre").mean()).isNotEqualTo(sixty.summary("d0.centre").mean());
  }

  @Test
  void aSearchThatOnlyFitsModelsIsRefusedNamingTheFactorAndWhatToPass() {
    NonLinearSearch modelsOnly =
        new NonLinearSearch() {
          @Override
          public <T> Result<T> fit(Model<T> model, Analysis<T> analysis) {
            throw new AssertionError("never called");
          }
        };

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fit(modelsOnly));

    assertThat(e).hasMessageThat().contains("factor d0 has its own search of type");
    assertThat(e).hasMessageThat().contains("give the factor a ProblemSearch");
  }

  @Test
  void anOwnSearchWithAnOutputFolderIsRefusedWhenTheFitIsBuilt(@TempDir Path root) {
    NestedSampling writing = NestedSampling.builder().nLive(60).output(root, "own").build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(writing));
    IllegalArgumentException identity =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ExpectationPropagation.builder()
                    .output(root, "ep")
                    .build()
                    .outputPath(graph(writing)));

    assertThat(e).hasMessageThat().contains("the own search of factor d0 writes an output folder");
    assertThat(e).hasMessageThat().contains("build it without output(...)");
    assertThat(identity).hasMessageThat().isEqualTo(e.getMessage());
    assertThat(fit(writing.toBuilder().noOutput().build()).history()).isNotEmpty();
  }

  @Test
  void aSamplerOrFallbackWithAnOutputFolderIsRefusedByTheBuilder(@TempDir Path root) {
    NestedSampling writing = NestedSampling.builder().output(root, "sampler").build();

    IllegalArgumentException sampler =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExpectationPropagation.builder().sampler(writing));
    IllegalArgumentException fallback =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExpectationPropagation.builder().laplaceFallback(writing));

    assertThat(sampler).hasMessageThat().startsWith("the sampler writes an output folder");
    assertThat(fallback)
        .hasMessageThat()
        .startsWith("the Laplace fallback writes an output folder");
  }

  /** One run of a recorded search. */
  private record Run(long seed, int threads, Map<String, Object> settings) {}

  /** Records every run of a search: the seed it was given, its threads and its settings. */
  private static final class Recording implements ProblemSearch {
    private final ProblemSearch search;
    private final long seed;
    private final List<Run> runs;

    Recording(ProblemSearch search) {
      this(search, Long.MIN_VALUE, Collections.synchronizedList(new ArrayList<>()));
    }

    private Recording(ProblemSearch search, long seed, List<Run> runs) {
      this.search = search;
      this.seed = seed;
      this.runs = runs;
    }

    @Override
    public String name() {
      return search.name();
    }

    @Override
    public Map<String, Object> settingsMap() {
      return search.settingsMap();
    }

    @Override
    public SearchOptions options() {
      return search.options();
    }

    @Override
    public ProblemSearch withSeed(long newSeed) {
      return new Recording(search.withSeed(newSeed), newSeed, runs);
    }

    @Override
    public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
      runs.add(new Run(seed, runner.threads(), settingsMap()));
      return search.run(problem, runner, checkpoints);
    }
  }
}

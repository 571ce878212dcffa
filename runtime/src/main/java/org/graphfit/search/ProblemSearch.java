package org.graphfit.search;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;

/**
 * A {@link NonLinearSearch} that runs on any {@link SearchProblem}, not only on a model and
 * analysis: nested sampling, ensemble MCMC and optimization are. Expectation propagation runs such
 * searches on each factor's tilted distribution, reseeded per update ({@link #withSeed(long)}).
 *
 * <p>{@link #fit(Model, Analysis)} adds to {@link #run} what every search shares, set by its {@link
 * #options()}: the threads, the output folder with loading, resuming and its lock, the analysis's
 * hooks and the report (see {@link SearchBuilder}). A search of one's own that implements this
 * interface gets all of it, and expectation propagation can use it.
 *
 * <pre>{@code
 * NonLinearSearch search =
 *     NestedSampling.builder().nLive(500).seed(1).threads(2).output(Path.of("output"), "seed/joint").build();
 * Result<Gaussian> result = search.fit(GaussianModel.withDefaults(), analysis);
 * }</pre>
 */
public interface ProblemSearch extends NonLinearSearch {
  /**
   * The algorithm's name, e.g. {@code NestedSampling}.
   *
   * @return the name
   */
  String name();

  /**
   * The settings that determine the result, in a stable order; they are written to {@code
   * search.json} and enter the output identifier. The {@link #options()} do not.
   *
   * @return the settings by name
   */
  Map<String, Object> settingsMap();

  /**
   * How the search runs: threads, output folder, tag, lock wait, visualize interval and report.
   *
   * @return the options
   */
  SearchOptions options();

  /**
   * This search with another seed, e.g. one per factor and sweep of expectation propagation.
   *
   * @param seed the seed
   * @return a copy that differs only in its seed
   */
  ProblemSearch withSeed(long seed);

  /**
   * Runs the algorithm on a problem, continuing from the store's checkpoint if it holds one. It
   * knows nothing of models or files.
   *
   * @param problem the problem
   * @param runner the threads for likelihood evaluations
   * @param checkpoints where to save progress
   * @return the samples, evidence and diagnostics
   */
  SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints);

  /**
   * Runs {@link #run} on the model and analysis with the {@link #options()}: loads a completed fit
   * of its output folder, resumes an interrupted one, calls the analysis's hooks and writes the
   * result and report (see {@link SearchBuilder}).
   */
  @Override
  default <T> Result<T> fit(Model<T> model, Analysis<T> analysis) {
    return SearchFit.fit(this, model, analysis);
  }

  /**
   * The folder this search writes a fit of the model and analysis to, if it writes output: {@code
   * <root>/<name>/<identifier>/}.
   *
   * @param layout the model's layout ({@link Model#layout()}, or a graph's)
   * @param analysis the analysis, whose {@link Analysis#dataIdentity()} enters the identifier
   * @return the folder, or empty without output
   */
  default Optional<Path> outputPath(ModelLayout<?> layout, Analysis<?> analysis) {
    return SearchFit.outputPath(this, layout, analysis);
  }
}

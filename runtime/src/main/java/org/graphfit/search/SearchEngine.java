package org.graphfit.search;

import java.util.Map;

/**
 * A search algorithm on a {@link SearchProblem}: nested sampling, ensemble MCMC, an optimiser. It
 * knows nothing of models or files; {@link Search} adds those.
 */
public interface SearchEngine {
  /**
   * The algorithm's name, e.g. {@code NestedSampling}.
   *
   * @return the name
   */
  String name();

  /**
   * The settings that determine the result, in a stable order; they are written to {@code
   * search.json} and enter the output identifier.
   *
   * @return the settings
   */
  Map<String, Object> settings();

  /**
   * This engine with another seed, e.g. one per factor and sweep of expectation propagation.
   *
   * @param seed the seed
   * @return a copy that differs only in its seed
   */
  SearchEngine withSeed(long seed);

  /**
   * Runs the algorithm, continuing from the store's checkpoint if it holds one.
   *
   * @param problem the problem
   * @param runner the threads for likelihood evaluations
   * @param checkpoints where to save progress
   * @return the samples, evidence and diagnostics
   */
  SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints);
}

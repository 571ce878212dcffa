package org.graphfit.ep;

/**
 * What an EP fit with an output folder writes for each analysis factor, in the factor's folder
 * {@code factors/<name>/} (see {@link ExpectationPropagation.Builder#factorOutput(FactorOutput)}).
 */
public enum FactorOutput {
  /** No factor folders: only the fit's own files. */
  NONE,
  /**
   * Each analysis factor's {@code model.info}, {@code mean_field.json} (its variables' posterior
   * approximation, its messages and last status) and {@code ep_history.csv} (its updates).
   */
  RESULTS,
  /**
   * {@link #RESULTS}, and the factors' analysis hooks: {@link
   * org.graphfit.analysis.Analysis#saveData} before the first sweep and {@link
   * org.graphfit.analysis.Analysis#visualize} at the end with the factor's mean instance, each
   * into the factor's folder, then the graph's combined hook with the mean instance of the graph.
   */
  RESULTS_AND_HOOKS;

  /**
   * Whether factor folders are written.
   *
   * @return false for {@link #NONE}
   */
  public boolean folders() {
    return this != NONE;
  }

  /**
   * Whether the factors' hooks are called.
   *
   * @return true for {@link #RESULTS_AND_HOOKS}
   */
  public boolean hooks() {
    return this == RESULTS_AND_HOOKS;
  }
}

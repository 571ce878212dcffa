package org.graphfit.ep;

/**
 * What an EP fit with an output folder writes for each analysis factor, in the factor's folder
 * {@code factors/<name>/} (see {@link ExpectationPropagation.Builder#factorOutput(FactorOutput)}).
 */
public enum FactorOutput {
  /** No factor folders: only the fit's own files. */
  NONE,
  /**
   * Each analysis factor's {@code mean_field.json} (its variables' posterior approximation, its
   * messages and last status) and {@code ep_history.csv} (its updates).
   */
  RESULTS,
  /**
   * {@link #RESULTS}, and the factors' analysis hooks: {@link
   * org.graphfit.analysis.Analysis#saveData} before the first sweep and {@link
   * org.graphfit.analysis.Analysis#visualize} at the end with the factor's mean instance, each into
   * the factor's folder, then the graph's combined hook with the mean instance of the graph.
   */
  RESULTS_AND_HOOKS,
  /**
   * The default: {@link #RESULTS} for a graph of at most {@value #AUTO_MOST_FACTORS} analysis
   * factors, {@link #NONE} for a larger one (logged once per fit): two files per factor, each
   * written atomically and forced to disk, cost milliseconds each, far more than a Laplace fit's
   * update (measured: 3.4 s without and 17.7 s with factor folders at 1,000 factors).
   */
  AUTO;

  /** The most analysis factors for which {@link #AUTO} writes factor folders. */
  public static final int AUTO_MOST_FACTORS = 100;

  /**
   * What this choice writes for a graph of so many analysis factors: {@link #AUTO} resolved.
   *
   * @param analysisFactors the number of analysis factors
   * @return a choice other than {@link #AUTO}
   */
  public FactorOutput resolve(int analysisFactors) {
    if (this != AUTO) {
      return this;
    }
    return analysisFactors <= AUTO_MOST_FACTORS ? RESULTS : NONE;
  }

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

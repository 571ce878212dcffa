package org.graphfit.analysis;

/** When {@link Analysis#visualize(FitPaths, Object, FitStage)} is called. */
public enum FitStage {
  /**
   * While the search runs, at the search's visualization interval, with the best instance found so
   * far; on a thread of its own, so the fit's samples do not depend on it.
   */
  DURING,
  /** Once the search has finished, with the result's maximum-likelihood instance. */
  FINAL
}

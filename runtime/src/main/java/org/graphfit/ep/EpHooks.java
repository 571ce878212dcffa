package org.graphfit.ep;

import org.graphfit.analysis.FitPaths;

/**
 * What an EP fit with an output folder saves besides its own files, once the fit is done and before
 * its manifest, so everything written is listed there: e.g. pictures of the convergence or the
 * hierarchy. Set with {@link ExpectationPropagation.Builder#hooks(EpHooks)}. Writing {@code
 * report.html} here replaces the default report. A hook that throws is logged and recorded in
 * {@code files/hooks.json}; the fit is written all the same.
 */
@FunctionalInterface
public interface EpHooks {
  /**
   * Saves what the result adds.
   *
   * @param paths the fit's folder
   * @param result the result
   */
  void saveResults(FitPaths paths, EpResult result);
}

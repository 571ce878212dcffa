package org.graphfit.search;

import org.graphfit.analysis.FitPaths;

/**
 * An analysis that also saves its result when a fit with an output folder completes, after the
 * result files and before the manifest: everything it writes below the fit folder is listed in the
 * manifest. A factor graph's joint analysis is one: it writes each factor's folder and the graph's
 * report. If it writes {@code report.html}, the default report is not written.
 *
 * @param <T> the instance type
 */
public interface ResultSaver<T> {
  /**
   * Saves the result.
   *
   * @param paths the fit's folder
   * @param result the completed result
   * @param files the output folder's format of a result's files, e.g. for a factor's view
   */
  void saveResults(FitPaths paths, Result<T> result, ResultFiles files);
}

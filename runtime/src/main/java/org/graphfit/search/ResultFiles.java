package org.graphfit.search;

import java.util.Map;

/**
 * The files of a result as PyAutoFit writes them for each analysis of a combined fit: {@code
 * model.results}, {@code files/samples.csv} and {@code files/samples_summary.json}, by name
 * relative to the folder they go to. {@link ProblemSearch#fit} hands the output folder's format to
 * a {@link ResultSaver}, so that a graph writes one set per factor without depending on the output
 * package.
 */
@FunctionalInterface
public interface ResultFiles {
  /**
   * The files of a result.
   *
   * @param result the result
   * @return the files' names and contents, in the order to write them
   */
  Map<String, String> of(Result<?> result);
}

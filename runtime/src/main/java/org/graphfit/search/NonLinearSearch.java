package org.graphfit.search;

import org.graphfit.analysis.Analysis;
import org.graphfit.model.Model;

/**
 * Fits a model to an analysis and returns a typed result: the one contract every fit goes through.
 */
public interface NonLinearSearch {
  /**
   * Fits {@code model} to {@code analysis}.
   *
   * @param model the model
   * @param analysis its likelihood
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the model is incomplete or no valid starting point exists
   */
  <T> Result<T> fit(Model<T> model, Analysis<T> analysis);
}

package org.graphfit.search.optimize;

import org.graphfit.search.SearchProblem;

/** What an optimiser maximises. */
public enum Objective {
  /** The log posterior, {@code logPrior + logLikelihood}: the maximum a posteriori point. */
  LOG_POSTERIOR {
    @Override
    public double value(SearchProblem problem, double[] vector) {
      double logPrior = problem.logPrior(vector);
      return logPrior > Double.NEGATIVE_INFINITY
          ? logPrior + problem.logLikelihood(vector)
          : Double.NEGATIVE_INFINITY;
    }
  },
  /** The log-likelihood alone (inside the prior's support): the maximum likelihood point. */
  LOG_LIKELIHOOD {
    @Override
    public double value(SearchProblem problem, double[] vector) {
      return problem.logLikelihood(vector);
    }
  };

  /**
   * The objective at a point; negative infinity outside the support or where the likelihood failed.
   *
   * @param problem the problem
   * @param vector one value per dimension
   * @return the objective value, never NaN
   */
  public abstract double value(SearchProblem problem, double[] vector);
}

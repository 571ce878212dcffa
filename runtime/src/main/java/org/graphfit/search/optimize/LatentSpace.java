package org.graphfit.search.optimize;

import org.graphfit.search.SearchProblem;

/**
 * A smooth bijection from the real line onto each dimension's prior support, built from the
 * problem's bounds as the priors' own latent maps are: {@code lower + (upper - lower) logistic(z)}
 * for a bounded interval, {@code lower + exp(z)} or {@code upper - exp(-z)} for a half line, and
 * the identity for the whole line. Unconstrained optimisers work on {@code z}.
 */
final class LatentSpace {
  private final double[] lower;
  private final double[] upper;

  LatentSpace(SearchProblem problem) {
    int dimension = problem.dimension();
    lower = new double[dimension];
    upper = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      lower[i] = problem.lowerBound(i);
      upper[i] = problem.upperBound(i);
    }
  }

  /** Writes the parameter values of a latent point. */
  void toVector(double[] latent, double[] vector) {
    for (int i = 0; i < latent.length; i++) {
      double z = latent[i];
      boolean hasLower = lower[i] > Double.NEGATIVE_INFINITY;
      boolean hasUpper = upper[i] < Double.POSITIVE_INFINITY;
      if (hasLower && hasUpper) {
        double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        vector[i] = Math.min(upper[i], lower[i] + (upper[i] - lower[i]) * p);
      } else if (hasLower) {
        vector[i] = lower[i] + Math.exp(z);
      } else if (hasUpper) {
        vector[i] = upper[i] - Math.exp(-z);
      } else {
        vector[i] = z;
      }
    }
  }

  /**
   * Writes the latent point of parameter values strictly inside the support; values on a bound map
   * to an infinite latent coordinate.
   */
  void toLatent(double[] vector, double[] latent) {
    for (int i = 0; i < vector.length; i++) {
      double x = vector[i];
      boolean hasLower = lower[i] > Double.NEGATIVE_INFINITY;
      boolean hasUpper = upper[i] < Double.POSITIVE_INFINITY;
      if (hasLower && hasUpper) {
        double p = (x - lower[i]) / (upper[i] - lower[i]);
        latent[i] = Math.log(p) - Math.log1p(-p);
      } else if (hasLower) {
        latent[i] = Math.log(x - lower[i]);
      } else if (hasUpper) {
        latent[i] = -Math.log(upper[i] - x);
      } else {
        latent[i] = x;
      }
    }
  }
}

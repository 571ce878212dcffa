package org.graphfit.search;

/**
 * What every search sees of a fit: a dimension, the prior (as a unit-cube transform and a log
 * density) and a log-likelihood over free-parameter vectors.
 *
 * <p>{@link #logLikelihood(double[])} never throws and never returns NaN: a point outside a prior's
 * support or breaking a model constraint is rejected with negative infinity before the user's
 * likelihood runs, and a user likelihood that throws or returns NaN also counts as negative
 * infinity and is recorded in {@link #failures()}. Implementations are safe to call from several
 * threads.
 */
public interface SearchProblem {
  /**
   * The number of free parameters.
   *
   * @return the dimension
   */
  int dimension();

  /**
   * Maps a point of the unit hypercube to free-parameter values through the priors.
   *
   * @param unit one number in {@code [0, 1]} per dimension
   * @param vector the destination
   */
  void vectorFromUnit(double[] unit, double[] vector);

  /**
   * The log prior density (negative infinity outside the support or where a constraint fails).
   *
   * @param vector one value per dimension
   * @return the log prior density
   */
  double logPrior(double[] vector);

  /**
   * The log-likelihood, as described above: never NaN, never throws.
   *
   * @param vector one value per dimension
   * @return the log-likelihood or negative infinity
   */
  double logLikelihood(double[] vector);

  /**
   * The prior's lower bound of each dimension.
   *
   * @param dimension a dimension index
   * @return the lower bound, possibly negative infinity
   */
  double lowerBound(int dimension);

  /**
   * The prior's upper bound of each dimension.
   *
   * @param dimension a dimension index
   * @return the upper bound, possibly positive infinity
   */
  double upperBound(int dimension);

  /**
   * The names of the dimensions, e.g. {@code gaussian_0.centre}.
   *
   * @param dimension a dimension index
   * @return the name
   */
  String name(int dimension);

  /**
   * The counts of likelihood calls and failures so far.
   *
   * @return the live counters
   */
  LikelihoodFailures failures();
}

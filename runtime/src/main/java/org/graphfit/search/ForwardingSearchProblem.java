package org.graphfit.search;

/**
 * A {@link SearchProblem} that passes every call to another one: the base of wrappers that watch or
 * record its calls and override only what they change (typically {@link #logLikelihood}).
 */
public abstract class ForwardingSearchProblem implements SearchProblem {
  private final SearchProblem problem;

  /**
   * Wraps a problem.
   *
   * @param problem the problem every call goes to
   */
  protected ForwardingSearchProblem(SearchProblem problem) {
    this.problem = problem;
  }

  @Override
  public int dimension() {
    return problem.dimension();
  }

  @Override
  public void vectorFromUnit(double[] unit, double[] vector) {
    problem.vectorFromUnit(unit, vector);
  }

  @Override
  public double logPrior(double[] vector) {
    return problem.logPrior(vector);
  }

  @Override
  public double logLikelihood(double[] vector) {
    return problem.logLikelihood(vector);
  }

  @Override
  public double lowerBound(int dimension) {
    return problem.lowerBound(dimension);
  }

  @Override
  public double upperBound(int dimension) {
    return problem.upperBound(dimension);
  }

  @Override
  public String name(int dimension) {
    return problem.name(dimension);
  }

  @Override
  public LikelihoodFailures failures() {
    return problem.failures();
  }
}

package org.graphfit.search.optimize;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.graphfit.search.SearchProblem;

/**
 * The result of an optimiser: the best point found, its log-likelihood and log posterior, the
 * {@link LaplaceApproximation} there (which carries the covariance, or the reason it is absent),
 * the number of likelihood calls and the wall time. Immutable.
 */
public final class OptimumRun {
  private final double[] best;
  private final Objective objective;
  private final double logLikelihood;
  private final double logPosterior;
  private final LaplaceApproximation laplace;
  private final long likelihoodCalls;
  private final Duration wallTime;
  private final String message;
  private final boolean converged;

  OptimumRun(
      double[] best,
      Objective objective,
      double logLikelihood,
      double logPosterior,
      LaplaceApproximation laplace,
      long likelihoodCalls,
      Duration wallTime,
      String message,
      boolean converged) {
    this.best = best;
    this.objective = objective;
    this.logLikelihood = logLikelihood;
    this.logPosterior = logPosterior;
    this.laplace = laplace;
    this.likelihoodCalls = likelihoodCalls;
    this.wallTime = wallTime;
    this.message = message;
    this.converged = converged;
  }

  /**
   * The best point found.
   *
   * @return a copy of the parameter values
   */
  public double[] best() {
    return best.clone();
  }

  /**
   * What was maximised.
   *
   * @return the objective
   */
  public Objective objective() {
    return objective;
  }

  /**
   * The log-likelihood at the best point.
   *
   * @return the log-likelihood
   */
  public double logLikelihood() {
    return logLikelihood;
  }

  /**
   * The log posterior (log prior plus log-likelihood) at the best point.
   *
   * @return the log posterior
   */
  public double logPosterior() {
    return logPosterior;
  }

  /**
   * The Gaussian approximation at the best point.
   *
   * @return the Laplace approximation, with its status
   */
  public LaplaceApproximation laplace() {
    return laplace;
  }

  /**
   * The covariance of the Laplace approximation.
   *
   * @return the covariance, or empty when {@link LaplaceApproximation#reason()} explains why not
   */
  public Optional<double[][]> covariance() {
    return laplace.status() == LaplaceApproximation.Status.OK
        ? Optional.of(laplace.covariance())
        : Optional.empty();
  }

  /**
   * The number of calls of the user's likelihood, the Laplace approximation's included.
   *
   * @return the call count
   */
  public long likelihoodCalls() {
    return likelihoodCalls;
  }

  /**
   * The wall-clock time, the Laplace approximation's included.
   *
   * @return the wall time
   */
  public Duration wallTime() {
    return wallTime;
  }

  /**
   * Whether the optimiser met its convergence test, rather than stopping at its iteration limit or
   * at a start where the objective was not finite.
   *
   * @return true if it converged
   */
  public boolean converged() {
    return converged;
  }

  /**
   * How the optimiser stopped, e.g. {@code "L-BFGS: GRADIENT_TOLERANCE after 31 iterations"}.
   *
   * @return a one-line description
   */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return "OptimumRun[best="
        + Arrays.toString(best)
        + ", logL="
        + logLikelihood
        + ", logPosterior="
        + logPosterior
        + ", calls="
        + likelihoodCalls
        + ", "
        + message
        + ", "
        + laplace
        + "]";
  }

  /** Evaluates a finished optimiser's best point and builds the result. */
  static OptimumRun finish(
      SearchProblem problem,
      Objective objective,
      double[] best,
      long callsAtStart,
      long startNanos,
      String message,
      boolean converged) {
    double logLikelihood = problem.logLikelihood(best);
    double logPosterior = Objective.LOG_POSTERIOR.value(problem, best);
    LaplaceApproximation laplace = LaplaceApproximation.at(problem, objective, best);
    return new OptimumRun(
        best,
        objective,
        logLikelihood,
        logPosterior,
        laplace,
        problem.failures().calls() - callsAtStart,
        Duration.ofNanos(System.nanoTime() - startNanos),
        message,
        converged);
  }
}

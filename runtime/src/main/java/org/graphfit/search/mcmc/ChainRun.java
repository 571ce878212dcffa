package org.graphfit.search.mcmc;

import java.time.Duration;
import java.util.Arrays;

/**
 * The result of an {@link EnsembleSampler} run: the samples kept after burn-in and thinning (step
 * by step, walker by walker within a step), their log-likelihoods and log posteriors, and the run's
 * diagnostics. Immutable; array accessors return copies.
 */
public final class ChainRun {
  private final double[][] samples;
  private final double[] logLikelihoods;
  private final double[] logPosteriors;
  private final double acceptanceFraction;
  private final double[] tau;
  private final int steps;
  private final int walkers;
  private final int burnIn;
  private final int thin;
  private final long likelihoodCalls;
  private final boolean converged;
  private final Duration wallTime;

  ChainRun(
      double[][] samples,
      double[] logLikelihoods,
      double[] logPosteriors,
      double acceptanceFraction,
      double[] tau,
      int steps,
      int walkers,
      int burnIn,
      int thin,
      long likelihoodCalls,
      boolean converged,
      Duration wallTime) {
    this.samples = samples;
    this.logLikelihoods = logLikelihoods;
    this.logPosteriors = logPosteriors;
    this.acceptanceFraction = acceptanceFraction;
    this.tau = tau;
    this.steps = steps;
    this.walkers = walkers;
    this.burnIn = burnIn;
    this.thin = thin;
    this.likelihoodCalls = likelihoodCalls;
    this.converged = converged;
    this.wallTime = wallTime;
  }

  /**
   * The kept samples, {@code samples[i][dimension]}.
   *
   * @return a deep copy of the samples
   */
  public double[][] samples() {
    double[][] copy = new double[samples.length][];
    for (int i = 0; i < samples.length; i++) {
      copy[i] = samples[i].clone();
    }
    return copy;
  }

  /**
   * The number of kept samples.
   *
   * @return the sample count
   */
  public int sampleCount() {
    return samples.length;
  }

  /**
   * The log-likelihood of each kept sample.
   *
   * @return a copy, aligned with {@link #samples()}
   */
  public double[] logLikelihoods() {
    return logLikelihoods.clone();
  }

  /**
   * The log posterior (log prior plus log-likelihood) of each kept sample.
   *
   * @return a copy, aligned with {@link #samples()}
   */
  public double[] logPosteriors() {
    return logPosteriors.clone();
  }

  /**
   * The fraction of accepted proposals over all walkers and steps; 0.2 to 0.5 is healthy.
   *
   * @return the acceptance fraction
   */
  public double acceptanceFraction() {
    return acceptanceFraction;
  }

  /**
   * The integrated autocorrelation time of each parameter, in steps, estimated on the whole chain.
   *
   * @return a copy of the times
   */
  public double[] tau() {
    return tau.clone();
  }

  /**
   * The effective number of independent samples after burn-in: {@code (steps - burnIn) * walkers /
   * max(tau)}.
   *
   * @return the effective sample size
   */
  public double effectiveSampleSize() {
    double maxTau = 0;
    for (double t : tau) {
      maxTau = Math.max(maxTau, t);
    }
    return (steps - burnIn) * (double) walkers / Math.max(1, maxTau);
  }

  /**
   * The mean of one parameter over the kept samples.
   *
   * @param dimension a dimension index
   * @return the sample mean
   */
  public double mean(int dimension) {
    double sum = 0;
    for (double[] sample : samples) {
      sum += sample[dimension];
    }
    return sum / samples.length;
  }

  /**
   * The standard deviation of one parameter over the kept samples (divisor {@code n - 1}).
   *
   * @param dimension a dimension index
   * @return the sample standard deviation
   */
  public double standardDeviation(int dimension) {
    double mean = mean(dimension);
    double sum = 0;
    for (double[] sample : samples) {
      double d = sample[dimension] - mean;
      sum += d * d;
    }
    return Math.sqrt(sum / (samples.length - 1));
  }

  /**
   * The number of ensemble steps taken.
   *
   * @return the step count
   */
  public int steps() {
    return steps;
  }

  /**
   * The number of walkers.
   *
   * @return the walker count
   */
  public int walkers() {
    return walkers;
  }

  /**
   * The number of discarded initial steps.
   *
   * @return the burn-in used
   */
  public int burnIn() {
    return burnIn;
  }

  /**
   * The thinning used: every how many steps a sample was kept.
   *
   * @return the thinning
   */
  public int thin() {
    return thin;
  }

  /**
   * The number of calls of the user's likelihood, including those made before a resume.
   *
   * @return the call count
   */
  public long likelihoodCalls() {
    return likelihoodCalls;
  }

  /**
   * Whether the convergence rule held; false if the run stopped at the step limit.
   *
   * @return true if converged
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The wall-clock time of this run (since its start or resume).
   *
   * @return the wall time
   */
  public Duration wallTime() {
    return wallTime;
  }

  @Override
  public String toString() {
    return String.format(
        "ChainRun[samples=%d, steps=%d, walkers=%d, burnIn=%d, thin=%d, acceptance=%.3f, tau=%s,"
            + " converged=%s, calls=%d, wall=%s]",
        samples.length,
        steps,
        walkers,
        burnIn,
        thin,
        acceptanceFraction,
        Arrays.toString(tau),
        converged,
        likelihoodCalls,
        wallTime);
  }
}

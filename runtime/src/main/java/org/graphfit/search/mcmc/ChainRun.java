package org.graphfit.search.mcmc;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The result of an {@link EnsembleSampler} run: the samples kept after burn-in and thinning (chain
 * by chain, step by step within a chain, walker by walker within a step), their log-likelihoods and
 * log posteriors, and the run's diagnostics: autocorrelation times, R-hat and effective sample
 * sizes. Immutable; array accessors return copies.
 */
public final class ChainRun {
  private final double[][] samples;
  private final double[] logLikelihoods;
  private final double[] logPosteriors;
  private final double acceptanceFraction;
  private final double[][] tauByChain;
  private final ChainDiagnostics[] diagnostics;
  private final int steps;
  private final int chains;
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
      double[][] tauByChain,
      ChainDiagnostics[] diagnostics,
      int steps,
      int chains,
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
    this.tauByChain = tauByChain;
    this.diagnostics = diagnostics;
    this.steps = steps;
    this.chains = chains;
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
   * The integrated autocorrelation time of each parameter, in steps, estimated on each chain's
   * whole length: per parameter the largest over the chains.
   *
   * @return one time per parameter (NaN before two steps)
   */
  public double[] tau() {
    double[] tau = new double[tauByChain[0].length];
    for (int i = 0; i < tau.length; i++) {
      tau[i] = Double.NEGATIVE_INFINITY;
      for (double[] chain : tauByChain) {
        tau[i] = Math.max(tau[i], chain[i]);
      }
    }
    return tau;
  }

  /**
   * The integrated autocorrelation time of each parameter in each chain.
   *
   * @return {@code [chain][parameter]}, a deep copy
   */
  public double[][] tauByChain() {
    double[][] copy = new double[tauByChain.length][];
    for (int c = 0; c < copy.length; c++) {
      copy[c] = tauByChain[c].clone();
    }
    return copy;
  }

  /**
   * Whether R-hat and the effective sample sizes could be computed: they need at least 4 kept
   * steps.
   *
   * @return true if {@link #rHat()} and the effective sample sizes are known
   */
  public boolean hasMixingDiagnostics() {
    return diagnostics != null;
  }

  /**
   * The rank-normalised split R-hat of each parameter across the chains, over the kept steps
   * ({@link ChainDiagnostics#rHat()}).
   *
   * @return one R-hat per parameter; NaN if there were fewer than 4 kept steps
   */
  public double[] rHat() {
    return perParameter(ChainDiagnostics::rHat);
  }

  /**
   * The bulk effective sample size of each parameter over the kept samples ({@link
   * ChainDiagnostics#bulkEffectiveSampleSize()}).
   *
   * @return one ESS per parameter; NaN if there were fewer than 4 kept steps
   */
  public double[] bulkEffectiveSampleSizes() {
    return perParameter(ChainDiagnostics::bulkEffectiveSampleSize);
  }

  /**
   * The tail effective sample size of each parameter over the kept samples ({@link
   * ChainDiagnostics#tailEffectiveSampleSize()}).
   *
   * @return one ESS per parameter; NaN if there were fewer than 4 kept steps
   */
  public double[] tailEffectiveSampleSizes() {
    return perParameter(ChainDiagnostics::tailEffectiveSampleSize);
  }

  /**
   * The effective number of independent samples: the smallest bulk effective sample size over the
   * parameters, which sets the Monte Carlo error of posterior means ({@code sd / sqrt(ESS)}).
   *
   * @return the effective sample size; NaN if there were fewer than 4 kept steps
   */
  public double effectiveSampleSize() {
    return Arrays.stream(bulkEffectiveSampleSizes()).min().orElse(Double.NaN);
  }

  private double[] perParameter(ToDoubleFunction<ChainDiagnostics> value) {
    double[] values = new double[tauByChain[0].length];
    for (int i = 0; i < values.length; i++) {
      values[i] = diagnostics == null ? Double.NaN : value.applyAsDouble(diagnostics[i]);
    }
    return values;
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
   * The number of independent chains (ensembles).
   *
   * @return the chain count
   */
  public int chains() {
    return chains;
  }

  /**
   * The number of walkers of each chain.
   *
   * @return the walker count per chain
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
   * Whether the stop rule held: every chain longer than {@code tauFactor} autocorrelation times
   * with a stable tau, R-hat below its limit and enough effective samples. False if the run stopped
   * at the step limit.
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
        "ChainRun[samples=%d, steps=%d, chains=%d, walkers=%d, burnIn=%d, thin=%d,"
            + " acceptance=%.3f, tau=%s, rHat=%s, essBulk=%s, essTail=%s, converged=%s, calls=%d,"
            + " wall=%s]",
        samples.length,
        steps,
        chains,
        walkers,
        burnIn,
        thin,
        acceptanceFraction,
        Arrays.toString(tau()),
        Arrays.toString(rHat()),
        Arrays.toString(bulkEffectiveSampleSizes()),
        Arrays.toString(tailEffectiveSampleSizes()),
        converged,
        likelihoodCalls,
        wallTime);
  }
}

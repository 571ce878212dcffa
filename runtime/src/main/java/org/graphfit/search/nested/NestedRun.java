package org.graphfit.search.nested;

import java.util.Locale;
import org.graphfit.search.Samples;

/**
 * The immutable result of a nested sampling run: the dead points followed by the final live points
 * in order of increasing likelihood, with their log-likelihoods and normalised log weights, the log
 * evidence with its error, the information, and the run's costs. The merged run of dynamic nested
 * sampling ({@link DynamicRun#merged()}) is one too, whose genealogy and insertion ranks are those
 * of its static run.
 */
public final class NestedRun {
  private final double[][] vectors;
  private final double[][] units;
  private final double[] logL;
  private final double[] logWeights;
  private final double logZ;
  private final double logZError;
  private final double information;
  private final long iterations;
  private final long calls;
  private final double wallSeconds;
  private final long failedCalls;
  private final String firstFailure;
  private final double remainingLogZ;
  private final boolean converged;
  private final long stuckProposals;
  private final int[] insertionRanks;
  private final Lineages lineages;
  private final int liveCount;

  NestedRun(
      double[][] vectors,
      double[][] units,
      double[] logL,
      double[] logWeights,
      double logZ,
      double logZError,
      double information,
      long iterations,
      long calls,
      double wallSeconds,
      long failedCalls,
      String firstFailure,
      double remainingLogZ,
      boolean converged,
      long stuckProposals,
      int[] insertionRanks,
      Lineages lineages,
      int liveCount) {
    this.vectors = vectors;
    this.units = units;
    this.logL = logL;
    this.logWeights = logWeights;
    this.logZ = logZ;
    this.logZError = logZError;
    this.information = information;
    this.iterations = iterations;
    this.calls = calls;
    this.wallSeconds = wallSeconds;
    this.failedCalls = failedCalls;
    this.firstFailure = firstFailure;
    this.remainingLogZ = remainingLogZ;
    this.converged = converged;
    this.stuckProposals = stuckProposals;
    this.insertionRanks = insertionRanks;
    this.lineages = lineages;
    this.liveCount = liveCount;
  }

  /**
   * The smallest effective number of live points of one iteration from which the posterior
   * descends, relative to what moves that forgot their start would leave (see {@link
   * #neutralAncestors()}); every {@code nLive}-th iteration is examined. A few ancestors where the
   * neutral count is many means the posterior grew out of a region that held few live points and
   * that moves could not enter from elsewhere.
   *
   * @return the effective number of ancestors, NaN for a run shorter than {@code nLive} iterations
   */
  public double ancestors() {
    return lineages.worstAncestors();
  }

  /**
   * The effective number of ancestors at the iteration of {@link #ancestors()} when every new
   * point's parent is drawn at random among the live points (the same run's deaths, averaged over
   * three replicates).
   *
   * @return the neutral count
   */
  public double neutralAncestors() {
    return lineages.worstNeutral();
  }

  /**
   * The variance of the log evidence that a bottleneck of the genealogy adds to {@code H / nLive}:
   * {@code max_i (1 / k_i - 1 / k_neutral,i)} over the examined iterations; included in {@link
   * #logZError()}.
   *
   * @return the excess variance, at least 0
   */
  public double lineageVariance() {
    return lineages.excessVariance();
  }

  /**
   * Whether the posterior descends from fewer than 10 effective live points of some iteration and
   * the genealogy's excess variance ({@link #lineageVariance()}) is at least the usual {@code H /
   * nLive}.
   *
   * @return true if the run went through a bottleneck
   */
  public boolean bottleneck() {
    return lineages.bottleneck(logZError * logZError - lineages.excessVariance());
  }

  String describeBottleneck() {
    return lineages.describe();
  }

  Lineages lineages() {
    return lineages;
  }

  /**
   * The insertion rank of each new live point, in the order they were made: how many of the other
   * {@code nLive - 1} live points had a lower log-likelihood. A sampler that draws new points from
   * the prior above the likelihood constraint makes these ranks uniform on {@code 0 .. nLive - 1}.
   *
   * @return a copy of the ranks, one per iteration
   */
  public int[] insertionRanks() {
    return insertionRanks.clone();
  }

  /**
   * The insertion-rank test's p-value: the probability that a run drawing new points correctly
   * inserts them at ranks as far from uniform as these, in some window of {@code nLive} iterations
   * or over the whole run (Kolmogorov-Smirnov tests, Bonferroni-adjusted for their number). Below
   * 0.01 the run is not to be trusted.
   *
   * @return the adjusted p-value in {@code [0, 1]}
   */
  public double insertionRankPValue() {
    return InsertionRankTest.of(insertionRanks, liveCount).adjustedP();
  }

  /**
   * The accepted proposals whose random walk accepted no step or whose slice ran out of shrinks, so
   * that the new live point copies an existing one; more than a few percent of the iterations means
   * the proposal scale or walk length is too small for the problem.
   *
   * @return the number of stuck proposals
   */
  public long stuckProposals() {
    return stuckProposals;
  }

  /**
   * The estimated log evidence still in the live points, relative to the sum of the dead points,
   * when the run stopped.
   *
   * @return the remaining {@code dlogz}
   */
  public double remainingLogZ() {
    return remainingLogZ;
  }

  /**
   * Whether the run stopped because the remaining evidence fell below {@code dlogz}, rather than at
   * the iteration or call limit; only then are the evidence and its error trustworthy.
   *
   * @return true if the stopping rule was met
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The number of samples: dead points plus final live points.
   *
   * @return the sample count
   */
  public int size() {
    return logL.length;
  }

  /**
   * The physical parameter vector of a sample.
   *
   * @param index a sample index in {@code [0, size())}
   * @return a copy of the vector
   */
  public double[] vector(int index) {
    return vectors[index].clone();
  }

  /**
   * The unit-cube point of a sample.
   *
   * @param index a sample index in {@code [0, size())}
   * @return a copy of the unit point
   */
  public double[] unit(int index) {
    return units[index].clone();
  }

  /**
   * The log-likelihoods of the samples, non-decreasing.
   *
   * @return a copy of the log-likelihoods
   */
  public double[] logLikelihoods() {
    return logL.clone();
  }

  /**
   * The log posterior weights of the samples, normalised so that their exponentials sum to one.
   *
   * @return a copy of the log weights
   */
  public double[] logWeights() {
    return logWeights.clone();
  }

  /**
   * The natural log of the evidence.
   *
   * @return log Z
   */
  public double logZ() {
    return logZ;
  }

  /**
   * The statistical error of {@link #logZ()}, {@code sqrt(H / nLive + }{@link
   * #lineageVariance()}{@code )}.
   *
   * @return the log evidence error
   */
  public double logZError() {
    return logZError;
  }

  /**
   * The information, the Kullback-Leibler divergence of the posterior from the prior in nats.
   *
   * @return H
   */
  public double information() {
    return information;
  }

  /**
   * The number of iterations, i.e. dead points before the final live points were added.
   *
   * @return the iteration count
   */
  public long iterations() {
    return iterations;
  }

  /**
   * The number of likelihood calls, including those of the initial live points and of proposals
   * that a batch did not use.
   *
   * @return the call count
   */
  public long calls() {
    return calls;
  }

  /**
   * Kish's effective sample size of the weights, {@code 1 / sum w^2}.
   *
   * @return the effective sample size
   */
  public double effectiveSampleSize() {
    double sum = 0;
    for (double w : logWeights) {
      double weight = Math.exp(w);
      sum += weight * weight;
    }
    return 1 / sum;
  }

  /**
   * The wall-clock time of the run, summed over resumed sessions.
   *
   * @return the time in seconds
   */
  public double wallSeconds() {
    return wallSeconds;
  }

  /**
   * The number of likelihood calls that threw or returned NaN, as counted by the problem in this
   * session.
   *
   * @return the failure count
   */
  public long failedCalls() {
    return failedCalls;
  }

  /**
   * The message of the first failed likelihood call of this session.
   *
   * @return the message, or null if no call failed
   */
  public String firstFailure() {
    return firstFailure;
  }

  /**
   * Equal-weight posterior samples: {@link #size()} vectors drawn from the weighted samples by
   * systematic resampling, in random order.
   *
   * @param seed the seed of the resampling
   * @return the vectors, copies
   */
  public double[][] equalWeightSamples(long seed) {
    int n = logWeights.length;
    double[] weights = new double[n];
    for (int k = 0; k < n; k++) {
      weights[k] = Math.exp(logWeights[k]);
    }
    int[] picks = Samples.systematicResample(weights, n, seed);
    double[][] samples = new double[n][];
    for (int k = 0; k < n; k++) {
      samples[k] = vectors[picks[k]].clone();
    }
    return samples;
  }

  /**
   * The posterior mean of one parameter.
   *
   * @param dimension a dimension index
   * @return the weighted mean
   */
  public double mean(int dimension) {
    double sum = 0;
    for (int k = 0; k < logWeights.length; k++) {
      sum += Math.exp(logWeights[k]) * vectors[k][dimension];
    }
    return sum;
  }

  /**
   * The posterior standard deviation of one parameter.
   *
   * @param dimension a dimension index
   * @return the weighted standard deviation
   */
  public double standardDeviation(int dimension) {
    double mean = mean(dimension);
    double sum = 0;
    for (int k = 0; k < logWeights.length; k++) {
      double delta = vectors[k][dimension] - mean;
      sum += Math.exp(logWeights[k]) * delta * delta;
    }
    return Math.sqrt(sum);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "NestedRun{logZ=%.4f +- %.4f, H=%.3f, iterations=%d, calls=%d, ess=%.1f, %.3f s}",
        logZ,
        logZError,
        information,
        iterations,
        calls,
        effectiveSampleSize(),
        wallSeconds);
  }
}

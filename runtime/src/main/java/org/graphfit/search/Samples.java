// Long because it is the read API of weighted samples (accessors, moments, quantiles, the best
// points, resampling to equal weights), each public member documented; a third of its lines are
// Javadoc.
package org.graphfit.search;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Weighted posterior samples of free-parameter vectors, with the log-likelihood and log prior of
 * each. Nested sampling gives unequal weights; MCMC and Laplace draws give equal ones. Weights are
 * normalised to sum to one; weights that already sum to one within 1e-12 are kept bit for bit, so
 * samples read back from a file equal those written. Immutable.
 */
public final class Samples implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private final List<String> names;
  private final double[][] vectors;
  private final double[] logLikelihoods;
  private final double[] logPriors;
  private final double[] weights;

  private Samples(
      List<String> names,
      double[][] vectors,
      double[] logLikelihoods,
      double[] logPriors,
      double[] weights) {
    this.names = names;
    this.vectors = vectors;
    this.logLikelihoods = logLikelihoods;
    this.logPriors = logPriors;
    this.weights = weights;
  }

  /**
   * Samples from arrays, which are copied; the weights are normalised.
   *
   * @param names the free-parameter names
   * @param vectors one free-parameter vector per sample
   * @param logLikelihoods the log-likelihood of each sample
   * @param logPriors the log prior density of each sample
   * @param weights non-negative weights, not all zero
   * @return the samples
   * @throws IllegalArgumentException if lengths disagree or the weights are invalid
   */
  public static Samples of(
      List<String> names,
      double[][] vectors,
      double[] logLikelihoods,
      double[] logPriors,
      double[] weights) {
    int n = vectors.length;
    if (n == 0) {
      throw new IllegalArgumentException("samples need at least one point");
    }
    if (logLikelihoods.length != n || logPriors.length != n || weights.length != n) {
      throw new IllegalArgumentException(
          "samples need one log-likelihood, log prior and weight per point: got "
              + n
              + " points, "
              + logLikelihoods.length
              + ", "
              + logPriors.length
              + " and "
              + weights.length);
    }
    double total = 0;
    double[][] copies = new double[n][];
    for (int i = 0; i < n; i++) {
      if (vectors[i].length != names.size()) {
        throw new IllegalArgumentException(
            "sample " + i + " has " + vectors[i].length + " values for " + names.size() + " names");
      }
      if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
      }
      copies[i] = vectors[i].clone();
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("the sample weights sum to zero");
    }
    double[] normalised = weights.clone();
    if (Math.abs(total - 1) > 1e-12) {
      for (int i = 0; i < n; i++) {
        normalised[i] = weights[i] / total;
      }
    }
    return new Samples(
        List.copyOf(names), copies, logLikelihoods.clone(), logPriors.clone(), normalised);
  }

  /**
   * Samples of a search problem: names from the problem, log priors computed by it.
   *
   * @param problem the problem the vectors belong to
   * @param vectors one free-parameter vector per sample
   * @param logLikelihoods the log-likelihood of each sample
   * @param weights non-negative weights, not all zero (null for equal weights)
   * @return the samples
   */
  public static Samples of(
      SearchProblem problem, double[][] vectors, double[] logLikelihoods, double[] weights) {
    String[] names = new String[problem.dimension()];
    for (int d = 0; d < names.length; d++) {
      names[d] = problem.name(d);
    }
    double[] logPriors = new double[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      logPriors[i] = problem.logPrior(vectors[i]);
    }
    double[] actualWeights = weights;
    if (actualWeights == null) {
      actualWeights = new double[vectors.length];
      Arrays.fill(actualWeights, 1.0 / vectors.length);
    }
    return of(List.of(names), vectors, logLikelihoods, logPriors, actualWeights);
  }

  /**
   * The number of samples.
   *
   * @return the sample count
   */
  public int size() {
    return vectors.length;
  }

  /**
   * The number of free parameters.
   *
   * @return the dimension
   */
  public int dimension() {
    return names.size();
  }

  /**
   * The free-parameter names.
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }

  /**
   * A copy of sample {@code i}.
   *
   * @param i a sample index
   * @return its free-parameter vector
   */
  public double[] vector(int i) {
    return vectors[i].clone();
  }

  /**
   * One value of sample {@code i}, read in place: {@code vector(i)[j]} without the copy.
   *
   * @param i a sample index
   * @param j a free-parameter index
   * @return the value
   */
  public double value(int i, int j) {
    return vectors[i][j];
  }

  /**
   * The log-likelihood of sample {@code i}.
   *
   * @param i a sample index
   * @return its log-likelihood
   */
  public double logLikelihood(int i) {
    return logLikelihoods[i];
  }

  /**
   * The log prior density of sample {@code i}.
   *
   * @param i a sample index
   * @return its log prior
   */
  public double logPrior(int i) {
    return logPriors[i];
  }

  /**
   * The normalised weight of sample {@code i}.
   *
   * @param i a sample index
   * @return its weight
   */
  public double weight(int i) {
    return weights[i];
  }

  /**
   * The weighted mean of each parameter.
   *
   * @return the means
   */
  public double[] mean() {
    double[] mean = new double[dimension()];
    for (int i = 0; i < vectors.length; i++) {
      if (weights[i] == 0) {
        continue; // nothing to add, and a NaN of a point without weight must not spread
      }
      for (int d = 0; d < mean.length; d++) {
        mean[d] += weights[i] * vectors[i][d];
      }
    }
    return mean;
  }

  /**
   * The weighted covariance matrix.
   *
   * @return the covariance, {@code dimension x dimension}
   */
  public double[][] covariance() {
    double[] mean = mean();
    int dim = dimension();
    double[][] covariance = new double[dim][dim];
    for (int i = 0; i < vectors.length; i++) {
      if (weights[i] == 0) {
        continue;
      }
      for (int a = 0; a < dim; a++) {
        double da = vectors[i][a] - mean[a];
        for (int b = 0; b <= a; b++) {
          covariance[a][b] += weights[i] * da * (vectors[i][b] - mean[b]);
        }
      }
    }
    for (int a = 0; a < dim; a++) {
      for (int b = 0; b < a; b++) {
        covariance[b][a] = covariance[a][b];
      }
    }
    return covariance;
  }

  /**
   * The weighted standard deviation of each parameter.
   *
   * @return the standard deviations
   */
  public double[] standardDeviation() {
    double[][] covariance = covariance();
    double[] sd = new double[dimension()];
    for (int d = 0; d < sd.length; d++) {
      sd[d] = Math.sqrt(covariance[d][d]);
    }
    return sd;
  }

  /**
   * The weighted quantile of each parameter's marginal (linear interpolation of the weighted
   * empirical distribution function at sample mid-weights).
   *
   * @param probability the cumulative probability in {@code [0, 1]}
   * @return one quantile per parameter
   */
  public double[] quantile(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must lie in [0, 1] but was " + probability);
    }
    double[] result = new double[dimension()];
    Integer[] order = new Integer[vectors.length];
    for (int d = 0; d < result.length; d++) {
      result[d] = WeightedQuantile.of(vectors, weights, order, d, probability);
    }
    return result;
  }

  /**
   * The weighted quantile of one parameter's marginal, as in {@link #quantile(double)}.
   *
   * @param probability the cumulative probability in {@code [0, 1]}
   * @param index a free-parameter index
   * @return the quantile
   */
  public double quantile(double probability, int index) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must lie in [0, 1] but was " + probability);
    }
    return WeightedQuantile.of(vectors, weights, new Integer[vectors.length], index, probability);
  }

  /**
   * The weighted median of each parameter.
   *
   * @return the medians
   */
  public double[] median() {
    return quantile(0.5);
  }

  /**
   * The lower and upper bounds of each parameter's central credible interval at {@code sigma}
   * standard deviations (e.g. 1 sigma: the 15.87% and 84.13% quantiles).
   *
   * @param sigma the number of standard deviations, positive
   * @return {@code [lower[], upper[]]}
   */
  public double[][] valuesAtSigma(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma must be positive but was " + sigma);
    }
    double tail = STANDARD_NORMAL.cumulativeProbability(-sigma);
    return new double[][] {quantile(tail), quantile(1 - tail)};
  }

  /**
   * The index of the sample with the highest log-likelihood.
   *
   * @return the index
   */
  public int maxLogLikelihoodIndex() {
    int best = 0;
    for (int i = 1; i < logLikelihoods.length; i++) {
      if (logLikelihoods[i] > logLikelihoods[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The index of the sample with the highest log posterior (log-likelihood plus log prior).
   *
   * @return the index
   */
  public int maxLogPosteriorIndex() {
    int best = 0;
    for (int i = 1; i < logLikelihoods.length; i++) {
      if (logLikelihoods[i] + logPriors[i] > logLikelihoods[best] + logPriors[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * These samples with more columns: the same points, weights, likelihoods and priors, each vector
   * followed by the other samples' row, e.g. a fit's parameters with its derived quantities for one
   * corner plot.
   *
   * @param other samples of the same points, such as {@link Result#derivedSamples()}
   * @return the joined samples
   * @throws IllegalArgumentException if the other samples have another size or other weights
   */
  public Samples withColumnsOf(Samples other) {
    if (other.size() != size() || !sameWeights(other.weights, weights)) {
      throw new IllegalArgumentException(
          "columns can be joined only from samples of the same points (same size and weights)");
    }
    List<String> joinedNames = new ArrayList<>(names);
    joinedNames.addAll(other.names);
    double[][] joined = new double[size()][];
    for (int i = 0; i < joined.length; i++) {
      joined[i] = Arrays.copyOf(vectors[i], vectors[i].length + other.vectors[i].length);
      System.arraycopy(other.vectors[i], 0, joined[i], vectors[i].length, other.vectors[i].length);
    }
    return new Samples(
        List.copyOf(joinedNames),
        joined,
        logLikelihoods.clone(),
        logPriors.clone(),
        weights.clone());
  }

  private static boolean sameWeights(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1e-12 * Math.max(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Equal-weight samples drawn from these by systematic resampling, in random order: each sample
   * appears about {@code count * weight} times.
   *
   * @param count how many samples to draw
   * @param seed the seed of the resampling
   * @return the resampled points, all with weight {@code 1 / count}
   */
  public Samples equalWeight(int count, long seed) {
    int[] picks = systematicResample(weights, count, seed);
    double[][] picked = new double[count][];
    double[] pickedLogLikelihoods = new double[count];
    double[] pickedLogPriors = new double[count];
    double[] equal = new double[count];
    for (int k = 0; k < count; k++) {
      picked[k] = vectors[picks[k]];
      pickedLogLikelihoods[k] = logLikelihoods[picks[k]];
      pickedLogPriors[k] = logPriors[picks[k]];
      equal[k] = 1.0 / count;
    }
    return of(names, picked, pickedLogLikelihoods, pickedLogPriors, equal);
  }

  /**
   * Systematic resampling: {@code count} indices drawn with probabilities proportional to {@code
   * weights}, with one uniform offset, then shuffled.
   *
   * @param weights non-negative weights summing to about one
   * @param count how many indices to draw
   * @param seed the seed
   * @return the indices
   */
  public static int[] systematicResample(double[] weights, int count, long seed) {
    return SystematicResampling.indices(weights, count, seed);
  }

  /**
   * Kish's effective sample size, {@code 1 / sum w_i^2}.
   *
   * @return the effective sample size
   */
  public double effectiveSampleSize() {
    double sum = 0;
    for (double weight : weights) {
      sum += weight * weight;
    }
    return 1 / sum;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Samples that
        && names.equals(that.names)
        && Arrays.deepEquals(vectors, that.vectors)
        && Arrays.equals(logLikelihoods, that.logLikelihoods)
        && Arrays.equals(logPriors, that.logPriors)
        && Arrays.equals(weights, that.weights);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, Arrays.deepHashCode(vectors), Arrays.hashCode(weights));
  }

  @Override
  public String toString() {
    return "Samples[" + size() + " points of " + names + ", ESS " + effectiveSampleSize() + "]";
  }
}

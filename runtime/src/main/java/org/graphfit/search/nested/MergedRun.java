package org.graphfit.search.nested;

import java.util.Arrays;
import java.util.List;

/**
 * Nested-sampling runs with different numbers of live points merged into one run (Higson et al.
 * 2019, "Dynamic nested sampling"): the points of all runs in order of increasing likelihood, where
 * the number of live points {@code n_i} at the death of point {@code i} is the number of points
 * born below its likelihood and not yet dead. Each death shrinks the prior volume by its expected
 * factor {@code n_i / (n_i + 1)}, so a single static run merges into itself with its final live
 * points' equal shares of the last volume, and the weights are the trapezoid rule's.
 *
 * <p>The variance of {@code log Z} is {@code sum_j R_j^2 / n_j^2}, where {@code R_j} is the share
 * of the evidence beyond point {@code j}: the log of each shrinkage factor has variance {@code 1 /
 * n_j^2} and moves the log evidence by {@code R_j}. For a constant {@code n} this is the usual
 * {@code H / n}.
 */
final class MergedRun {
  /** dynesty's {@code maxfrac}: a batch covers the weights above this share of their maximum. */
  static final double WEIGHT_THRESHOLD = 0.8;

  private final int dim;
  private final int size;
  private final double[][] units;
  private final double[][] vectors;
  private final double[] logL;
  private final int[] liveCounts;
  private final double[] logVolumes;
  private final double[] logWidths;
  private final double[] logWeights;

  /** The log of the evidence beyond each point, {@code log Z_{>i}}. */
  private final double[] logBeyond;

  private final double logZ;

  /**
   * The likelihood range of the next batch, the index of the merged point at its bottom (-1 for the
   * prior), and the log prior volume above that bottom.
   */
  record Range(double logLMin, double logLMax, int bottom, double logVolume) {}

  private MergedRun(List<RunPoints> runs, double logInitialVolume) {
    this.dim = runs.get(0).dim;
    int total = 0;
    for (RunPoints run : runs) {
      total += run.size;
    }
    this.size = total;
    double[] allLogL = new double[total];
    double[] births = new double[total];
    int[] runOf = new int[total];
    int[] indexIn = new int[total];
    int at = 0;
    for (int r = 0; r < runs.size(); r++) {
      RunPoints run = runs.get(r);
      System.arraycopy(run.logL, 0, allLogL, at, run.size);
      System.arraycopy(run.birthLogL, 0, births, at, run.size);
      for (int k = 0; k < run.size; k++) {
        runOf[at + k] = r;
        indexIn[at + k] = k;
      }
      at += run.size;
    }
    Integer[] order = new Integer[total];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        (a, b) -> {
          int byLogL = Double.compare(allLogL[a], allLogL[b]);
          return byLogL != 0 ? byLogL : Integer.compare(a, b);
        });
    Arrays.sort(births);
    units = new double[total][];
    vectors = new double[total][];
    logL = new double[total];
    liveCounts = new int[total];
    logVolumes = new double[total];
    logWidths = new double[total];
    logWeights = new double[total];
    double logVolume = logInitialVolume;
    double lastLogL = Double.NEGATIVE_INFINITY;
    double sum = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < total; i++) {
      int global = order[i];
      RunPoints run = runs.get(runOf[global]);
      int k = indexIn[global];
      units[i] = Arrays.copyOfRange(run.units, k * dim, (k + 1) * dim);
      vectors[i] = Arrays.copyOfRange(run.vectors, k * dim, (k + 1) * dim);
      logL[i] = allLogL[global];
      int live = Math.max(1, bornBelow(births, logL[i]) - i);
      liveCounts[i] = live;
      logWidths[i] = logVolume - Math.log(live + 1.0);
      logVolume -= Math.log1p(1.0 / live);
      logVolumes[i] = logVolume;
      logWeights[i] = Bound.logAddExp(lastLogL, logL[i]) + logWidths[i] - Math.log(2);
      lastLogL = logL[i];
      sum = Bound.logAddExp(sum, logWeights[i]);
    }
    logZ = sum;
    logBeyond = new double[total];
    double beyond = Double.NEGATIVE_INFINITY;
    for (int i = total - 1; i >= 0; i--) {
      logBeyond[i] = beyond;
      beyond = Bound.logAddExp(beyond, logWeights[i]);
    }
  }

  /**
   * The runs merged.
   *
   * @param runs the static run first, then the batches
   * @param logInitialVolume the log prior volume in which the static run's initial points were
   *     drawn (the share of the prior with a finite likelihood)
   */
  static MergedRun of(List<RunPoints> runs, double logInitialVolume) {
    return new MergedRun(runs, logInitialVolume);
  }

  /** The number of points with a birth strictly below {@code value} in the sorted births. */
  private static int bornBelow(double[] sortedBirths, double value) {
    int low = 0;
    int high = sortedBirths.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sortedBirths[middle] < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  int size() {
    return size;
  }

  double logZ() {
    return logZ;
  }

  /** The variance of {@code log Z} from the shrinkage factors, {@code sum_j R_j^2 / n_j^2}. */
  double logZVariance() {
    double variance = 0;
    for (int j = 0; j < size; j++) {
      double share = Math.exp(logBeyond[j] - logZ);
      variance += share * share / ((double) liveCounts[j] * liveCounts[j]);
    }
    return variance;
  }

  /** The normalized log weights. */
  double[] normalizedLogWeights() {
    double[] normalized = new double[size];
    for (int i = 0; i < size; i++) {
      normalized[i] = logWeights[i] - logZ;
    }
    return normalized;
  }

  /** The information {@code sum p_i log L_i - log Z}, at least 0. */
  double information() {
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += Math.exp(logWeights[i] - logZ) * logL[i];
    }
    return Math.max(0, sum - logZ);
  }

  /** Kish's effective sample size of the weights. */
  double effectiveSampleSize() {
    double sum = 0;
    for (int i = 0; i < size; i++) {
      double weight = Math.exp(logWeights[i] - logZ);
      sum += weight * weight;
    }
    return 1 / sum;
  }

  int liveCount(int index) {
    return liveCounts[index];
  }

  double[][] units() {
    return units;
  }

  double[][] vectors() {
    return vectors;
  }

  double[] logLikelihoods() {
    return logL;
  }

  double logLikelihood(int index) {
    return logL[index];
  }

  double[] unit(int index) {
    return units[index];
  }

  double[] vector(int index) {
    return vectors[index];
  }

  /** The log prior volume of the point's shell, {@code X_{i-1} - X_i}. */
  double logWidth(int index) {
    return logWidths[index];
  }

  /**
   * The likelihood range of the next batch, as dynesty's default weight function: each point's
   * weight is {@code f p_i + (1 - f) z_i}, with {@code p_i} its normalized posterior weight and
   * {@code z_i} the normalized evidence beyond it per live point, {@code Z_{>i} / n_i}; the range
   * runs from the point before the first whose weight exceeds {@value #WEIGHT_THRESHOLD} of the
   * largest to the point after the last. A range that reaches the first point starts from the prior
   * and keeps as many points above, one that reaches the last point has no top.
   *
   * <p>The bottom is lowered, down to the prior, until at least {@code minPointsAbove} points lie
   * above it, so that a batch has enough distinct points to start from and fit its bound to.
   *
   * @param posteriorFraction {@code f}
   * @param minPointsAbove the fewest merged points above the bottom
   */
  Range nextRange(double posteriorFraction, int minPointsAbove) {
    double[] weights = new double[size];
    double logZWeightSum = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      logZWeightSum = Bound.logAddExp(logZWeightSum, logBeyond[i] - Math.log(liveCounts[i]));
    }
    double largest = 0;
    for (int i = 0; i < size; i++) {
      double posterior = Math.exp(logWeights[i] - logZ);
      double evidence = Math.exp(logBeyond[i] - Math.log(liveCounts[i]) - logZWeightSum);
      weights[i] = posteriorFraction * posterior + (1 - posteriorFraction) * evidence;
      largest = Math.max(largest, weights[i]);
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < size; i++) {
      if (weights[i] > WEIGHT_THRESHOLD * largest) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    int low = first - 1;
    int high = last + 1;
    if (high > size - 1) {
      low -= high - (size - 1);
      high = size - 1;
    }
    double logLMin;
    double logLMax;
    int bottom;
    low = Math.min(low, size - 1 - minPointsAbove);
    if (low <= 0) {
      bottom = -1;
      logLMin = Double.NEGATIVE_INFINITY;
      logLMax = logL[Math.min(high - low, size - 1)];
    } else {
      bottom = low;
      logLMin = logL[low];
      logLMax = logL[high];
    }
    if (high == size - 1) {
      logLMax = Double.POSITIVE_INFINITY;
    }
    return new Range(logLMin, logLMax, bottom, bottom < 0 ? Double.NaN : logVolumes[bottom]);
  }
}

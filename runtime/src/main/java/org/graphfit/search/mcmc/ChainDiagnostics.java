package org.graphfit.search.mcmc;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The rank-normalised split R-hat and the bulk and tail effective sample sizes of Vehtari, Gelman,
 * Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding, and localization: an
 * improved R-hat for assessing convergence of MCMC", for one scalar quantity sampled by several
 * independent ensembles of walkers. Plain Markov chains are ensembles of one walker.
 *
 * <p>The draws are {@code draws[chain][walker][step]}. Every chain is split into its first and last
 * {@code floor(steps / 2)} steps (the middle step of an odd count is left out), so that a trend
 * within a chain shows up as disagreement between its halves.
 *
 * <ul>
 *   <li><b>R-hat</b> treats each half-chain's draws, pooled over its walkers, as one sequence: the
 *       walkers of an ensemble are not independent (every move uses another walker of the same
 *       ensemble), so only separately started ensembles are independent chains. The draws of all
 *       chains are replaced by normal scores of their ranks (average ranks for ties, {@code
 *       Phi^-1((r - 3/8) / (S + 1/4))} for {@code S} draws); R-hat is {@code sqrt((n - 1) / n + B /
 *       (n W))} of these scores with {@code W} the mean within-half-chain variance, {@code B / n}
 *       the variance of the half-chain means and {@code n} draws per half-chain. The same is done
 *       for the draws folded about their median, {@code |x - median|}, which sees chains that agree
 *       in location but not in scale; the R-hat reported is the larger of the two.
 *   <li><b>Bulk ESS</b> is the multi-chain effective sample size of the rank-normalised draws, with
 *       each walker's half-chain as one sequence: {@code rho_t = 1 - (W - mean acov_t) / var+},
 *       {@code var+ = (n - 1) / n W + B / n}, summed with Geyer's initial positive and initial
 *       monotone sequences, {@code ESS = S / tau} with {@code tau} at least {@code 1 / log10 S}.
 *       Walkers or chains that disagree inflate {@code var+} and so lower the ESS. As in emcee, the
 *       autocorrelation is each walker's own, averaged over walkers, and leaves out the lagged
 *       correlation between walkers.
 *   <li><b>Tail ESS</b> is the smaller of the effective sample sizes of the indicators {@code x <=
 *       q_0.05} and {@code x <= q_0.95}, the quantiles taken over all draws.
 * </ul>
 *
 * <p>The arithmetic follows ArviZ ({@code az.rhat(method="rank")}, {@code az.ess(method="bulk")},
 * {@code az.ess(method="tail")}): for plain chains, or for ensembles laid out step by step, the
 * values agree with ArviZ 0.23.4 to rounding. Immutable.
 */
public final class ChainDiagnostics {
  /** Vehtari et al.'s recommended largest R-hat. */
  public static final double RECOMMENDED_MAX_R_HAT = 1.01;

  /** The tail probability of the tail effective sample size. */
  private static final double TAIL = 0.05;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private final double rHat;
  private final double bulkEffectiveSampleSize;
  private final double tailEffectiveSampleSize;

  private ChainDiagnostics(double rHat, double bulk, double tail) {
    this.rHat = rHat;
    this.bulkEffectiveSampleSize = bulk;
    this.tailEffectiveSampleSize = tail;
  }

  /**
   * The diagnostics of draws from independent ensembles of walkers.
   *
   * @param draws {@code draws[chain][walker][step]}: at least one chain, the same number of walkers
   *     in every chain and the same number of steps, at least 4, for every walker; finite values
   * @return the diagnostics
   * @throws IllegalArgumentException if the draws are empty, ragged, shorter than 4 steps or not
   *     finite
   */
  public static ChainDiagnostics of(double[][][] draws) {
    int chains = draws.length;
    if (chains == 0 || draws[0].length == 0) {
      throw new IllegalArgumentException("need at least one chain of at least one walker");
    }
    int walkers = draws[0].length;
    int steps = draws[0][0].length;
    if (steps < 4) {
      throw new IllegalArgumentException(
          "need at least 4 steps per chain to split it in halves but got " + steps);
    }
    for (double[][] chain : draws) {
      if (chain.length != walkers) {
        throw new IllegalArgumentException(
            "every chain must have the same number of walkers but found "
                + walkers
                + " and "
                + chain.length);
      }
      for (double[] walker : chain) {
        if (walker.length != steps) {
          throw new IllegalArgumentException(
              "every walker must have the same number of steps but found "
                  + steps
                  + " and "
                  + walker.length);
        }
        for (double value : walker) {
          if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the draws must be finite but one is " + value);
          }
        }
      }
    }
    int half = steps / 2;
    // Rows of the split draws: row (2 c + h) * walkers + k is half h of walker k of chain c.
    double[][] split = new double[2 * chains * walkers][];
    for (int c = 0; c < chains; c++) {
      for (int k = 0; k < walkers; k++) {
        split[2 * c * walkers + k] = Arrays.copyOfRange(draws[c][k], 0, half);
        split[(2 * c + 1) * walkers + k] = Arrays.copyOfRange(draws[c][k], steps - half, steps);
      }
    }
    double[][] scores = normalScores(split);
    double bulkRHat = rHat(scores, walkers);
    double median = quantile(sorted(split), 0.5);
    double[][] folded = new double[split.length][half];
    for (int r = 0; r < split.length; r++) {
      for (int t = 0; t < half; t++) {
        folded[r][t] = Math.abs(split[r][t] - median);
      }
    }
    double foldedRHat = rHat(normalScores(folded), walkers);
    double bulk = effectiveSampleSize(scores);
    double[] all = new double[chains * walkers * steps];
    int i = 0;
    for (double[][] chain : draws) {
      for (double[] walker : chain) {
        System.arraycopy(walker, 0, all, i, steps);
        i += steps;
      }
    }
    Arrays.sort(all);
    double tail =
        Math.min(
            quantileEffectiveSampleSize(split, quantile(all, TAIL)),
            quantileEffectiveSampleSize(split, quantile(all, 1 - TAIL)));
    return new ChainDiagnostics(Math.max(bulkRHat, foldedRHat), bulk, tail);
  }

  /**
   * The diagnostics of independent plain Markov chains: each chain is an ensemble of one walker.
   *
   * @param chains {@code chains[chain][step]}: at least one chain, all of the same length, at least
   *     4, with finite values
   * @return the diagnostics
   * @throws IllegalArgumentException as {@link #of(double[][][])}
   */
  public static ChainDiagnostics ofChains(double[][] chains) {
    double[][][] draws = new double[chains.length][][];
    for (int c = 0; c < chains.length; c++) {
      draws[c] = new double[][] {chains[c]};
    }
    return of(draws);
  }

  /**
   * The rank-normalised split R-hat: the larger of the bulk and the folded R-hat. Near 1 when the
   * chains agree; {@link #RECOMMENDED_MAX_R_HAT} is the usual limit. It is 1 when every draw is the
   * same and infinite when the chains are constant but differ.
   *
   * @return R-hat, at least about 1
   */
  public double rHat() {
    return rHat;
  }

  /**
   * The bulk effective sample size: how many independent draws the rank-normalised draws are worth
   * for the center of the distribution (means, medians).
   *
   * @return the bulk ESS, positive
   */
  public double bulkEffectiveSampleSize() {
    return bulkEffectiveSampleSize;
  }

  /**
   * The tail effective sample size: the smaller of those of the 5% and 95% quantiles, which set the
   * error of credible intervals.
   *
   * @return the tail ESS, positive
   */
  public double tailEffectiveSampleSize() {
    return tailEffectiveSampleSize;
  }

  /** R-hat of rows grouped {@code walkers} at a time into half-chains, each group pooled. */
  private static double rHat(double[][] rows, int walkers) {
    int groups = rows.length / walkers;
    int n = walkers * rows[0].length;
    double[] means = new double[groups];
    double within = 0;
    for (int g = 0; g < groups; g++) {
      double sum = 0;
      for (int k = 0; k < walkers; k++) {
        for (double value : rows[g * walkers + k]) {
          sum += value;
        }
      }
      double mean = sum / n;
      double squares = 0;
      for (int k = 0; k < walkers; k++) {
        for (double value : rows[g * walkers + k]) {
          squares += (value - mean) * (value - mean);
        }
      }
      means[g] = mean;
      within += squares / (n - 1) / groups;
    }
    double between = n * variance(means);
    if (within == 0) {
      return between == 0 ? 1 : Double.POSITIVE_INFINITY;
    }
    return Math.sqrt((between / within + n - 1) / n);
  }

  /** The effective sample size of {@code x <= threshold} over the rows. */
  private static double quantileEffectiveSampleSize(double[][] rows, double threshold) {
    double[][] indicator = new double[rows.length][rows[0].length];
    for (int r = 0; r < rows.length; r++) {
      for (int t = 0; t < rows[r].length; t++) {
        indicator[r][t] = rows[r][t] <= threshold ? 1 : 0;
      }
    }
    return effectiveSampleSize(indicator);
  }

  /**
   * The multi-chain effective sample size of rows of equal length, each row one sequence, with
   * Geyer's initial positive and monotone sequence estimators.
   */
  private static double effectiveSampleSize(double[][] rows) {
    int m = rows.length;
    int n = rows[0].length;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : rows) {
      for (double value : row) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    double size = (double) m * n;
    if (max - min < 1e-15) {
      return size;
    }
    double[] acov = meanAutocovariance(rows);
    double[] means = new double[m];
    for (int r = 0; r < m; r++) {
      means[r] = mean(rows[r]);
    }
    double meanVariance = acov[0] * n / (n - 1.0);
    double varPlus = meanVariance * (n - 1.0) / n;
    if (m > 1) {
      varPlus += variance(means);
    }
    double[] rho = new double[n];
    double rhoEven = 1;
    rho[0] = rhoEven;
    double rhoOdd = 1 - (meanVariance - acov[1]) / varPlus;
    rho[1] = rhoOdd;
    int t = 1;
    while (t < n - 3 && rhoEven + rhoOdd > 0) {
      rhoEven = 1 - (meanVariance - acov[t + 1]) / varPlus;
      rhoOdd = 1 - (meanVariance - acov[t + 2]) / varPlus;
      if (rhoEven + rhoOdd >= 0) {
        rho[t + 1] = rhoEven;
        rho[t + 2] = rhoOdd;
      }
      t += 2;
    }
    int maxT = t - 2;
    if (rhoEven > 0) {
      rho[maxT + 1] = rhoEven;
    }
    for (t = 1; t <= maxT - 2; t += 2) {
      if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
        rho[t + 1] = (rho[t - 1] + rho[t]) / 2;
        rho[t + 2] = rho[t + 1];
      }
    }
    double sum = 0;
    for (int i = 0; i <= maxT; i++) {
      sum += rho[i];
    }
    double tau = -1 + 2 * sum + rho[maxT + 1];
    tau = Math.max(tau, 1 / Math.log10(size));
    return size / tau;
  }

  /**
   * The autocovariance {@code (1/n) sum_i (x_i - mean)(x_{i+t} - mean)} of each row, averaged over
   * the rows, at lags {@code 0 .. n - 1}.
   */
  private static double[] meanAutocovariance(double[][] rows) {
    double[] acov = Autocovariance.sum(rows, false);
    for (int t = 0; t < acov.length; t++) {
      acov[t] /= (double) rows[0].length * rows.length;
    }
    return acov;
  }

  /** Normal scores of the ranks of all values of the rows, average ranks for ties. */
  private static double[][] normalScores(double[][] rows) {
    double[] sorted = sorted(rows);
    double count = sorted.length;
    double[][] scores = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      scores[r] = new double[rows[r].length];
      for (int t = 0; t < rows[r].length; t++) {
        double value = rows[r][t];
        int first = lowerBound(sorted, value);
        int last = upperBound(sorted, value) - 1;
        double rank = 0.5 * (first + last) + 1;
        scores[r][t] =
            STANDARD_NORMAL.inverseCumulativeProbability((rank - 0.375) / (count + 0.25));
      }
    }
    return scores;
  }

  private static double[] sorted(double[][] rows) {
    int total = 0;
    for (double[] row : rows) {
      total += row.length;
    }
    double[] all = new double[total];
    int i = 0;
    for (double[] row : rows) {
      System.arraycopy(row, 0, all, i, row.length);
      i += row.length;
    }
    Arrays.sort(all);
    return all;
  }

  /** The first index whose value is not below {@code value}. */
  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index whose value is above {@code value}. */
  private static int upperBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The quantile of sorted values by linear interpolation (NumPy's default). */
  private static double quantile(double[] sorted, double probability) {
    double position = (sorted.length - 1) * probability;
    int below = (int) Math.floor(position);
    if (below + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** The sample variance, divisor {@code n - 1}. */
  private static double variance(double[] values) {
    double mean = mean(values);
    double sum = 0;
    for (double value : values) {
      sum += (value - mean) * (value - mean);
    }
    return sum / (values.length - 1);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "ChainDiagnostics[rHat=%.4f, bulkEss=%.1f, tailEss=%.1f]",
        rHat,
        bulkEffectiveSampleSize,
        tailEffectiveSampleSize);
  }
}

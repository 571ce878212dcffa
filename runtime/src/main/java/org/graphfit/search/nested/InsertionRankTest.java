package org.graphfit.search.nested;

/**
 * The insertion-rank test of a nested sampling run (after Fowlie, Handley and Su 2020 and Buchner's
 * UltraNest): when new live points are drawn from the prior above the likelihood constraint, the
 * rank of each new point's likelihood among the other {@code nLive - 1} live points is uniform on
 * {@code 0 .. nLive - 1}, independently from iteration to iteration. A sampler that cannot reach
 * part of the constrained prior, or whose new points stay near where their moves start, inserts
 * points at the wrong ranks: new points pile up above the existing ones when the live points
 * collapse into a region they cannot leave.
 *
 * <p>The ranks are compared with the uniform distribution by a Kolmogorov-Smirnov test in each
 * window of {@code nLive} consecutive iterations and over the whole run; the run fails the test
 * when the smallest p-value is below the false-alarm rate divided by the number of tests
 * (Bonferroni), so that a correct sampler fails with probability at most the false-alarm rate. The
 * Kolmogorov distribution is exact for continuous data and conservative for ranks, which take
 * {@code nLive} values. Immutable.
 */
final class InsertionRankTest {
  /** The default probability that a run whose ranks are uniform fails the test. */
  static final double FALSE_ALARM = 0.001;

  private final int windowStart;
  private final int windowLength;
  private final double windowP;
  private final double windowMean;
  private final double wholeP;
  private final double wholeMean;
  private final int tests;

  private InsertionRankTest(
      int windowStart,
      int windowLength,
      double windowP,
      double windowMean,
      double wholeP,
      double wholeMean,
      int tests) {
    this.windowStart = windowStart;
    this.windowLength = windowLength;
    this.windowP = windowP;
    this.windowMean = windowMean;
    this.wholeP = wholeP;
    this.wholeMean = wholeMean;
    this.tests = tests;
  }

  /**
   * Tests the ranks of a run.
   *
   * @param ranks the insertion ranks in iteration order, each in {@code [0, liveCount)}
   * @param liveCount the number of live points
   * @return the test
   */
  static InsertionRankTest of(int[] ranks, int liveCount) {
    int windows = ranks.length / liveCount;
    int worstStart = 0;
    int worstLength = ranks.length;
    double worstP = 1;
    double worstMean = Double.NaN;
    for (int w = 0; w < windows; w++) {
      int from = w * liveCount;
      int to = w == windows - 1 ? ranks.length : from + liveCount;
      double[] stats = statistics(ranks, from, to, liveCount);
      if (stats[0] < worstP || Double.isNaN(worstMean)) {
        worstP = stats[0];
        worstMean = stats[1];
        worstStart = from;
        worstLength = to - from;
      }
    }
    double[] whole = statistics(ranks, 0, ranks.length, liveCount);
    return new InsertionRankTest(
        worstStart, worstLength, worstP, worstMean, whole[0], whole[1], windows + 1);
  }

  /**
   * The p-value and the mean of {@code (rank + 0.5) / nLive} of the ranks in {@code [from, to)}.
   */
  private static double[] statistics(int[] ranks, int from, int to, int liveCount) {
    int m = to - from;
    if (m == 0) {
      return new double[] {1, Double.NaN};
    }
    int[] counts = new int[liveCount];
    double mean = 0;
    for (int k = from; k < to; k++) {
      counts[ranks[k]]++;
      mean += (ranks[k] + 0.5) / liveCount;
    }
    long cumulative = 0;
    double largest = 0;
    for (int r = 0; r < liveCount; r++) {
      cumulative += counts[r];
      largest = Math.max(largest, Math.abs((double) cumulative / m - (r + 1.0) / liveCount));
    }
    return new double[] {kolmogorovP(largest, m), mean / m};
  }

  /**
   * {@code P(D > d)} for the Kolmogorov-Smirnov statistic of {@code m} draws, by the asymptotic
   * series with Stephens' small-sample correction.
   */
  static double kolmogorovP(double d, int m) {
    double root = Math.sqrt(m);
    double lambda = (root + 0.12 + 0.11 / root) * d;
    if (lambda < 0.2) {
      return 1;
    }
    double sum = 0;
    for (int k = 1; k <= 100; k++) {
      double term = Math.exp(-2.0 * k * k * lambda * lambda);
      sum += (k % 2 == 1 ? 2 : -2) * term;
      if (term < 1e-16) {
        break;
      }
    }
    return Math.max(0, Math.min(1, sum));
  }

  /**
   * The smallest p-value times the number of tests, at most 1: the probability, for a correct
   * sampler, of a p-value this small somewhere in the run.
   *
   * @return the Bonferroni-adjusted p-value
   */
  double adjustedP() {
    return Math.min(1, Math.min(windowP, wholeP) * tests);
  }

  /**
   * Whether the run fails the test at a false-alarm rate.
   *
   * @param falseAlarm the probability that a correct run fails
   * @return true if the ranks are not uniform at that level
   */
  boolean failed(double falseAlarm) {
    return adjustedP() < falseAlarm;
  }

  /**
   * What the test saw, for a concern's message.
   *
   * @return one sentence
   */
  String describe() {
    if (windowP <= wholeP) {
      return String.format(
          java.util.Locale.ROOT,
          "in iterations %d to %d the insertion ranks of new live points have mean %.3f of nLive"
              + " (uniform: 0.500) and a Kolmogorov-Smirnov p-value of %.2g (%.2g after %d tests)",
          windowStart,
          windowStart + windowLength,
          windowMean,
          windowP,
          adjustedP(),
          tests);
    }
    return String.format(
        java.util.Locale.ROOT,
        "over the run the insertion ranks of new live points have mean %.3f of nLive (uniform:"
            + " 0.500) and a Kolmogorov-Smirnov p-value of %.2g (%.2g after %d tests)",
        wholeMean,
        wholeP,
        adjustedP(),
        tests);
  }
}

package org.graphfit.ep;

import java.util.Arrays;

/**
 * The Pareto-smoothed importance sampling diagnostic {@code k̂} (Vehtari, Simpson, Gelman, Yao and
 * Gabry, "Pareto smoothed importance sampling", JMLR 2024): the shape of a generalised Pareto
 * distribution fitted to the largest importance weights. Below 0.5 the weights have a finite
 * variance; above 0.7 the importance sampling estimate is unreliable, which means that the proposal
 * misses mass the target has, in its tails or elsewhere. The fit is the profile-likelihood estimate
 * of Zhang and Stephens (Technometrics 2009) with the weakly informative adjustment towards 0.5 of
 * the PSIS paper, on the {@code min(n/5, 3√n)} largest weights.
 */
final class ParetoShape {
  private static final double PRIOR_SHAPE = 0.5;
  private static final double PRIOR_WEIGHT = 10;

  private ParetoShape() {}

  /**
   * The shape {@code k̂} of the largest weights' tail.
   *
   * @param logWeights the log importance weights (not changed); non-finite values count as zero
   *     weight
   * @return {@code k̂}, or negative infinity when the tail is flat (all tail weights equal), or NaN
   *     with fewer than 5 tail weights
   */
  static double of(double[] logWeights) {
    int n = logWeights.length;
    int tail = (int) Math.min(n / 5.0, 3 * Math.sqrt(n));
    if (tail < 5) {
      return Double.NaN;
    }
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = Double.isNaN(logWeights[i]) ? Double.NEGATIVE_INFINITY : logWeights[i];
    }
    Arrays.sort(sorted);
    double top = sorted[n - 1];
    if (top == Double.NEGATIVE_INFINITY || top == Double.POSITIVE_INFINITY) {
      return top == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    // exceedances of the threshold, the largest weight outside the tail, on the scale of the top
    double threshold = Math.exp(sorted[n - tail - 1] - top);
    double[] x = new double[tail];
    for (int i = 0; i < tail; i++) {
      x[i] = Math.exp(sorted[n - tail + i] - top) - threshold;
    }
    double largest = x[tail - 1];
    if (!(largest > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double quartile = x[(int) Math.floor(tail / 4.0 + 0.5) - 1];
    if (!(quartile > 0)) {
      quartile = largest / tail;
    }
    int grid = 30 + (int) Math.sqrt(tail);
    double[] theta = new double[grid];
    double[] profile = new double[grid];
    for (int j = 0; j < grid; j++) {
      theta[j] = 1 / largest + (1 - Math.sqrt(grid / (j + 0.5))) / (3 * quartile);
      double shape = meanLog(x, theta[j]);
      profile[j] = tail * (Math.log(-theta[j] / shape) - shape - 1);
    }
    double thetaHat = 0;
    double total = 0;
    for (int j = 0; j < grid; j++) {
      double weight = 0;
      for (int i = 0; i < grid; i++) {
        weight += Math.exp(profile[i] - profile[j]);
      }
      theta[j] = theta[j] / weight;
      total += 1 / weight;
    }
    for (double t : theta) {
      thetaHat += t;
    }
    thetaHat /= total;
    double shape = meanLog(x, thetaHat);
    return (tail * shape + PRIOR_WEIGHT * PRIOR_SHAPE) / (tail + PRIOR_WEIGHT);
  }

  /** The shape estimate for one {@code θ}: the mean of {@code log(1 - θ x)}. */
  private static double meanLog(double[] x, double theta) {
    double sum = 0;
    for (double value : x) {
      sum += Math.log1p(-theta * value);
    }
    return sum / x.length;
  }
}

package org.graphfit.search;

import java.util.Arrays;

/**
 * The weighted quantile of one column of weighted samples: linear interpolation of the weighted
 * empirical distribution function at the samples' mid-weights; NaN values (a derived quantity that
 * failed there) sort last and are left out.
 */
final class WeightedQuantile {
  private WeightedQuantile() {}

  /**
   * The quantile of a column.
   *
   * @param vectors the samples' vectors
   * @param weights their weights
   * @param order scratch space of one index per sample, overwritten
   * @param dim the column
   * @param probability the cumulative probability in {@code [0, 1]}
   * @return the quantile
   */
  static double of(
      double[][] vectors, double[] weights, Integer[] order, int dim, double probability) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(vectors[a][dim], vectors[b][dim]));
    return interpolated(vectors, weights, order, dim, probability);
  }

  private static double interpolated(
      double[][] vectors, double[] weights, Integer[] order, int dim, double probability) {
    double cumulative = 0;
    double previousMid = Double.NaN;
    double previousValue = Double.NaN;
    for (Integer index : order) {
      double value = vectors[index][dim];
      if (Double.isNaN(value)) {
        break; // NaN sorts last: a derived quantity that failed there
      }
      double mid = cumulative + 0.5 * weights[index];
      if (mid >= probability) {
        if (Double.isNaN(previousMid)) {
          return value;
        }
        double fraction = (probability - previousMid) / (mid - previousMid);
        return previousValue + fraction * (value - previousValue);
      }
      cumulative += weights[index];
      previousMid = mid;
      previousValue = value;
    }
    return previousValue;
  }
}

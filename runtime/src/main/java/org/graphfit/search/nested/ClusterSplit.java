package org.graphfit.search.nested;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recursive split of a cluster of live points into the clusters of a multi-ellipsoid bound: in
 * two by k-means started at the ends of the major axis whenever the halves' summed volume is less
 * than half the whole, or, when the whole is over twice the expected volume, when a deeper split
 * achieves that.
 */
final class ClusterSplit {
  private static final double LOG_VOLUME_DECREASE = Math.log(0.5);
  private static final double LOG_VOLUME_CHECK = Math.log(2.0);
  private static final int KMEANS_ITERATIONS = 10;

  private ClusterSplit() {}

  /** Adds to {@code out} the clusters into which {@code whole} is recursively split. */
  static void split(double[][] points, Cluster whole, double logPointVolume, List<Cluster> out) {
    int d = points[0].length;
    int minimum = Math.max(2 * d, d + 1);
    int[] index = whole.index;
    int[][] halves =
        index.length < 2 * minimum ? null : kmeans(points, index, whole.majorAxisEnds(points));
    if (halves == null || halves[0].length < minimum || halves[1].length < minimum) {
      out.add(whole);
      return;
    }
    Cluster first = Cluster.of(points, halves[0], logPointVolume);
    Cluster second = Cluster.of(points, halves[1], logPointVolume);
    double wholeLogVolume = whole.logVolume(points);
    double splitLogVolume = Bound.logAddExp(first.logVolume(points), second.logVolume(points));
    if (splitLogVolume < LOG_VOLUME_DECREASE + wholeLogVolume) {
      split(points, first, logPointVolume, out);
      split(points, second, logPointVolume, out);
      return;
    }
    if (wholeLogVolume > LOG_VOLUME_CHECK + Math.log(index.length) + logPointVolume) {
      List<Cluster> deeper = new ArrayList<>();
      split(points, first, logPointVolume, deeper);
      split(points, second, logPointVolume, deeper);
      double deeperLogVolume = Double.NEGATIVE_INFINITY;
      for (Cluster cluster : deeper) {
        deeperLogVolume = Bound.logAddExp(deeperLogVolume, cluster.logVolume(points));
      }
      if (deeperLogVolume < LOG_VOLUME_DECREASE + wholeLogVolume) {
        out.addAll(deeper);
        return;
      }
    }
    out.add(whole);
  }

  /** Two-means clustering from the given centres; null if a cluster empties. */
  private static int[][] kmeans(double[][] points, int[] index, double[][] centres) {
    int d = centres[0].length;
    int n = index.length;
    int[] labels = new int[n];
    int[] counts = new int[2];
    for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
      boolean changed = false;
      counts[0] = 0;
      counts[1] = 0;
      for (int k = 0; k < n; k++) {
        double[] x = points[index[k]];
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < d; i++) {
          double a = x[i] - centres[0][i];
          double b = x[i] - centres[1][i];
          d0 += a * a;
          d1 += b * b;
        }
        int label = d1 < d0 ? 1 : 0;
        if (label != labels[k]) {
          changed = true;
          labels[k] = label;
        }
        counts[label]++;
      }
      if (counts[0] == 0 || counts[1] == 0) {
        return null;
      }
      if (!changed && iteration > 0) {
        break;
      }
      for (int c = 0; c < 2; c++) {
        Arrays.fill(centres[c], 0);
      }
      for (int k = 0; k < n; k++) {
        double[] x = points[index[k]];
        double[] centre = centres[labels[k]];
        for (int i = 0; i < d; i++) {
          centre[i] += x[i];
        }
      }
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < d; i++) {
          centres[c][i] /= counts[c];
        }
      }
    }
    int[][] halves = {new int[counts[0]], new int[counts[1]]};
    int[] fill = new int[2];
    for (int k = 0; k < n; k++) {
      halves[labels[k]][fill[labels[k]]++] = index[k];
    }
    return halves;
  }
}

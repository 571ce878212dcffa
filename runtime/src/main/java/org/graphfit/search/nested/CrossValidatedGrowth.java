package org.graphfit.search.nested;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How much each cluster's enclosing ellipsoid is grown: by the fixed enlargement or, with
 * cross-validation folds, by as much as the folds show the ellipsoid of a finite sample needs (see
 * {@link Bound#fit(double[][], boolean, double, double, int, UniformRandomProvider)}).
 */
final class CrossValidatedGrowth {
  private CrossValidatedGrowth() {}

  /** Each cluster's ellipsoid, grown by its cross-validated expansion or the fixed enlargement. */
  static Ellipsoid[] grow(
      double[][] points,
      List<Cluster> clusters,
      double logPointVolume,
      double enlarge,
      int folds,
      UniformRandomProvider rng) {
    double minimum = Math.pow(enlarge, 1.0 / points[0].length);
    Ellipsoid[] grown = new Ellipsoid[clusters.size()];
    for (int i = 0; i < grown.length; i++) {
      Cluster cluster = clusters.get(i);
      double factor =
          Math.max(
              minimum, crossValidatedExpansion(points, cluster.index, logPointVolume, folds, rng));
      grown[i] = cluster.smaller(points).scaled(factor * factor);
    }
    return grown;
  }

  /** The smaller of the plain and the shrunk enclosing ellipsoid of the indexed points. */
  private static Ellipsoid smallerEnclosing(double[][] points, int[] index, double logPointVolume) {
    return Cluster.of(points, index, logPointVolume).smaller(points);
  }

  /**
   * The largest linear factor, at least 1, by which the ellipsoid of the indexed points less one of
   * {@code folds} random folds must grow to contain the points of that fold, over all folds; 1
   * without folds or with too few points to fit the rest.
   */
  private static double crossValidatedExpansion(
      double[][] points, int[] index, double logPointVolume, int folds, UniformRandomProvider rng) {
    int n = index.length;
    int d = points[0].length;
    if (folds < 2 || n - (n + folds - 1) / folds <= 2 * d) {
      return 1;
    }
    int[] order = index.clone();
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    double largest = 1;
    for (int fold = 0; fold < folds; fold++) {
      int from = (int) ((long) n * fold / folds);
      int to = (int) ((long) n * (fold + 1) / folds);
      int[] rest = new int[n - (to - from)];
      System.arraycopy(order, 0, rest, 0, from);
      System.arraycopy(order, to, rest, from, n - to);
      Ellipsoid fitted =
          smallerEnclosing(points, rest, logPointVolume + Math.log((double) n / rest.length));
      for (int k = from; k < to; k++) {
        largest = Math.max(largest, Math.sqrt(fitted.distance(points[order[k]])));
      }
    }
    return largest;
  }
}

package org.graphfit.search.nested;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A union of ellipsoids bounding the live points, fitted as nestle and dynesty do: one ellipsoid from
 * the points' covariance scaled to enclose them, recursively split in two by k-means started at the
 * ends of the major axis whenever the two halves' summed volume is less than half the whole, then every
 * ellipsoid enlarged by a volume factor. Immutable.
 */
final class Bound {
  private static final double LOG_VOLUME_DECREASE = Math.log(0.5);
  private static final double LOG_VOLUME_CHECK = Math.log(2.0);
  private static final int KMEANS_ITERATIONS = 10;

  private final Ellipsoid[] ellipsoids;
  private final double[] cumulative;

  Bound(Ellipsoid[] ellipsoids) {
    this.ellipsoids = ellipsoids;
    this.cumulative = new double[ellipsoids.length];
    double largest = Double.NEGATIVE_INFINITY;
    for (Ellipsoid e : ellipsoids) {
      largest = Math.max(largest, e.logVolume());
    }
    double sum = 0;
    for (int i = 0; i < ellipsoids.length; i++) {
      sum += Math.exp(ellipsoids[i].logVolume() - largest);
      cumulative[i] = sum;
    }
    for (int i = 0; i < ellipsoids.length; i++) {
      cumulative[i] /= sum;
    }
  }

  /**
   * Fits the bound of the first {@code count} points.
   *
   * @param points unit-cube points
   * @param multi whether to split into several ellipsoids
   * @param logPointVolume the log of the prior volume expected per point; no ellipsoid is made smaller
   *     than its point count times this
   * @param enlarge the factor by which each ellipsoid's volume is finally multiplied
   */
  static Bound fit(double[][] points, boolean multi, double logPointVolume, double enlarge) {
    int[] all = new int[points.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Ellipsoid root = enclosing(points, all, logPointVolume);
    List<Ellipsoid> fitted = new ArrayList<>();
    if (multi) {
      split(points, all, root, logPointVolume, fitted);
    } else {
      fitted.add(root);
    }
    int d = root.dimension();
    double factor = Math.pow(enlarge, 2.0 / d);
    Ellipsoid[] enlarged = new Ellipsoid[fitted.size()];
    for (int i = 0; i < enlarged.length; i++) {
      enlarged[i] = fitted.get(i).scaled(factor);
    }
    return new Bound(enlarged);
  }

  int size() {
    return ellipsoids.length;
  }

  Ellipsoid ellipsoid(int index) {
    return ellipsoids[index];
  }

  /**
   * Writes to {@code out} a point uniform in the intersection of the union of the ellipsoids with the
   * unit cube: an ellipsoid is chosen with probability proportional to its volume, a point drawn in it
   * and kept with probability one over the number of ellipsoids containing it.
   */
  void sampleUniform(
      UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] z, double[] out) {
    while (true) {
      int chosen = choose(rng.nextDouble());
      ellipsoids[chosen].sample(rng, gauss, z, out);
      if (!inUnitCube(out)) {
        continue;
      }
      if (ellipsoids.length > 1) {
        int containing = 0;
        for (Ellipsoid e : ellipsoids) {
          if (e.contains(out)) {
            containing++;
          }
        }
        if (containing > 1 && rng.nextDouble() * containing >= 1) {
          continue;
        }
      }
      return;
    }
  }

  /**
   * The ellipsoid to move a live point with: one chosen at random among those containing it, or the
   * nearest in Mahalanobis distance if none does.
   */
  Ellipsoid around(double[] point, UniformRandomProvider rng) {
    if (ellipsoids.length == 1) {
      return ellipsoids[0];
    }
    int containing = 0;
    int nearest = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < ellipsoids.length; i++) {
      double distance = ellipsoids[i].distance(point);
      if (distance <= 1) {
        containing++;
      }
      if (distance < best) {
        best = distance;
        nearest = i;
      }
    }
    if (containing == 0) {
      return ellipsoids[nearest];
    }
    int pick = rng.nextInt(containing);
    for (Ellipsoid e : ellipsoids) {
      if (e.contains(point) && pick-- == 0) {
        return e;
      }
    }
    throw new AssertionError("unreachable");
  }

  static boolean inUnitCube(double[] u) {
    for (double x : u) {
      if (!(x >= 0 && x <= 1)) {
        return false;
      }
    }
    return true;
  }

  private int choose(double uniform) {
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (uniform < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** The covariance ellipsoid of the indexed points, scaled to enclose them all. */
  static Ellipsoid enclosing(double[][] points, int[] index, double logPointVolume) {
    int n = index.length;
    int d = points[0].length;
    double[] mean = new double[d];
    for (int p : index) {
      for (int i = 0; i < d; i++) {
        mean[i] += points[p][i];
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= n;
    }
    double[][] cov = new double[d][d];
    double[] delta = new double[d];
    for (int p : index) {
      for (int i = 0; i < d; i++) {
        delta[i] = points[p][i] - mean[i];
      }
      for (int i = 0; i < d; i++) {
        double di = delta[i];
        double[] row = cov[i];
        for (int j = 0; j <= i; j++) {
          row[j] += di * delta[j];
        }
      }
    }
    double norm = 1.0 / Math.max(1, n - 1);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        cov[i][j] *= norm;
        cov[j][i] = cov[i][j];
      }
    }
    Ellipsoid ellipsoid = Ellipsoid.of(mean, cov);
    double farthest = 0;
    for (int p : index) {
      farthest = Math.max(farthest, ellipsoid.distance(points[p]));
    }
    if (farthest > 0) {
      ellipsoid = ellipsoid.scaled(farthest * (1 + 1e-10));
    }
    double minimum = logPointVolume + Math.log(n);
    if (ellipsoid.logVolume() < minimum) {
      ellipsoid = ellipsoid.withLogVolume(minimum);
    }
    return ellipsoid;
  }

  private static void split(
      double[][] points, int[] index, Ellipsoid whole, double logPointVolume, List<Ellipsoid> out) {
    int d = whole.dimension();
    int minimum = Math.max(2 * d, d + 1);
    int[][] halves = index.length < 2 * minimum ? null : kmeans(points, index, whole.majorAxisEnds());
    if (halves == null || halves[0].length < minimum || halves[1].length < minimum) {
      out.add(whole);
      return;
    }
    Ellipsoid first = enclosing(points, halves[0], logPointVolume);
    Ellipsoid second = enclosing(points, halves[1], logPointVolume);
    double splitLogVolume = logAddExp(first.logVolume(), second.logVolume());
    if (splitLogVolume < LOG_VOLUME_DECREASE + whole.logVolume()) {
      split(points, halves[0], first, logPointVolume, out);
      split(points, halves[1], second, logPointVolume, out);
      return;
    }
    if (whole.logVolume() > LOG_VOLUME_CHECK + Math.log(index.length) + logPointVolume) {
      List<Ellipsoid> deeper = new ArrayList<>();
      split(points, halves[0], first, logPointVolume, deeper);
      split(points, halves[1], second, logPointVolume, deeper);
      double deeperLogVolume = Double.NEGATIVE_INFINITY;
      for (Ellipsoid e : deeper) {
        deeperLogVolume = logAddExp(deeperLogVolume, e.logVolume());
      }
      if (deeperLogVolume < LOG_VOLUME_DECREASE + whole.logVolume()) {
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

  static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double max = Math.max(a, b);
    return max + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(ellipsoids.length);
    for (Ellipsoid e : ellipsoids) {
      e.write(out);
    }
  }

  static Bound read(DataInput in, int d) throws IOException {
    int count = in.readInt();
    Ellipsoid[] ellipsoids = new Ellipsoid[count];
    for (int i = 0; i < count; i++) {
      ellipsoids[i] = Ellipsoid.read(in, d);
    }
    return new Bound(ellipsoids);
  }
}

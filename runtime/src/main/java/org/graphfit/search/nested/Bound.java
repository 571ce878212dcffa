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
 * A union of ellipsoids bounding the live points, fitted as nestle and dynesty do: one ellipsoid
 * from the points' covariance scaled to enclose them, recursively split in two by k-means started
 * at the ends of the major axis whenever the halves' summed volume is less than half the whole (or,
 * when the whole is over twice the expected volume, when a deeper split achieves that). Each final
 * cluster gets the smaller of its plain and its Ledoit-Wolf-shrunk enclosing ellipsoid, enlarged by
 * a volume factor or, with cross-validation folds, by as much as the folds show it needs. The split
 * is {@link ClusterSplit}'s, the ellipsoids of a cluster {@link Cluster}'s and the growth {@link
 * CrossValidatedGrowth}'s; this class samples from the union and writes it to checkpoints.
 * Immutable.
 */
final class Bound {
  /** The most draws {@link #sampleUniform} makes before giving up. */
  private static final int MAX_DRAWS = 10_000_000;

  private final Ellipsoid[] ellipsoids;

  /**
   * Per ellipsoid, the box its uniform draws are made in, where that is smaller than the ellipsoid
   * itself, or null to draw in the ellipsoid.
   */
  private final CubeBox[] boxes;

  private final double[] cumulative;

  Bound(Ellipsoid[] ellipsoids) {
    this.ellipsoids = ellipsoids;
    this.boxes = new CubeBox[ellipsoids.length];
    this.cumulative = new double[ellipsoids.length];
    double[] logVolumes = new double[ellipsoids.length];
    double largest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < ellipsoids.length; i++) {
      CubeBox box = CubeBox.of(ellipsoids[i]);
      boxes[i] = box.logVolume() < ellipsoids[i].logVolume() ? box : null;
      logVolumes[i] = boxes[i] == null ? ellipsoids[i].logVolume() : box.logVolume();
      largest = Math.max(largest, logVolumes[i]);
    }
    if (largest == Double.NEGATIVE_INFINITY) { // no ellipsoid meets the cube in a volume
      Arrays.fill(boxes, null);
      for (int i = 0; i < ellipsoids.length; i++) {
        logVolumes[i] = ellipsoids[i].logVolume();
        largest = Math.max(largest, logVolumes[i]);
      }
    }
    double sum = 0;
    for (int i = 0; i < ellipsoids.length; i++) {
      sum += Math.exp(logVolumes[i] - largest);
      cumulative[i] = sum;
    }
    for (int i = 0; i < ellipsoids.length; i++) {
      cumulative[i] /= sum;
    }
  }

  /**
   * Fits the bound of the points, each ellipsoid enlarged by the fixed factor.
   *
   * @param points unit-cube points
   * @param multi whether to split into several ellipsoids
   * @param logPointVolume the log of the prior volume expected per point; no ellipsoid is made
   *     smaller than its point count times this
   * @param enlarge the factor by which each ellipsoid's volume is finally multiplied
   */
  static Bound fit(double[][] points, boolean multi, double logPointVolume, double enlarge) {
    return fit(points, multi, logPointVolume, enlarge, 0, null);
  }

  /**
   * Fits the bound of the points. With folds, each ellipsoid is grown by the linear factor by which
   * the ellipsoid of its cluster less one random fold must grow to contain that fold's points (the
   * largest over the folds; k-fold cross-validation), or by the fixed enlargement, whichever is
   * larger: an estimate, from the points alone, of how far the region reaches beyond an ellipsoid
   * fitted to a finite sample of it. An ellipsoid fitted to 500 points uniform in a 20-dimensional
   * ball misses 0.6-0.8% of the ball even when enlarged by 1.25 in volume, and a region that is not
   * an ellipsoid more; uniform draws inside such a bound bias the evidence upwards. The clusters
   * are those of the whole sample, so the growth measures each ellipsoid's shape, not the
   * instability of splitting a subsample; and since an ellipsoid fitted to a few dozen points in
   * many dimensions needs much growth, a split whose grown ellipsoids add up to more volume than
   * the grown single ellipsoid is undone.
   *
   * @param points unit-cube points
   * @param multi whether to split into several ellipsoids
   * @param logPointVolume the log of the prior volume expected per point; no ellipsoid is made
   *     smaller than its point count times this
   * @param enlarge the factor by which each ellipsoid's volume is at least multiplied
   * @param folds the number of cross-validation folds per cluster, 0 for the fixed enlargement
   *     alone
   * @param rng the generator of the folds, unused without folds
   */
  static Bound fit(
      double[][] points,
      boolean multi,
      double logPointVolume,
      double enlarge,
      int folds,
      UniformRandomProvider rng) {
    int[] all = new int[points.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    List<Cluster> clusters = new ArrayList<>();
    Cluster whole = Cluster.of(points, all, logPointVolume);
    if (multi) {
      ClusterSplit.split(points, whole, logPointVolume, clusters);
    } else {
      clusters.add(whole);
    }
    Ellipsoid[] grown =
        CrossValidatedGrowth.grow(points, clusters, logPointVolume, enlarge, folds, rng);
    if (grown.length > 1 && folds > 1) {
      Ellipsoid[] one =
          CrossValidatedGrowth.grow(points, List.of(whole), logPointVolume, enlarge, folds, rng);
      if (one[0].logVolume() < logSumVolume(grown)) {
        return new Bound(one);
      }
    }
    return new Bound(grown);
  }

  private static double logSumVolume(Ellipsoid[] ellipsoids) {
    double sum = Double.NEGATIVE_INFINITY;
    for (Ellipsoid e : ellipsoids) {
      sum = logAddExp(sum, e.logVolume());
    }
    return sum;
  }

  int size() {
    return ellipsoids.length;
  }

  Ellipsoid ellipsoid(int index) {
    return ellipsoids[index];
  }

  /**
   * Writes to {@code out} a point uniform in the intersection of the union of the ellipsoids with
   * the unit cube: an ellipsoid is chosen with probability proportional to the volume of the
   * smaller of itself and its {@link CubeBox}, a point drawn in that, kept if it lies in the
   * ellipsoid's part of the cube, and then with probability one over the number of ellipsoids
   * containing it (each ellipsoid's part of the cube is thus reached in proportion to its volume).
   */
  void sampleUniform(
      UniformRandomProvider rng,
      ZigguratSampler.NormalizedGaussian gauss,
      double[] z,
      double[] out) {
    for (int tries = 0; tries < MAX_DRAWS; tries++) {
      int chosen = choose(rng.nextDouble());
      if (boxes[chosen] == null) {
        if (!ellipsoids[chosen].sampleInCube(rng, gauss, z, out)) {
          continue;
        }
      } else {
        boxes[chosen].sample(rng, out);
        if (!ellipsoids[chosen].contains(out)) {
          continue;
        }
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
    throw new IllegalStateException(
        "no point of the bounding ellipsoids fell inside the unit cube in "
            + MAX_DRAWS
            + " draws; the live points are degenerate (e.g. a parameter the likelihood ignores"
            + " pinned to a prior bound)");
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

  /**
   * The first ellipsoid whose cumulative share exceeds {@code uniform}, the last if none before it
   * does; a binary search, since the shares never decrease (the seed joint fit's multi-ellipsoid
   * bound holds a dozen ellipsoids, and every rejected draw chooses again).
   */
  private int choose(double uniform) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (uniform < cumulative[middle]) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
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

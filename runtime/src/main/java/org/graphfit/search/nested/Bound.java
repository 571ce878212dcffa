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
 * a volume factor or, with cross-validation folds, by as much as the folds show it needs.
 * Immutable.
 */
final class Bound {
  /** The most draws {@link #sampleUniform} makes before giving up. */
  private static final int MAX_DRAWS = 10_000_000;

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
      split(points, whole, logPointVolume, clusters);
    } else {
      clusters.add(whole);
    }
    Ellipsoid[] grown = grow(points, clusters, logPointVolume, enlarge, folds, rng);
    if (grown.length > 1 && folds > 1) {
      Ellipsoid[] one = grow(points, List.of(whole), logPointVolume, enlarge, folds, rng);
      if (one[0].logVolume() < logSumVolume(grown)) {
        return new Bound(one);
      }
    }
    return new Bound(grown);
  }

  /** Each cluster's ellipsoid, grown by its cross-validated expansion or the fixed enlargement. */
  private static Ellipsoid[] grow(
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

  private static double logSumVolume(Ellipsoid[] ellipsoids) {
    double sum = Double.NEGATIVE_INFINITY;
    for (Ellipsoid e : ellipsoids) {
      sum = logAddExp(sum, e.logVolume());
    }
    return sum;
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

  int size() {
    return ellipsoids.length;
  }

  Ellipsoid ellipsoid(int index) {
    return ellipsoids[index];
  }

  /**
   * Writes to {@code out} a point uniform in the intersection of the union of the ellipsoids with
   * the unit cube: an ellipsoid is chosen with probability proportional to its volume, a point
   * drawn in it and kept with probability one over the number of ellipsoids containing it.
   */
  void sampleUniform(
      UniformRandomProvider rng,
      ZigguratSampler.NormalizedGaussian gauss,
      double[] z,
      double[] out) {
    for (int tries = 0; tries < MAX_DRAWS; tries++) {
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

  private int choose(double uniform) {
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (uniform < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /**
   * The ellipsoid of a mean and the eigen decomposition of a covariance (plain, or shrunk towards
   * isotropy: each final ellipsoid is the smaller of the two, a round cluster gains, two merged
   * modes do not, while the splitting decisions use the plain covariance, whose elongation shows
   * where to split), scaled to enclose the points whose offsets in the eigenbasis are given (see
   * {@link #project}) and to at least their number times the volume per point.
   */
  private static Ellipsoid enclosing(
      double[][] projections, double logPointVolume, double[] mean, Ellipsoid.Eigen eigen) {
    Ellipsoid.Eigen floored = eigen.floored();
    double[] values = floored.values();
    double farthest = 0;
    for (double[] y : projections) {
      double squared = 0;
      for (int k = 0; k < values.length; k++) {
        squared += y[k] * y[k] / values[k];
      }
      farthest = Math.max(farthest, squared);
    }
    Ellipsoid ellipsoid = Ellipsoid.of(mean, floored);
    if (farthest > 0) {
      ellipsoid = ellipsoid.scaled(farthest * (1 + 1e-10));
    }
    double minimum = logPointVolume + Math.log(projections.length);
    if (ellipsoid.logVolume() < minimum) {
      ellipsoid = ellipsoid.withLogVolume(minimum);
    }
    return ellipsoid;
  }

  /**
   * The offsets of the indexed points from {@code mean} in the eigenbasis, {@code y = V^T (x -
   * mean)}, so that a point's squared distance in any ellipsoid with these eigenvectors is {@code
   * sum_k y_k^2 / lambda_k}; four coordinates are summed side by side.
   */
  private static double[][] project(
      double[][] points, int[] index, double[] mean, Ellipsoid.Eigen eigen) {
    int d = mean.length;
    double[] vectors = eigen.vectors();
    double[] transposed = new double[d * d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        transposed[k * d + i] = vectors[i * d + k];
      }
    }
    double[][] projections = new double[index.length][d];
    double[] delta = new double[d];
    for (int p = 0; p < index.length; p++) {
      double[] x = points[index[p]];
      for (int i = 0; i < d; i++) {
        delta[i] = x[i] - mean[i];
      }
      double[] y = projections[p];
      int k = 0;
      for (; k + 3 < d; k += 4) {
        int r0 = k * d;
        int r1 = r0 + d;
        int r2 = r1 + d;
        int r3 = r2 + d;
        double y0 = 0;
        double y1 = 0;
        double y2 = 0;
        double y3 = 0;
        for (int i = 0; i < d; i++) {
          double di = delta[i];
          y0 += transposed[r0 + i] * di;
          y1 += transposed[r1 + i] * di;
          y2 += transposed[r2 + i] * di;
          y3 += transposed[r3 + i] * di;
        }
        y[k] = y0;
        y[k + 1] = y1;
        y[k + 2] = y2;
        y[k + 3] = y3;
      }
      for (; k < d; k++) {
        double sum = 0;
        int row = k * d;
        for (int i = 0; i < d; i++) {
          sum += transposed[row + i] * delta[i];
        }
        y[k] = sum;
      }
    }
    return projections;
  }

  private static double[] meanOf(double[][] points, int[] index) {
    int d = points[0].length;
    double[] mean = new double[d];
    for (int p : index) {
      for (int i = 0; i < d; i++) {
        mean[i] += points[p][i];
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] /= index.length;
    }
    return mean;
  }

  /**
   * Writes into {@code cov} (zeroed) the covariance of the indexed points about {@code mean},
   * divided by their number, and returns the sum of their {@code |x - mean|^4}.
   */
  private static double accumulateCovariance(
      double[][] points, int[] index, double[] mean, double[][] cov) {
    int n = index.length;
    int d = mean.length;
    double[] delta = new double[d];
    double fourth = 0;
    for (int p : index) {
      double norm2 = 0;
      for (int i = 0; i < d; i++) {
        delta[i] = points[p][i] - mean[i];
        norm2 += delta[i] * delta[i];
      }
      fourth += norm2 * norm2;
      for (int i = 0; i < d; i++) {
        double di = delta[i];
        double[] row = cov[i];
        for (int j = 0; j <= i; j++) {
          row[j] += di * delta[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        cov[i][j] /= n;
        cov[j][i] = cov[i][j];
      }
    }
    return fourth;
  }

  /**
   * Points, by index, with their mean, their covariance and the moments that size its Ledoit-Wolf
   * shrinkage. The plain enclosing ellipsoid (an eigen decomposition) is made when first needed:
   * the splitting decisions need only its volume, which a Cholesky factor gives, and the shrunk
   * ellipsoid needs no second pass over the points nor a second decomposition.
   */
  private static final class Cluster {
    final int[] index;
    private final double[] mean;
    private final double[][] cov;
    private final double trace;
    private final double frobenius;

    /** The sum over the points of {@code |x - mean|^4}. */
    private final double fourth;

    private final double logPointVolume;
    private Ellipsoid.Eigen eigen;

    /** The points' offsets in the eigenbasis, made with the plain ellipsoid. */
    private double[][] projections;

    private Ellipsoid plain;
    private Cholesky cholesky;
    private boolean choleskyTried;

    private Cluster(int[] index, double[][] points, double logPointVolume) {
      this.index = index;
      this.logPointVolume = logPointVolume;
      this.mean = meanOf(points, index);
      int d = mean.length;
      this.cov = new double[d][d];
      this.fourth = accumulateCovariance(points, index, mean, cov);
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < d; i++) {
        sum += cov[i][i];
        for (int j = 0; j < d; j++) {
          squares += cov[i][j] * cov[i][j];
        }
      }
      this.trace = sum;
      this.frobenius = squares;
    }

    static Cluster of(double[][] points, int[] index, double logPointVolume) {
      return new Cluster(index, points, logPointVolume);
    }

    /** The covariance ellipsoid scaled to enclose the points (see {@link #enclosing}). */
    Ellipsoid plain(double[][] points) {
      if (plain == null) {
        projections = project(points, index, mean, eigen());
        plain = enclosing(projections, logPointVolume, mean, eigen);
      }
      return plain;
    }

    private Ellipsoid.Eigen eigen() {
      if (eigen == null) {
        eigen = Ellipsoid.Eigen.of(cov);
      }
      return eigen;
    }

    /**
     * The log volume of the plain ellipsoid, from a Cholesky factor of the covariance unless the
     * ellipsoid was made (or the covariance is too close to singular for the factor, when the
     * ellipsoid's floored eigenvalues decide).
     */
    double logVolume(double[][] points) {
      if (plain != null) {
        return plain.logVolume();
      }
      Cholesky factor = cholesky(points);
      if (factor == null) {
        return plain(points).logVolume();
      }
      double logVolume = Ellipsoid.logUnitBallVolume(mean.length) + factor.halfLogDet();
      if (factor.farthest() > 0) {
        logVolume += 0.5 * mean.length * Math.log(factor.farthest() * (1 + 1e-10));
      }
      return Math.max(logVolume, logPointVolume + Math.log(index.length));
    }

    /**
     * The two ends of the plain ellipsoid's longest axis, the starting centres of a k-means split;
     * sized by the Cholesky factor's farthest point, without projecting the points.
     */
    double[][] majorAxisEnds(double[][] points) {
      Cholesky factor = plain == null ? cholesky(points) : null;
      if (factor == null) {
        return plain(points).majorAxisEnds();
      }
      Ellipsoid ellipsoid = Ellipsoid.of(mean, eigen());
      if (factor.farthest() > 0) {
        ellipsoid = ellipsoid.scaled(factor.farthest() * (1 + 1e-10));
      }
      double minimum = logPointVolume + Math.log(index.length);
      if (ellipsoid.logVolume() < minimum) {
        ellipsoid = ellipsoid.withLogVolume(minimum);
      }
      return ellipsoid.majorAxisEnds();
    }

    private Cholesky cholesky(double[][] points) {
      if (!choleskyTried) {
        choleskyTried = true;
        cholesky = Cholesky.of(points, index, mean, cov);
      }
      return cholesky;
    }

    /**
     * The smaller of the plain and the shrunk enclosing ellipsoid. Ledoit-Wolf shrinkage of the
     * covariance {@code C} towards {@code mu I}, {@code mu = tr C / d}: the sample covariance of a
     * few hundred points in many dimensions is anisotropic by noise alone (eigenvalues spread by
     * about {@code 1 +- 2 sqrt(d / n)}), and an ellipsoid shaped by that noise both cuts off parts
     * of a round likelihood contour and, used to direct random walks and slices, biases the
     * evidence upwards; genuine anisotropy, large against the noise, is kept. The weight is {@code
     * min(1, s / |C - mu I|^2)} with {@code s = sum_p |x_p x_p^T - C|^2 / n^2 = (sum_p |x_p|^4 - n
     * |C|^2) / n^2} (offsets from the mean, Frobenius norms; {@code sum_p x_p^T C x_p = n |C|^2}),
     * and the shrunk matrix has the eigenvectors of {@code C}.
     */
    Ellipsoid smaller(double[][] points) {
      Ellipsoid plainEllipsoid = plain(points);
      int d = mean.length;
      int n = index.length;
      double mu = trace / d;
      double distance = frobenius - 2 * mu * trace + mu * mu * d;
      if (!(distance > 0)) {
        return plainEllipsoid;
      }
      double spread = (fourth - n * frobenius) / ((double) n * n);
      double weight = Math.max(0, Math.min(1, spread / distance));
      Ellipsoid shrunk = enclosing(projections, logPointVolume, mean, eigen.shrunk(weight, mu));
      return shrunk.logVolume() < plainEllipsoid.logVolume() ? shrunk : plainEllipsoid;
    }
  }

  /**
   * What a Cholesky factor {@code L} of a covariance tells of its ellipsoid without an eigen
   * decomposition: half its log determinant ({@code sum log L_ii}) and the largest squared distance
   * {@code |L^-1 (x - mean)|^2} of the points.
   */
  private record Cholesky(double halfLogDet, double farthest) {
    /**
     * The factor's figures, or null if a pivot is below {@code 1e-10} of the largest variance,
     * where the eigenvalue floor of {@link Ellipsoid#of} would matter.
     */
    static Cholesky of(double[][] points, int[] index, double[] mean, double[][] cov) {
      int d = mean.length;
      double largest = 0;
      for (int i = 0; i < d; i++) {
        largest = Math.max(largest, cov[i][i]);
      }
      double[][] factor = new double[d][d];
      double halfLogDet = 0;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          double sum = cov[i][j];
          for (int k = 0; k < j; k++) {
            sum -= factor[i][k] * factor[j][k];
          }
          if (i == j) {
            if (!(sum > 1e-10 * largest)) {
              return null;
            }
            factor[i][i] = Math.sqrt(sum);
            halfLogDet += Math.log(factor[i][i]);
          } else {
            factor[i][j] = sum / factor[j][j];
          }
        }
      }
      // the inverse factor, lower triangular, row-major: its rows are independent sums
      double[] inverse = new double[d * d];
      for (int j = 0; j < d; j++) {
        inverse[j * d + j] = 1 / factor[j][j];
        for (int i = j + 1; i < d; i++) {
          double sum = 0;
          for (int k = j; k < i; k++) {
            sum -= factor[i][k] * inverse[k * d + j];
          }
          inverse[i * d + j] = sum / factor[i][i];
        }
      }
      double[] delta = new double[d];
      double farthest = 0;
      for (int p : index) {
        for (int i = 0; i < d; i++) {
          delta[i] = points[p][i] - mean[i];
        }
        double squared = 0;
        for (int i = 0; i < d; i++) {
          double y = 0;
          int row = i * d;
          for (int k = 0; k <= i; k++) {
            y += inverse[row + k] * delta[k];
          }
          squared += y * y;
        }
        farthest = Math.max(farthest, squared);
      }
      return new Cholesky(halfLogDet, farthest);
    }
  }

  /** Adds to {@code out} the clusters into which {@code whole} is recursively split. */
  private static void split(
      double[][] points, Cluster whole, double logPointVolume, List<Cluster> out) {
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
    double splitLogVolume = logAddExp(first.logVolume(points), second.logVolume(points));
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
        deeperLogVolume = logAddExp(deeperLogVolume, cluster.logVolume(points));
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

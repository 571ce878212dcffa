package org.graphfit.search.nested;

/**
 * One cluster of a bound's points, by index, with their mean, their covariance and the moments that
 * size its Ledoit-Wolf shrinkage, and its plain and shrunk enclosing ellipsoids. The plain
 * enclosing ellipsoid (an eigen decomposition) is made when first needed: the splitting decisions
 * need only its volume, which a Cholesky factor gives, and the shrunk ellipsoid needs no second
 * pass over the points nor a second decomposition.
 */
final class Cluster {
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
   * about {@code 1 +- 2 sqrt(d / n)}), and an ellipsoid shaped by that noise both cuts off parts of
   * a round likelihood contour and, used to direct random walks and slices, biases the evidence
   * upwards; genuine anisotropy, large against the noise, is kept. The weight is {@code min(1, s /
   * |C - mu I|^2)} with {@code s = sum_p |x_p x_p^T - C|^2 / n^2 = (sum_p |x_p|^4 - n |C|^2) / n^2}
   * (offsets from the mean, Frobenius norms; {@code sum_p x_p^T C x_p = n |C|^2}), and the shrunk
   * matrix has the eigenvectors of {@code C}.
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
}

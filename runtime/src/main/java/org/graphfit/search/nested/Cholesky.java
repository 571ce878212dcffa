package org.graphfit.search.nested;

/**
 * What a Cholesky factor {@code L} of a covariance tells of its ellipsoid without an eigen
 * decomposition: half its log determinant ({@code sum log L_ii}) and the largest squared distance
 * {@code |L^-1 (x - mean)|^2} of the points.
 */
record Cholesky(double halfLogDet, double farthest) {
  /**
   * The factor's figures, or null if a pivot is below {@code 1e-10} of the largest variance, where
   * the eigenvalue floor of {@link Ellipsoid#of} would matter.
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

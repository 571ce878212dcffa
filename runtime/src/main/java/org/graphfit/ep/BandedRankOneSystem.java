package org.graphfit.ep;

/**
 * A symmetric positive-definite matrix {@code H = M - m mᵀ} with {@code M} banded, factorised for
 * solves: {@code M = L Lᵀ} by a banded Cholesky factorisation and {@code u = M⁻¹ m}, so that {@code
 * H⁻¹ y = M⁻¹ y + u (mᵀ M⁻¹ y) / (1 - mᵀ u)} (Sherman–Morrison). A solve costs {@code O(n w)} for
 * {@code n} rows of bandwidth {@code w} instead of a dense factorisation's {@code O(n³)}.
 *
 * <p>A symmetric band is stored as {@code band[a][k]}, the entry {@code (a, a + k)} for {@code 0 ≤
 * k < w}; entries beyond the matrix are ignored.
 */
final class BandedRankOneSystem {
  /** The Cholesky factor's band: {@code lower[a][k]} is its entry {@code (a, a - k)}. */
  private final double[][] lower;

  private final double[] m;
  private final double[] u;
  private final double denominator;

  private BandedRankOneSystem(double[][] lower, double[] m) {
    this.lower = lower;
    this.m = m;
    this.u = bandSolve(m);
    this.denominator = 1 - dot(m, u);
  }

  /**
   * Factorises {@code M - m mᵀ}.
   *
   * @param band the band of {@code M}
   * @param m the vector of the rank-one term
   * @return the factorisation, or null if {@code M} or {@code M - m mᵀ} is not positive definite
   */
  static BandedRankOneSystem of(double[][] band, double[] m) {
    int n = band.length;
    int width = band[0].length;
    double[][] lower = new double[n][width];
    for (int a = 0; a < n; a++) {
      for (int k = Math.min(a, width - 1); k >= 0; k--) {
        int c = a - k;
        // entry (a, c) of M less the products of the earlier columns of rows a and c
        double sum = band[c][k];
        for (int j = 1; j < width - k && j <= c; j++) {
          sum -= lower[a][k + j] * lower[c][j];
        }
        if (k > 0) {
          lower[a][k] = sum / lower[c][0];
        } else if (sum > 0 && Double.isFinite(sum)) {
          lower[a][0] = Math.sqrt(sum);
        } else {
          return null;
        }
      }
    }
    BandedRankOneSystem system = new BandedRankOneSystem(lower, m);
    return system.denominator > 0 ? system : null;
  }

  /**
   * Solves {@code H x = y}.
   *
   * @param y the right-hand side
   * @return {@code x}
   */
  double[] solve(double[] y) {
    double[] x = bandSolve(y);
    double scale = dot(m, x) / denominator;
    for (int a = 0; a < x.length; a++) {
      x[a] += scale * u[a];
    }
    return x;
  }

  /**
   * The trace {@code tr(H⁻¹ R)} for a symmetric banded {@code R} of the same bandwidth: {@code
   * tr(M⁻¹ R) + uᵀ R u / (1 - mᵀ u)}, from the band of {@code M⁻¹} alone.
   *
   * @param r the band of {@code R}
   * @return the trace
   */
  double traceOfInverseTimes(double[][] r) {
    double[][] inverse = inverseBand();
    double trace = 0;
    for (int a = 0; a < r.length; a++) {
      for (int k = 0; k < r[a].length; k++) {
        // the off-diagonal entries of the symmetric product count twice
        trace += (k == 0 ? 1 : 2) * inverse[a][k] * r[a][k];
      }
    }
    return trace + dot(u, bandTimes(r, u)) / denominator;
  }

  /**
   * The band of {@code M⁻¹ = L⁻ᵀ L⁻¹} by Takahashi's recursion, from the last row up: {@code Σ_ij =
   * (δ_ij / L_ii - Σ_{l > i} L_li Σ_lj) / L_ii}, where every {@code Σ_lj} needed lies in the band
   * already computed.
   */
  private double[][] inverseBand() {
    int n = lower.length;
    int width = lower[0].length;
    double[][] inverse = new double[n][width];
    for (int i = n - 1; i >= 0; i--) {
      for (int k = Math.min(width - 1, n - 1 - i); k >= 0; k--) {
        int j = i + k;
        double sum = k == 0 ? 1 / lower[i][0] : 0;
        for (int l = i + 1; l < n && l - i < width; l++) {
          sum -= lower[l][l - i] * (l <= j ? inverse[l][j - l] : inverse[j][l - j]);
        }
        inverse[i][k] = sum / lower[i][0];
      }
    }
    return inverse;
  }

  /** Solves {@code L Lᵀ x = y} with the banded factor. */
  private double[] bandSolve(double[] y) {
    int n = lower.length;
    int width = lower[0].length;
    double[] x = y.clone();
    for (int a = 0; a < n; a++) {
      for (int k = 1; k < width && k <= a; k++) {
        x[a] -= lower[a][k] * x[a - k];
      }
      x[a] /= lower[a][0];
    }
    for (int a = n - 1; a >= 0; a--) {
      for (int k = 1; k < width && a + k < n; k++) {
        x[a] -= lower[a + k][k] * x[a + k];
      }
      x[a] /= lower[a][0];
    }
    return x;
  }

  /**
   * A symmetric banded matrix times a vector.
   *
   * @param band the matrix's band
   * @param x the vector
   * @return the product
   */
  static double[] bandTimes(double[][] band, double[] x) {
    int n = band.length;
    double[] y = new double[n];
    for (int a = 0; a < n; a++) {
      y[a] += band[a][0] * x[a];
      for (int k = 1; k < band[a].length && a + k < n; k++) {
        y[a] += band[a][k] * x[a + k];
        y[a + k] += band[a][k] * x[a];
      }
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}

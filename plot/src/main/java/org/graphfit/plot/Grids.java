package org.graphfit.plot;

import java.util.Arrays;

/**
 * The grid arithmetic of the corner plot's 2-d densities: binning on an axis, a Gaussian blur,
 * highest-density mass levels and bilinear interpolation.
 */
final class Grids {
  private Grids() {}

  /** The bilinear interpolation of a grid at fractional cell coordinates, clamped to its edge. */
  static double interpolate(double[][] grid, double a, double b) {
    int n = grid.length;
    double x = Math.max(0, Math.min(n - 1, a));
    double y = Math.max(0, Math.min(n - 1, b));
    int i = Math.min(n - 2, (int) x);
    int j = Math.min(n - 2, (int) y);
    if (n == 1) {
      return grid[0][0];
    }
    double u = x - i;
    double v = y - j;
    return (1 - u) * (1 - v) * grid[i][j]
        + u * (1 - v) * grid[i + 1][j]
        + (1 - u) * v * grid[i][j + 1]
        + u * v * grid[i + 1][j + 1];
  }

  /** The bin of a value on an axis among {@code bins} equal ones, -1 outside the axis. */
  static int bin(Axis axis, double value, int bins) {
    double at = axis.position(value);
    if (!(at >= 0 && at < 1)) {
      return -1;
    }
    return (int) (at * bins);
  }

  /** A separable Gaussian blur of a grid, {@code sigma} in cells, truncated at three sigma. */
  static double[][] smooth(double[][] grid, double sigma) {
    int reach = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[2 * reach + 1];
    for (int j = -reach; j <= reach; j++) {
      kernel[j + reach] = Math.exp(-0.5 * j * j / (sigma * sigma));
    }
    int n = grid.length;
    double[][] once = new double[n][n];
    double[][] twice = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        for (int j = -reach; j <= reach; j++) {
          if (a + j >= 0 && a + j < n) {
            once[a][b] += kernel[j + reach] * grid[a + j][b];
          }
        }
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        for (int j = -reach; j <= reach; j++) {
          if (b + j >= 0 && b + j < n) {
            twice[a][b] += kernel[j + reach] * once[a][b + j];
          }
        }
      }
    }
    return twice;
  }

  /**
   * For each cell, the share of the total mass in cells at least as dense: 0 at the mode, near 1 in
   * the tails, so that the cells below {@code m} form the highest-density region of mass {@code m}.
   */
  static double[][] massLevels(double[][] density) {
    int n = density.length;
    Integer[] order = new Integer[n * n];
    double total = 0;
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
      total += density[c / n][c % n];
    }
    Arrays.sort(order, (u, v) -> Double.compare(density[v / n][v % n], density[u / n][u % n]));
    double[][] level = new double[n][n];
    double cumulative = 0;
    for (Integer c : order) {
      cumulative += density[c / n][c % n];
      level[c / n][c % n] = total > 0 ? cumulative / total : 1;
    }
    return level;
  }

  /** A value clamped to {@code [low, high]}. */
  static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }
}

package org.graphfit.search.nested;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The box in which an ellipsoid meets the unit cube: along each coordinate, the ellipsoid's extent
 * {@code c_i +- sqrt(C_ii)} clipped to {@code [0, 1]}. A point uniform in the box and inside the
 * ellipsoid is uniform in the ellipsoid's part of the cube; where the ellipsoid reaches far beyond
 * the cube the box is much the smaller of the two to draw from (in the 7-dimensional seed joint fit
 * about a twelfth of the summed ellipsoid volume, where 97% of the points drawn in the ellipsoids
 * fell outside the cube). Immutable.
 */
final class CubeBox {
  /**
   * A relative margin on each extent, far above the rounding of the extent, so that the box holds
   * the ellipsoid's points even at the tips of its axes.
   */
  private static final double MARGIN = 1e-9;

  private final double[] low;
  private final double[] width;
  private final double logVolume;

  private CubeBox(double[] low, double[] width, double logVolume) {
    this.low = low;
    this.width = width;
    this.logVolume = logVolume;
  }

  /** The box of the ellipsoid's part of the unit cube; of log volume -infinity if it has none. */
  static CubeBox of(Ellipsoid ellipsoid) {
    int d = ellipsoid.dimension();
    double[] low = new double[d];
    double[] width = new double[d];
    double logVolume = 0;
    for (int i = 0; i < d; i++) {
      double extent = ellipsoid.halfExtent(i) * (1 + MARGIN);
      double center = ellipsoid.center(i);
      low[i] = Math.max(0, center - extent);
      width[i] = Math.max(0, Math.min(1, center + extent) - low[i]);
      logVolume += Math.log(width[i]);
    }
    return new CubeBox(low, width, logVolume);
  }

  double logVolume() {
    return logVolume;
  }

  /** Writes a point uniform in the box to {@code out}. */
  void sample(UniformRandomProvider rng, double[] out) {
    for (int i = 0; i < low.length; i++) {
      out[i] = Math.min(1, low[i] + rng.nextDouble() * width[i]);
    }
  }
}

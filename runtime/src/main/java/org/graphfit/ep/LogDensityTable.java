package org.graphfit.ep;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A log density up to a constant, tabulated on a uniform grid of latent values from {@code lower}
 * to {@code upper} (both included) and interpolated linearly in between; {@code -∞} outside.
 * Serializable, so that factor updates can return one from a worker.
 *
 * @param lower the first grid point
 * @param upper the last grid point, above {@code lower}
 * @param logValues the log density at each grid point, at least two, none NaN or {@code +∞}
 */
public record LogDensityTable(double lower, double upper, double[] logValues)
    implements Serializable {
  /** Checks the grid and values, and copies them. */
  public LogDensityTable {
    Objects.requireNonNull(logValues, "logValues");
    if (!(Double.isFinite(lower) && Double.isFinite(upper) && lower < upper)) {
      throw new IllegalArgumentException("need finite lower < upper: " + lower + ", " + upper);
    }
    if (logValues.length < 2) {
      throw new IllegalArgumentException("need at least two values");
    }
    logValues = logValues.clone();
    for (double value : logValues) {
      if (Double.isNaN(value) || value == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("a log value is " + value);
      }
    }
  }

  /**
   * The interpolated log density.
   *
   * @param z a latent value
   * @return the log density, {@code -∞} outside the grid
   */
  public double logValue(double z) {
    if (!(z >= lower && z <= upper)) {
      return Double.NEGATIVE_INFINITY;
    }
    double position = (z - lower) / (upper - lower) * (logValues.length - 1);
    int i = Math.min((int) position, logValues.length - 2);
    double u = position - i;
    double a = logValues[i];
    double b = logValues[i + 1];
    if (a == Double.NEGATIVE_INFINITY || b == Double.NEGATIVE_INFINITY) {
      return u == 0 ? a : u == 1 ? b : Double.NEGATIVE_INFINITY;
    }
    return a + u * (b - a);
  }

  @Override
  public double[] logValues() {
    return logValues.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogDensityTable table
        && Double.compare(lower, table.lower) == 0
        && Double.compare(upper, table.upper) == 0
        && Arrays.equals(logValues, table.logValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lower, upper, Arrays.hashCode(logValues));
  }

  @Override
  public String toString() {
    return "LogDensityTable[" + lower + ", " + upper + ", " + logValues.length + " points]";
  }
}

package org.graphfit.search.optimize;

import java.util.Arrays;
import org.graphfit.search.SearchProblem;

/**
 * The unbounded coordinates in which {@link CmaEsOptimizer} searches. A dimension with a bounded
 * prior uses its unit-cube coordinate {@code u} (linear for a uniform prior, logarithmic for a
 * log-uniform one), folded onto {@code [0, 1]} by reflection at the bounds ({@code u = y} on {@code
 * [0, 1]}, mirrored beyond), a piecewise linear map without the flat tails of a logistic. A
 * dimension with an unbounded prior uses the latent coordinate of {@link LatentSpace} (the value
 * itself, or its logarithm on a half line), which keeps optima deep in a Gaussian prior's tail well
 * scaled.
 */
final class CmaCoordinates {
  /** The interquartile range of a unit-cube coordinate. */
  private static final double UNIT_QUARTILE_RANGE = 0.5;

  private final SearchProblem problem;
  private final LatentSpace latent;
  private final boolean[] bounded;

  CmaCoordinates(SearchProblem problem) {
    this.problem = problem;
    this.latent = new LatentSpace(problem);
    this.bounded = new boolean[problem.dimension()];
    for (int i = 0; i < bounded.length; i++) {
      bounded[i] =
          problem.lowerBound(i) > Double.NEGATIVE_INFINITY
              && problem.upperBound(i) < Double.POSITIVE_INFINITY;
    }
  }

  /** The search coordinates of the point with the given unit-cube coordinates. */
  double[] fromUnit(double[] unit) {
    double[] vector = new double[unit.length];
    problem.vectorFromUnit(unit, vector);
    double[] y = new double[unit.length];
    latent.toLatent(vector, y);
    for (int i = 0; i < y.length; i++) {
      if (bounded[i]) {
        y[i] = unit[i];
      }
    }
    return y;
  }

  /** The spread of each search coordinate under the prior: its interquartile range. */
  double[] quartileRanges() {
    int n = bounded.length;
    double[] unit = new double[n];
    Arrays.fill(unit, 0.25);
    double[] low = fromUnit(unit);
    Arrays.fill(unit, 0.75);
    double[] high = fromUnit(unit);
    double[] range = new double[n];
    for (int i = 0; i < n; i++) {
      range[i] = bounded[i] ? UNIT_QUARTILE_RANGE : high[i] - low[i];
    }
    return range;
  }

  /**
   * Writes the parameter values of a point in search coordinates; {@code unit} is scratch space.
   */
  void toVector(double[] y, double[] unit, double[] vector) {
    for (int i = 0; i < y.length; i++) {
      unit[i] = bounded[i] ? reflect(y[i]) : 0.5;
    }
    problem.vectorFromUnit(unit, vector);
    double[] fromLatent = new double[y.length];
    latent.toVector(y, fromLatent);
    for (int i = 0; i < y.length; i++) {
      if (!bounded[i]) {
        vector[i] = fromLatent[i];
      }
    }
  }

  /** The triangle wave of period 2 that equals {@code y} on {@code [0, 1]}. */
  static double reflect(double y) {
    double t = y - 2 * Math.floor(y / 2);
    return t <= 1 ? t : 2 - t;
  }
}

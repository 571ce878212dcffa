package org.graphfit.search.optimize;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.graphfit.search.SearchProblem;

/**
 * The Gaussian approximation of a posterior at its mode: mean = the mode, covariance = the inverse
 * of the negative Hessian of the objective (normally the log posterior) at the mode.
 *
 * <p>The Hessian is computed <em>directly in parameter space</em> (not in the optimisers' latent
 * space), so the covariance is that of the parameters themselves and needs no Jacobian. It uses
 * central finite differences with steps scaled to each parameter: a first pass with steps of {@code
 * 1e-4 * max(|x_i|, IQR_i)} (IQR_i the prior's interquartile range) estimates each parameter's
 * scale {@code sd_i = 1/sqrt(-H_ii)}; later passes use steps of {@code 0.01 sd_i}, shortened to
 * stay inside the prior's support, until the steps change by less than a factor of 2 (at most 5
 * passes). A Gaussian posterior's Hessian is reproduced up to rounding.
 *
 * <p>When the negative Hessian is not positive definite (a saddle, a minimum, or a flat direction
 * of an unidentified parameter) or the objective is not finite within the difference steps (a mode
 * on a prior bound), no covariance is produced: {@link #status()} and {@link #reason()} say why.
 */
public final class LaplaceApproximation {
  /** Whether a covariance could be computed. */
  public enum Status {
    /** The negative Hessian is positive definite; the covariance is available. */
    OK,
    /** The negative Hessian has a non-positive (or numerically zero) eigenvalue. */
    NOT_POSITIVE_DEFINITE,
    /** The objective is not finite at the mode or within the finite-difference steps. */
    NOT_FINITE
  }

  /** The finite-difference step in units of the estimated standard deviation. */
  private static final double RELATIVE_STEP = 0.01;

  /** The most Hessian evaluations while the steps adapt to the estimated standard deviations. */
  private static final int MAX_PASSES = 5;

  /**
   * The smallest eigenvalue, relative to the largest, of the scaled negative Hessian accepted as
   * PD.
   */
  private static final double CONDITION_LIMIT = 1e-12;

  private final double[] mode;
  private final double[][] negativeHessian;
  private final double[][] covariance;
  private final double[][] factor;
  private final Status status;
  private final String reason;

  private LaplaceApproximation(
      double[] mode,
      double[][] negativeHessian,
      double[][] covariance,
      double[][] factor,
      Status status,
      String reason) {
    this.mode = mode;
    this.negativeHessian = negativeHessian;
    this.covariance = covariance;
    this.factor = factor;
    this.status = status;
    this.reason = reason;
  }

  /**
   * The Laplace approximation of a problem's objective at a mode.
   *
   * @param problem the problem
   * @param objective what the mode maximises (the Hessian is of this objective)
   * @param mode the mode, inside the prior's support
   * @return the approximation, with a status
   */
  public static LaplaceApproximation at(SearchProblem problem, Objective objective, double[] mode) {
    Objects.requireNonNull(objective, "objective");
    int n = problem.dimension();
    if (mode.length != n) {
      throw new IllegalArgumentException(
          "the mode has " + mode.length + " values but the problem has dimension " + n);
    }
    double[] x = mode.clone();
    double centre = objective.value(problem, x);
    if (!Double.isFinite(centre)) {
      return failed(x, null, Status.NOT_FINITE, "the objective is not finite at the mode");
    }
    double[] quarter = new double[n];
    double[] threeQuarters = new double[n];
    double[] unit = new double[n];
    Arrays.fill(unit, 0.25);
    problem.vectorFromUnit(unit, quarter);
    Arrays.fill(unit, 0.75);
    problem.vectorFromUnit(unit, threeQuarters);
    double[] steps = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = 1e-4 * Math.max(Math.abs(x[i]), threeQuarters[i] - quarter[i]);
    }
    Hessian hessian = Hessian.of(problem, objective, x, centre, steps);
    for (int pass = 1; pass < MAX_PASSES && hessian.failure == null; pass++) {
      boolean settled = true;
      for (int i = 0; i < n; i++) {
        double curvature = hessian.negative[i][i];
        if (curvature > 0 && Double.isFinite(curvature)) {
          double step = RELATIVE_STEP / Math.sqrt(curvature);
          settled &= step > 0.5 * steps[i] && step < 2 * steps[i];
          steps[i] = step;
        }
      }
      if (settled) {
        break;
      }
      hessian = Hessian.of(problem, objective, x, centre, steps);
    }
    if (hessian.failure != null) {
      return failed(x, null, Status.NOT_FINITE, hessian.failure);
    }
    return fromNegativeHessian(problem, x, hessian.negative);
  }

  private static LaplaceApproximation fromNegativeHessian(
      SearchProblem problem, double[] mode, double[][] a) {
    int n = mode.length;
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(a[i][i] > 0)) {
        return failed(
            mode,
            a,
            Status.NOT_POSITIVE_DEFINITE,
            "the log density does not curve downwards along "
                + problem.name(i)
                + " (second derivative "
                + (-a[i][i])
                + "): the point is not a maximum or the parameter is not constrained");
      }
      scale[i] = 1 / Math.sqrt(a[i][i]);
    }
    RealMatrix scaled = new Array2DRowRealMatrix(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scaled.setEntry(i, j, a[i][j] * scale[i] * scale[j]);
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(scaled);
    double[] values = eigen.getRealEigenvalues();
    double largest = Arrays.stream(values).max().orElseThrow();
    double smallest = Arrays.stream(values).min().orElseThrow();
    if (!(smallest > CONDITION_LIMIT * largest)) {
      return failed(
          mode,
          a,
          Status.NOT_POSITIVE_DEFINITE,
          "the negative Hessian is not positive definite (scaled eigenvalues from "
              + smallest
              + " to "
              + largest
              + "): the point is a saddle or some combination of parameters is not constrained");
    }
    RealMatrix vectors = eigen.getV();
    double[][] covariance = new double[n][n];
    double[][] factor = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        factor[i][k] = scale[i] * vectors.getEntry(i, k) / Math.sqrt(values[k]);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += factor[i][k] * factor[j][k];
        }
        covariance[i][j] = sum;
        covariance[j][i] = sum;
      }
    }
    return new LaplaceApproximation(mode, a, covariance, factor, Status.OK, "");
  }

  private static LaplaceApproximation failed(
      double[] mode, double[][] negativeHessian, Status status, String reason) {
    return new LaplaceApproximation(mode, negativeHessian, null, null, status, reason);
  }

  /**
   * Whether the covariance is available.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * Why the covariance is absent.
   *
   * @return the reason, empty if the status is {@link Status#OK}
   */
  public String reason() {
    return reason;
  }

  /**
   * The mode.
   *
   * @return a copy of the mode
   */
  public double[] mode() {
    return mode.clone();
  }

  /**
   * The negative Hessian of the objective at the mode (symmetric), if it could be computed.
   *
   * @return a copy, or null if the objective was not finite within the steps
   */
  public double[][] negativeHessian() {
    return copy(negativeHessian);
  }

  /**
   * The covariance: the inverse of the negative Hessian.
   *
   * @return a copy of the covariance
   * @throws IllegalStateException with the reason, if the status is not {@link Status#OK}
   */
  public double[][] covariance() {
    requireAvailable();
    return copy(covariance);
  }

  /**
   * The standard deviation of each parameter: the square roots of the covariance's diagonal.
   *
   * @return the standard deviations
   * @throws IllegalStateException with the reason, if the status is not {@link Status#OK}
   */
  public double[] standardDeviations() {
    requireAvailable();
    double[] sd = new double[mode.length];
    for (int i = 0; i < sd.length; i++) {
      sd[i] = Math.sqrt(covariance[i][i]);
    }
    return sd;
  }

  /**
   * Independent draws from the Gaussian approximation. Draws may fall outside the prior's support.
   *
   * @param count the number of draws
   * @param rng the source of randomness
   * @return {@code draws[i][dimension]}
   * @throws IllegalStateException with the reason, if the status is not {@link Status#OK}
   */
  public double[][] sample(int count, UniformRandomProvider rng) {
    requireAvailable();
    ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    int n = mode.length;
    double[][] draws = new double[count][n];
    double[] z = new double[n];
    for (double[] draw : draws) {
      for (int k = 0; k < n; k++) {
        z[k] = gaussian.sample();
      }
      for (int i = 0; i < n; i++) {
        double sum = mode[i];
        for (int k = 0; k < n; k++) {
          sum += factor[i][k] * z[k];
        }
        draw[i] = sum;
      }
    }
    return draws;
  }

  private void requireAvailable() {
    if (status != Status.OK) {
      throw new IllegalStateException("no Laplace covariance (" + status + "): " + reason);
    }
  }

  private static double[][] copy(double[][] matrix) {
    if (matrix == null) {
      return null;
    }
    double[][] copy = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }

  @Override
  public String toString() {
    return status == Status.OK
        ? "LaplaceApproximation[mode="
            + Arrays.toString(mode)
            + ", covariance="
            + Arrays.deepToString(covariance)
            + "]"
        : "LaplaceApproximation[" + status + ": " + reason + "]";
  }

  /** One central-difference Hessian of the objective, negated, or the reason it failed. */
  private static final class Hessian {
    final double[][] negative;
    final String failure;

    private Hessian(double[][] negative, String failure) {
      this.negative = negative;
      this.failure = failure;
    }

    static Hessian of(
        SearchProblem problem, Objective objective, double[] x, double centre, double[] steps) {
      int n = x.length;
      double[] h = new double[n];
      for (int i = 0; i < n; i++) {
        double room = Math.min(x[i] - problem.lowerBound(i), problem.upperBound(i) - x[i]);
        if (!(room > 0)) {
          return new Hessian(
              null,
              "the mode lies on the prior bound of "
                  + problem.name(i)
                  + " = "
                  + x[i]
                  + "; the posterior is not approximately Gaussian there");
        }
        h[i] = Math.min(steps[i], 0.5 * room);
        // Make x + h exactly representable so that the difference step is exact.
        h[i] = (x[i] + h[i]) - x[i];
      }
      double[][] a = new double[n][n];
      double[] probe = x.clone();
      for (int i = 0; i < n; i++) {
        double up = shifted(problem, objective, probe, i, h[i], -1, 0);
        double down = shifted(problem, objective, probe, i, -h[i], -1, 0);
        if (!Double.isFinite(up) || !Double.isFinite(down)) {
          return notFinite(problem, i);
        }
        a[i][i] = -(up - 2 * centre + down) / (h[i] * h[i]);
        for (int j = 0; j < i; j++) {
          double pp = shifted(problem, objective, probe, i, h[i], j, h[j]);
          double pm = shifted(problem, objective, probe, i, h[i], j, -h[j]);
          double mp = shifted(problem, objective, probe, i, -h[i], j, h[j]);
          double mm = shifted(problem, objective, probe, i, -h[i], j, -h[j]);
          if (!Double.isFinite(pp + pm + mp + mm)) {
            return notFinite(problem, i);
          }
          double value = -(pp - pm - mp + mm) / (4 * h[i] * h[j]);
          a[i][j] = value;
          a[j][i] = value;
        }
      }
      return new Hessian(a, null);
    }

    private static Hessian notFinite(SearchProblem problem, int i) {
      return new Hessian(
          null,
          "the objective is not finite within a finite-difference step of the mode along "
              + problem.name(i)
              + "; the mode may lie on a prior bound or next to a failing likelihood region");
    }

    /** The objective at x shifted by di along i and dj along j (j < 0: no second shift). */
    private static double shifted(
        SearchProblem problem,
        Objective objective,
        double[] probe,
        int i,
        double di,
        int j,
        double dj) {
      double xi = probe[i];
      probe[i] = xi + di;
      double xj = j >= 0 ? probe[j] : 0;
      if (j >= 0) {
        probe[j] = xj + dj;
      }
      double value = objective.value(problem, probe);
      probe[i] = xi;
      if (j >= 0) {
        probe[j] = xj;
      }
      return value;
    }
  }
}

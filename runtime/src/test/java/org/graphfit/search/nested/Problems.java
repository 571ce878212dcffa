package org.graphfit.search.nested;

import java.util.Arrays;
import org.graphfit.prior.Prior;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;

/** Test problems with known evidence. */
final class Problems {
  private Problems() {}

  /** A unit normal likelihood in {@code d} dimensions with uniform priors on [-10, 10]. */
  static SearchProblem gaussian(int d) {
    Prior[] priors = new Prior[d];
    Arrays.fill(priors, Prior.uniform(-10, 10));
    double norm = -0.5 * d * Math.log(2 * Math.PI);
    return SearchProblems.of(
        priors,
        x -> {
          double sum = 0;
          for (double v : x) {
            sum += v * v;
          }
          return -0.5 * sum + norm;
        });
  }

  /**
   * A normalized Gaussian likelihood of unit variances and equal correlations {@code rho} in {@code
   * d} dimensions, uniform priors on [-10, 10]: its evidence is {@link #gaussianLogZ(int)} and its
   * posterior the Gaussian, as long as the mass outside the prior is negligible (below 1e-20 for
   * unit variances).
   */
  static SearchProblem correlatedGaussian(int d, double rho) {
    Prior[] priors = new Prior[d];
    Arrays.fill(priors, Prior.uniform(-10, 10));
    // The inverse of (1 - rho) I + rho 1 1^T is a I + b 1 1^T.
    double a = 1 / (1 - rho);
    double b = -rho / ((1 - rho) * (1 + (d - 1) * rho));
    double logDet = (d - 1) * Math.log(1 - rho) + Math.log(1 + (d - 1) * rho);
    double norm = -0.5 * d * Math.log(2 * Math.PI) - 0.5 * logDet;
    return SearchProblems.of(
        priors,
        x -> {
          double sum = 0;
          double squares = 0;
          for (double v : x) {
            sum += v;
            squares += v * v;
          }
          return norm - 0.5 * (a * squares + b * sum * sum);
        });
  }

  static double gaussianLogZ(int d) {
    return -d * Math.log(20);
  }

  /** Two Gaussian shells of radius 2 and width 0.1 centred at (+-3.5, 0), priors on [-6, 6]. */
  static SearchProblem shells() {
    Prior[] priors = {Prior.uniform(-6, 6), Prior.uniform(-6, 6)};
    double r = 2;
    double w = 0.1;
    double c = -0.5 * Math.log(2 * Math.PI * w * w);
    return SearchProblems.of(
        priors,
        x -> {
          double d1 = Math.hypot(x[0] - 3.5, x[1]) - r;
          double d2 = Math.hypot(x[0] + 3.5, x[1]) - r;
          double a = c - d1 * d1 / (2 * w * w);
          double b = c - d2 * d2 / (2 * w * w);
          return Bound.logAddExp(a, b);
        });
  }

  /** The eggbox, {@code (2 + cos(x / 2) cos(y / 2))^5} on [0, 10 pi]^2. */
  static SearchProblem eggbox() {
    Prior[] priors = {Prior.uniform(0, 10 * Math.PI), Prior.uniform(0, 10 * Math.PI)};
    return SearchProblems.of(priors, x -> Math.pow(2 + Math.cos(x[0] / 2) * Math.cos(x[1] / 2), 5));
  }
}

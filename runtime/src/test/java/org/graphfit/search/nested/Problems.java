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

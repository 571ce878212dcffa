package org.graphfit.prior;

import org.apache.commons.rng.UniformRandomProvider;

/** Small numeric helpers on the unit interval shared by the priors. */
final class UnitInterval {
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private UnitInterval() {}

  /** A uniform number in the open interval (0, 1): never exactly 0 or 1. */
  static double openUniform(UniformRandomProvider rng) {
    return ((rng.nextLong() >>> 11) + 0.5) * TWO_POW_MINUS_53;
  }

  /** The logit, log(p / (1 - p)). */
  static double logit(double p) {
    return Math.log(p) - Math.log1p(-p);
  }

  /** The logistic function, the inverse of {@link #logit(double)}, computed without overflow. */
  static double logistic(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  /** log(d logistic(x) / dx) = log(p (1 - p)) with p = logistic(x), computed without overflow. */
  static double logLogisticDerivative(double x) {
    double a = -Math.abs(x);
    return a - 2 * Math.log1p(Math.exp(a));
  }

  /** Checks that a value is finite, naming the argument in the error. */
  static void requireFinite(String prior, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          prior + ": " + name + " must be a finite number but was " + value);
    }
  }

  /** Checks lower < upper, naming the prior in the error. */
  static void requireOrdered(String prior, double lower, double upper) {
    if (!(lower < upper)) {
      throw new IllegalArgumentException(
          prior
              + ": lower must be less than upper but lower = "
              + lower
              + " and upper = "
              + upper
              + "; swap them or widen the interval");
    }
  }

  /** Checks sigma > 0 and finite, naming the prior in the error. */
  static void requirePositiveSigma(String prior, double sigma) {
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException(
          prior + ": sigma must be positive and finite but was " + sigma);
    }
  }
}

package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution whose natural logarithm is uniform on {@code [ln lower, ln upper]}; its latent
 * coordinate is the logit of the unit value.
 */
public final class LogUniformPrior implements Prior {
  private final double lower;
  private final double upper;
  private final double logLower;
  private final double logWidth;

  private LogUniformPrior(double lower, double upper) {
    this.lower = lower;
    this.upper = upper;
    this.logLower = Math.log(lower);
    this.logWidth = Math.log(upper) - logLower;
  }

  /**
   * A log-uniform prior.
   *
   * @param lower the lower bound, positive and finite
   * @param upper the upper bound, finite and greater than {@code lower}
   * @return the prior
   * @throws IllegalArgumentException if {@code lower <= 0}, a bound is not finite, or {@code lower
   *     >= upper}
   */
  public static LogUniformPrior of(double lower, double upper) {
    UnitInterval.requireFinite("LogUniformPrior", "lower", lower);
    UnitInterval.requireFinite("LogUniformPrior", "upper", upper);
    if (!(lower > 0)) {
      throw new IllegalArgumentException(
          "LogUniformPrior: lower must be positive (the logarithm of "
              + lower
              + " is undefined); use a small positive lower bound such as 1e-6, or a UniformPrior");
    }
    UnitInterval.requireOrdered("LogUniformPrior", lower, upper);
    return new LogUniformPrior(lower, upper);
  }

  @Override
  public double valueFromUnit(double unit) {
    if (unit <= 0) {
      return lower;
    }
    if (unit >= 1) {
      return upper;
    }
    return Math.exp(logLower + unit * logWidth);
  }

  @Override
  public double unitFromValue(double value) {
    if (value <= lower) {
      return 0;
    }
    return Math.min(1, (Math.log(value) - logLower) / logWidth);
  }

  @Override
  public double logDensity(double value) {
    return value >= lower && value <= upper
        ? -Math.log(value) - Math.log(logWidth)
        : Double.NEGATIVE_INFINITY;
  }

  @Override
  public double lowerBound() {
    return lower;
  }

  @Override
  public double upperBound() {
    return upper;
  }

  @Override
  public double toLatent(double value) {
    return UnitInterval.logit((Math.log(value) - logLower) / logWidth);
  }

  @Override
  public double fromLatent(double latent) {
    return Math.exp(logLower + logWidth * UnitInterval.logistic(latent));
  }

  @Override
  public double logJacobian(double latent) {
    double logValue = logLower + logWidth * UnitInterval.logistic(latent);
    return logValue + Math.log(logWidth) + UnitInterval.logLogisticDerivative(latent);
  }

  @Override
  public String typeName() {
    return "LogUniformPrior";
  }

  @Override
  public Map<String, Double> arguments() {
    Map<String, Double> arguments = new LinkedHashMap<>();
    arguments.put("lower_limit", lower);
    arguments.put("upper_limit", upper);
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogUniformPrior that
        && Double.compare(lower, that.lower) == 0
        && Double.compare(upper, that.upper) == 0;
  }

  @Override
  public int hashCode() {
    return 37 * Double.hashCode(lower) + Double.hashCode(upper);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

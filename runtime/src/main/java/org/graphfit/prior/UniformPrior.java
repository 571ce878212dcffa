package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The uniform distribution on {@code [lower, upper]}; its latent coordinate is the logit of the
 * unit value.
 */
public final class UniformPrior implements Prior {
  private final double lower;
  private final double upper;
  private final double width;

  private UniformPrior(double lower, double upper) {
    this.lower = lower;
    this.upper = upper;
    this.width = upper - lower;
  }

  /**
   * A uniform prior.
   *
   * @param lower the lower bound, finite
   * @param upper the upper bound, finite and greater than {@code lower}
   * @return the prior
   * @throws IllegalArgumentException if a bound is not finite or {@code lower >= upper}
   */
  public static UniformPrior of(double lower, double upper) {
    UnitInterval.requireFinite("UniformPrior", "lower", lower);
    UnitInterval.requireFinite("UniformPrior", "upper", upper);
    UnitInterval.requireOrdered("UniformPrior", lower, upper);
    return new UniformPrior(lower, upper);
  }

  @Override
  public double valueFromUnit(double unit) {
    return lower + unit * width;
  }

  @Override
  public double unitFromValue(double value) {
    return Math.min(1, Math.max(0, (value - lower) / width));
  }

  @Override
  public double logDensity(double value) {
    return value >= lower && value <= upper ? -Math.log(width) : Double.NEGATIVE_INFINITY;
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
    return UnitInterval.logit((value - lower) / width);
  }

  @Override
  public double fromLatent(double latent) {
    return lower + width * UnitInterval.logistic(latent);
  }

  @Override
  public double logJacobian(double latent) {
    return Math.log(width) + UnitInterval.logLogisticDerivative(latent);
  }

  @Override
  public String typeName() {
    return "UniformPrior";
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
    return other instanceof UniformPrior that
        && Double.compare(lower, that.lower) == 0
        && Double.compare(upper, that.upper) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(lower) + Double.hashCode(upper);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * A normal distribution truncated to {@code [lower, upper]}; either bound may be infinite. The
 * latent coordinate is the logit of the position within two finite bounds, the logarithm of the
 * distance to a single finite bound, or the value itself when both are infinite.
 */
public final class TruncatedGaussianPrior implements Prior {
  private final double mean;
  private final double sigma;
  private final double lower;
  private final double upper;
  private final TruncatedNormalDistribution distribution;

  private TruncatedGaussianPrior(double mean, double sigma, double lower, double upper) {
    this.mean = mean;
    this.sigma = sigma;
    this.lower = lower;
    this.upper = upper;
    this.distribution = TruncatedNormalDistribution.of(mean, sigma, lower, upper);
  }

  /**
   * A truncated Gaussian prior.
   *
   * @param mean the mean of the untruncated normal, finite and inside {@code [lower, upper]}
   * @param sigma the standard deviation of the untruncated normal, positive and finite
   * @param lower the lower bound, possibly negative infinity
   * @param upper the upper bound, greater than {@code lower}, possibly positive infinity
   * @return the prior
   * @throws IllegalArgumentException if an argument breaks these rules
   */
  public static TruncatedGaussianPrior of(double mean, double sigma, double lower, double upper) {
    String name = "TruncatedGaussianPrior";
    UnitInterval.requireFinite(name, "mean", mean);
    UnitInterval.requirePositiveSigma(name, sigma);
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException(name + ": bounds must not be NaN");
    }
    UnitInterval.requireOrdered(name, lower, upper);
    if (mean < lower || mean > upper) {
      throw new IllegalArgumentException(
          name
              + ": mean "
              + mean
              + " lies outside the bounds ["
              + lower
              + ", "
              + upper
              + "]; move the mean inside the bounds or widen them");
    }
    return new TruncatedGaussianPrior(mean, sigma, lower, upper);
  }

  @Override
  public double valueFromUnit(double unit) {
    return distribution.inverseCumulativeProbability(unit);
  }

  @Override
  public double unitFromValue(double value) {
    return distribution.cumulativeProbability(value);
  }

  @Override
  public double logDensity(double value) {
    return distribution.logDensity(value);
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
    boolean finiteLower = Double.isFinite(lower);
    boolean finiteUpper = Double.isFinite(upper);
    if (finiteLower && finiteUpper) {
      return UnitInterval.logit((value - lower) / (upper - lower));
    }
    if (finiteLower) {
      return Math.log(value - lower);
    }
    if (finiteUpper) {
      return -Math.log(upper - value);
    }
    return value;
  }

  @Override
  public double fromLatent(double latent) {
    boolean finiteLower = Double.isFinite(lower);
    boolean finiteUpper = Double.isFinite(upper);
    if (finiteLower && finiteUpper) {
      return lower + (upper - lower) * UnitInterval.logistic(latent);
    }
    if (finiteLower) {
      return lower + Math.exp(latent);
    }
    if (finiteUpper) {
      return upper - Math.exp(-latent);
    }
    return latent;
  }

  @Override
  public double logJacobian(double latent) {
    boolean finiteLower = Double.isFinite(lower);
    boolean finiteUpper = Double.isFinite(upper);
    if (finiteLower && finiteUpper) {
      return Math.log(upper - lower) + UnitInterval.logLogisticDerivative(latent);
    }
    if (finiteLower) {
      return latent;
    }
    if (finiteUpper) {
      return -latent;
    }
    return 0;
  }

  @Override
  public String typeName() {
    return "TruncatedGaussianPrior";
  }

  @Override
  public Map<String, Double> arguments() {
    Map<String, Double> arguments = new LinkedHashMap<>();
    arguments.put("mean", mean);
    arguments.put("sigma", sigma);
    arguments.put("lower_limit", lower);
    arguments.put("upper_limit", upper);
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TruncatedGaussianPrior that
        && Double.compare(mean, that.mean) == 0
        && Double.compare(sigma, that.sigma) == 0
        && Double.compare(lower, that.lower) == 0
        && Double.compare(upper, that.upper) == 0;
  }

  @Override
  public int hashCode() {
    int hash = Double.hashCode(mean);
    hash = 31 * hash + Double.hashCode(sigma);
    hash = 31 * hash + Double.hashCode(lower);
    return 31 * hash + Double.hashCode(upper);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

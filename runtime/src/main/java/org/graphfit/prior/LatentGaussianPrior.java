package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A normal distribution in another prior's latent coordinate: {@code z ~ N(mean, sigma)} and the
 * value is {@code base.fromLatent(z)}. It keeps the base prior's support and bijection, so it is
 * exactly the distribution expectation propagation approximates a variable by; passing an EP
 * result's posterior on as the priors of a new fit gives these.
 */
public final class LatentGaussianPrior implements Prior {
  private final Prior base;
  private final double mean;
  private final double sigma;
  private final NormalDistribution normal;

  private LatentGaussianPrior(Prior base, double mean, double sigma) {
    this.base = base;
    this.mean = mean;
    this.sigma = sigma;
    this.normal = NormalDistribution.of(mean, sigma);
  }

  /**
   * A Gaussian in a prior's latent coordinate.
   *
   * @param base the prior whose bijection and support are kept
   * @param mean the latent mean, finite
   * @param sigma the latent standard deviation, positive and finite
   * @return the prior
   * @throws IllegalArgumentException if an argument breaks these rules
   */
  public static LatentGaussianPrior of(Prior base, double mean, double sigma) {
    Objects.requireNonNull(base, "base");
    String name = "LatentGaussianPrior";
    UnitInterval.requireFinite(name, "mean", mean);
    UnitInterval.requirePositiveSigma(name, sigma);
    return new LatentGaussianPrior(base, mean, sigma);
  }

  /**
   * The prior whose latent coordinate this is a Gaussian in.
   *
   * @return the base prior
   */
  public Prior base() {
    return base;
  }

  @Override
  public double valueFromUnit(double unit) {
    return base.fromLatent(normal.inverseCumulativeProbability(unit));
  }

  @Override
  public double unitFromValue(double value) {
    return normal.cumulativeProbability(base.toLatent(value));
  }

  @Override
  public double logDensity(double value) {
    if (!base.contains(value)) {
      return Double.NEGATIVE_INFINITY;
    }
    double latent = base.toLatent(value);
    return normal.logDensity(latent) - base.logJacobian(latent);
  }

  @Override
  public double lowerBound() {
    return base.lowerBound();
  }

  @Override
  public double upperBound() {
    return base.upperBound();
  }

  @Override
  public double toLatent(double value) {
    return base.toLatent(value);
  }

  @Override
  public double fromLatent(double latent) {
    return base.fromLatent(latent);
  }

  @Override
  public double logJacobian(double latent) {
    return base.logJacobian(latent);
  }

  @Override
  public double latentLogDensity(double latent) {
    return normal.logDensity(latent);
  }

  @Override
  public String typeName() {
    return "LatentGaussianPrior";
  }

  /**
   * The latent mean and sigma, then the base prior's type-qualified arguments.
   *
   * @return the arguments
   */
  @Override
  public Map<String, Double> arguments() {
    Map<String, Double> arguments = new LinkedHashMap<>();
    arguments.put("latent_mean", mean);
    arguments.put("latent_sigma", sigma);
    for (Map.Entry<String, Double> argument : base.arguments().entrySet()) {
      arguments.put(base.typeName() + "." + argument.getKey(), argument.getValue());
    }
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LatentGaussianPrior that
        && base.equals(that.base)
        && Double.compare(mean, that.mean) == 0
        && Double.compare(sigma, that.sigma) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * base.hashCode() + Double.hashCode(mean)) + Double.hashCode(sigma);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

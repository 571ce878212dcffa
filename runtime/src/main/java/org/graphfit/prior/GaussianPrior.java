package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** The normal distribution; its latent coordinate is the value itself. */
public final class GaussianPrior implements Prior {
  private final double mean;
  private final double sigma;
  private final NormalDistribution distribution;

  private GaussianPrior(double mean, double sigma) {
    this.mean = mean;
    this.sigma = sigma;
    this.distribution = NormalDistribution.of(mean, sigma);
  }

  /**
   * A Gaussian prior.
   *
   * @param mean the mean, finite
   * @param sigma the standard deviation, positive and finite
   * @return the prior
   * @throws IllegalArgumentException if {@code mean} is not finite or {@code sigma <= 0}
   */
  public static GaussianPrior of(double mean, double sigma) {
    UnitInterval.requireFinite("GaussianPrior", "mean", mean);
    UnitInterval.requirePositiveSigma("GaussianPrior", sigma);
    return new GaussianPrior(mean, sigma);
  }

  /**
   * The mean.
   *
   * @return the mean
   */
  public double mean() {
    return mean;
  }

  /**
   * The standard deviation.
   *
   * @return the standard deviation
   */
  public double sigma() {
    return sigma;
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
    return Double.NEGATIVE_INFINITY;
  }

  @Override
  public double upperBound() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public double toLatent(double value) {
    return value;
  }

  @Override
  public double fromLatent(double latent) {
    return latent;
  }

  @Override
  public double logJacobian(double latent) {
    return 0;
  }

  @Override
  public String typeName() {
    return "GaussianPrior";
  }

  @Override
  public Map<String, Double> arguments() {
    Map<String, Double> arguments = new LinkedHashMap<>();
    arguments.put("mean", mean);
    arguments.put("sigma", sigma);
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GaussianPrior that
        && Double.compare(mean, that.mean) == 0
        && Double.compare(sigma, that.sigma) == 0;
  }

  @Override
  public int hashCode() {
    return 41 * Double.hashCode(mean) + Double.hashCode(sigma);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.LogNormalDistribution;

/**
 * The log-normal distribution: the natural logarithm of the value is normal. Its latent coordinate
 * is that logarithm, so the prior is exactly Gaussian in latent space.
 */
public final class LogGaussianPrior implements PositivePrior {
  private final double mean;
  private final double sigma;
  private final LogNormalDistribution distribution;

  private LogGaussianPrior(double mean, double sigma) {
    this.mean = mean;
    this.sigma = sigma;
    this.distribution = LogNormalDistribution.of(mean, sigma);
  }

  /**
   * A log-Gaussian prior.
   *
   * @param mean the mean of the natural logarithm, finite
   * @param sigma the standard deviation of the natural logarithm, positive and finite
   * @return the prior
   * @throws IllegalArgumentException if {@code mean} is not finite or {@code sigma <= 0}
   */
  public static LogGaussianPrior of(double mean, double sigma) {
    UnitInterval.requireFinite("LogGaussianPrior", "mean", mean);
    UnitInterval.requirePositiveSigma("LogGaussianPrior", sigma);
    return new LogGaussianPrior(mean, sigma);
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
  public String typeName() {
    return "LogGaussianPrior";
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
    return other instanceof LogGaussianPrior that
        && Double.compare(mean, that.mean) == 0
        && Double.compare(sigma, that.sigma) == 0;
  }

  @Override
  public int hashCode() {
    return 43 * Double.hashCode(mean) + Double.hashCode(sigma);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;

/**
 * The half-normal distribution on {@code [0, inf)}: a zero-mean normal folded at zero, density
 * {@code 2 phi(x / sigma) / sigma}, a common weakly informative prior for a scale or a scatter. Its
 * latent coordinate is the logarithm of the value.
 */
public final class HalfNormalPrior implements PositivePrior {
  private final double sigma;
  private final TruncatedNormalDistribution distribution;

  private HalfNormalPrior(double sigma) {
    this.sigma = sigma;
    this.distribution = TruncatedNormalDistribution.of(0, sigma, 0, Double.POSITIVE_INFINITY);
  }

  /**
   * A half-normal prior.
   *
   * @param sigma the standard deviation of the normal before folding, positive and finite
   * @return the prior
   * @throws IllegalArgumentException if {@code sigma <= 0} or not finite
   */
  public static HalfNormalPrior of(double sigma) {
    UnitInterval.requirePositiveSigma("HalfNormalPrior", sigma);
    return new HalfNormalPrior(sigma);
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
    return value < 0 ? Double.NEGATIVE_INFINITY : distribution.logDensity(value);
  }

  @Override
  public String typeName() {
    return "HalfNormalPrior";
  }

  @Override
  public Map<String, Double> arguments() {
    Map<String, Double> arguments = new LinkedHashMap<>();
    arguments.put("sigma", sigma);
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HalfNormalPrior that && Double.compare(sigma, that.sigma) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(sigma);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

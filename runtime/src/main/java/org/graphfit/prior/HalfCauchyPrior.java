package org.graphfit.prior;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The half-Cauchy distribution on {@code [0, inf)}: a zero-centred Cauchy folded at zero, density
 * {@code 2 / (pi scale (1 + (x / scale)^2))}, a heavy-tailed weakly informative prior for a scale
 * or a scatter. Its latent coordinate is the logarithm of the value; its median is {@code scale}.
 */
public final class HalfCauchyPrior implements PositivePrior {
  private static final double LOG_TWO_OVER_PI = Math.log(2 / Math.PI);

  private final double scale;
  private final double logScale;

  private HalfCauchyPrior(double scale) {
    this.scale = scale;
    this.logScale = Math.log(scale);
  }

  /**
   * A half-Cauchy prior.
   *
   * @param scale the scale of the Cauchy before folding, positive and finite
   * @return the prior
   * @throws IllegalArgumentException if {@code scale <= 0} or not finite
   */
  public static HalfCauchyPrior of(double scale) {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException(
          "HalfCauchyPrior: scale must be positive and finite but was " + scale);
    }
    return new HalfCauchyPrior(scale);
  }

  @Override
  public double valueFromUnit(double unit) {
    if (unit >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    return scale * Math.tan(0.5 * Math.PI * Math.max(unit, 0));
  }

  @Override
  public double unitFromValue(double value) {
    return value <= 0 ? 0 : 2 / Math.PI * Math.atan(value / scale);
  }

  @Override
  public double logDensity(double value) {
    if (value < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double z = value / scale;
    return LOG_TWO_OVER_PI - logScale - Math.log1p(z * z);
  }

  @Override
  public double median() {
    return scale;
  }

  @Override
  public String typeName() {
    return "HalfCauchyPrior";
  }

  @Override
  public Map<String, Double> arguments() {
    Map<String, Double> arguments = new LinkedHashMap<>();
    arguments.put("scale", scale);
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HalfCauchyPrior that && Double.compare(scale, that.scale) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(scale);
  }

  @Override
  public String toString() {
    return PriorText.describe(this);
  }
}

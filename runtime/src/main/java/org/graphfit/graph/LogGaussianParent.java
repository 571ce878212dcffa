package org.graphfit.graph;

import java.util.List;

/**
 * A log-normal parent distribution for positive parameters such as widths: {@code log x ~ N(mean,
 * sigma)}, so {@code mean} and {@code sigma} are the mean and standard deviation of the drawn
 * values' logarithms and the density is {@code N(log x; mean, sigma) / x}.
 */
public enum LogGaussianParent implements ParentDistribution {
  /** The only instance. */
  INSTANCE;

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  @Override
  public String familyName() {
    return "LogGaussianParent";
  }

  @Override
  public List<String> hyperParameterNames() {
    return List.of("mean", "sigma");
  }

  @Override
  public double logDensity(double value, double[] hyperParameters) {
    double sigma = hyperParameters[1];
    if (!(sigma > 0) || !(value > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double logValue = Math.log(value);
    double z = (logValue - hyperParameters[0]) / sigma;
    return -0.5 * z * z - Math.log(sigma) - logValue - HALF_LOG_TWO_PI;
  }

  /** Zero: the family draws positive values only. */
  @Override
  public double lowerBound() {
    return 0;
  }
}

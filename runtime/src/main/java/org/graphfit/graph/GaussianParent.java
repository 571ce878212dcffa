package org.graphfit.graph;

import java.util.List;

/** A normal parent distribution with hyper-parameters {@code mean} and {@code sigma}. */
public enum GaussianParent implements ParentDistribution {
  /** The only instance. */
  INSTANCE;

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  @Override
  public String familyName() {
    return "GaussianParent";
  }

  @Override
  public List<String> hyperParameterNames() {
    return List.of("mean", "sigma");
  }

  @Override
  public double logDensity(double value, double[] hyperParameters) {
    double sigma = hyperParameters[1];
    if (!(sigma > 0)) {
      return Double.NEGATIVE_INFINITY;
    }
    double z = (value - hyperParameters[0]) / sigma;
    return -0.5 * z * z - Math.log(sigma) - HALF_LOG_TWO_PI;
  }
}

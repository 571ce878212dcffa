package org.graphfit.graph;

import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A normal parent distribution truncated to fixed bounds, for parameters that live between them:
 * {@code x ~ N(mean, sigma)} restricted to {@code [lower, upper]}. Only {@code mean} and {@code
 * sigma} are fitted; the density {@code N(x; mean, sigma) / (Φ((upper - mean)/sigma) - Φ((lower -
 * mean)/sigma))} carries the normalization, which depends on both, so the mean may lie outside the
 * bounds (a parent piled up against one bound).
 */
public final class TruncatedGaussianParent implements ParentDistribution {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

  /** Below this standardized value the normal distribution function is taken asymptotically. */
  private static final double TAIL = -30;

  private final double lower;
  private final double upper;

  private TruncatedGaussianParent(double lower, double upper) {
    this.lower = lower;
    this.upper = upper;
  }

  /**
   * A truncated Gaussian family.
   *
   * @param lower the lower bound, possibly negative infinity
   * @param upper the upper bound, greater than {@code lower}, possibly positive infinity
   * @return the family
   * @throws IllegalArgumentException if a bound is NaN or the bounds are not ordered
   */
  public static TruncatedGaussianParent of(double lower, double upper) {
    if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
      throw new IllegalArgumentException(
          "TruncatedGaussianParent: bounds ["
              + lower
              + ", "
              + upper
              + "] must be ordered numbers, lower < upper (either may be infinite)");
    }
    return new TruncatedGaussianParent(lower, upper);
  }

  @Override
  public String familyName() {
    return "TruncatedGaussianParent";
  }

  /** The family with its bounds, e.g. {@code TruncatedGaussianParent[0.0, 10.0]}. */
  @Override
  public String description() {
    return String.format(Locale.ROOT, "%s[%s, %s]", familyName(), lower, upper);
  }

  @Override
  public List<String> hyperParameterNames() {
    return List.of("mean", "sigma");
  }

  @Override
  public double logDensity(double value, double[] hyperParameters) {
    return logDensity(value, hyperParameters[0], hyperParameters[1], logConstant(hyperParameters));
  }

  /** The normalization computed once for all values. */
  @Override
  public void logDensities(double[] values, double[] hyperParameters, double[] logDensities) {
    double constant = logConstant(hyperParameters);
    for (int i = 0; i < values.length; i++) {
      logDensities[i] = logDensity(values[i], hyperParameters[0], hyperParameters[1], constant);
    }
  }

  private double logDensity(double value, double mean, double sigma, double logConstant) {
    if (!(value >= lower && value <= upper) || Double.isNaN(logConstant)) {
      return Double.NEGATIVE_INFINITY;
    }
    double z = (value - mean) / sigma;
    return -0.5 * z * z - logConstant;
  }

  /**
   * {@code log(sigma sqrt(2π)) + log(mass between the bounds)}, or NaN where the hyper-parameters
   * are invalid or the mass underflows (a mean so far beyond a bound, in sigmas, that the two
   * standardized bounds round to one number): there the density is taken as zero, never infinite.
   */
  private double logConstant(double[] hyperParameters) {
    double mean = hyperParameters[0];
    double sigma = hyperParameters[1];
    if (!(sigma > 0) || !Double.isFinite(mean)) {
      return Double.NaN;
    }
    double mass = logMass((lower - mean) / sigma, (upper - mean) / sigma);
    return mass > Double.NEGATIVE_INFINITY ? Math.log(sigma) + HALF_LOG_TWO_PI + mass : Double.NaN;
  }

  /**
   * {@code log(Φ(b) - Φ(a))} for {@code a < b} without cancellation: the mass of the standard
   * normal between two standardized bounds, computed in the lower tail (by symmetry when both
   * bounds are positive) and asymptotically below {@link #TAIL}.
   *
   * @param a the standardized lower bound
   * @param b the standardized upper bound
   * @return the log mass
   */
  static double logMass(double a, double b) {
    if (a > 0) {
      return logMass(-b, -a);
    }
    if (b > 0) {
      // the bounds straddle zero: the mass is at least min(Φ(b), 1 - Φ(a)) - 1/2 > 0
      return Math.log1p(-(STANDARD.cumulativeProbability(a) + STANDARD.survivalProbability(b)));
    }
    double logUpper = logCumulative(b);
    double logLower = logCumulative(a);
    return logUpper + Math.log1p(-Math.exp(logLower - logUpper));
  }

  /** {@code log Φ(x)} for {@code x <= 0}, by Mills' ratio's asymptotic series below the tail. */
  private static double logCumulative(double x) {
    if (x == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    if (x > TAIL) {
      return Math.log(STANDARD.cumulativeProbability(x));
    }
    double r = 1 / (x * x);
    return -0.5 * x * x
        - HALF_LOG_TWO_PI
        - Math.log(-x)
        + Math.log1p(-r * (1 - 3 * r * (1 - 5 * r * (1 - 7 * r))));
  }

  /**
   * The lower bound.
   *
   * @return the smallest value drawn
   */
  @Override
  public double lowerBound() {
    return lower;
  }

  /**
   * The upper bound.
   *
   * @return the largest value drawn
   */
  @Override
  public double upperBound() {
    return upper;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TruncatedGaussianParent that
        && Double.compare(lower, that.lower) == 0
        && Double.compare(upper, that.upper) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(lower) * 31 + Double.hashCode(upper);
  }

  @Override
  public String toString() {
    return description();
  }
}

package org.graphfit.prior;

/**
 * The priors, made by name: {@code model.sigma(Priors.uniform(1, 10))}. A model record's
 * annotations are {@code @Prior.Uniform(...)} etc. ({@code org.graphfit.annotations.Prior}); this
 * class lets the same file set priors at run time without importing the runtime's {@link Prior}
 * type, whose simple name the annotations take. Each factory validates its arguments as the prior's
 * {@code of} does.
 */
public final class Priors {
  private Priors() {}

  /**
   * A uniform prior; see {@link UniformPrior#of(double, double)}.
   *
   * @param lower the lower bound
   * @param upper the upper bound
   * @return the prior
   * @throws IllegalArgumentException if the arguments are refused, as by {@code of}
   */
  public static UniformPrior uniform(double lower, double upper) {
    return UniformPrior.of(lower, upper);
  }

  /**
   * A log-uniform prior; see {@link LogUniformPrior#of(double, double)}.
   *
   * @param lower the lower bound, positive
   * @param upper the upper bound
   * @return the prior
   * @throws IllegalArgumentException if the arguments are refused, as by {@code of}
   */
  public static LogUniformPrior logUniform(double lower, double upper) {
    return LogUniformPrior.of(lower, upper);
  }

  /**
   * A Gaussian prior; see {@link GaussianPrior#of(double, double)}.
   *
   * @param mean the mean
   * @param sigma the standard deviation
   * @return the prior
   * @throws IllegalArgumentException if the arguments are refused, as by {@code of}
   */
  public static GaussianPrior gaussian(double mean, double sigma) {
    return GaussianPrior.of(mean, sigma);
  }

  /**
   * A log-Gaussian prior; see {@link LogGaussianPrior#of(double, double)}.
   *
   * @param mean the mean of the logarithm
   * @param sigma the standard deviation of the logarithm
   * @return the prior
   * @throws IllegalArgumentException if the arguments are refused, as by {@code of}
   */
  public static LogGaussianPrior logGaussian(double mean, double sigma) {
    return LogGaussianPrior.of(mean, sigma);
  }

  /**
   * A truncated Gaussian prior; see {@link TruncatedGaussianPrior#of(double, double, double,
   * double)}.
   *
   * @param mean the mean of the untruncated normal
   * @param sigma its standard deviation
   * @param lower the lower bound
   * @param upper the upper bound
   * @return the prior
   * @throws IllegalArgumentException if the arguments are refused, as by {@code of}
   */
  public static TruncatedGaussianPrior truncatedGaussian(
      double mean, double sigma, double lower, double upper) {
    return TruncatedGaussianPrior.of(mean, sigma, lower, upper);
  }

  /**
   * A half-normal prior on {@code [0, inf)}; see {@link HalfNormalPrior#of(double)}.
   *
   * @param sigma the standard deviation of the normal before folding, positive
   * @return the prior
   * @throws IllegalArgumentException if the argument is refused, as by {@code of}
   */
  public static HalfNormalPrior halfNormal(double sigma) {
    return HalfNormalPrior.of(sigma);
  }

  /**
   * A half-Cauchy prior on {@code [0, inf)}; see {@link HalfCauchyPrior#of(double)}.
   *
   * @param scale the scale of the Cauchy before folding, positive
   * @return the prior
   * @throws IllegalArgumentException if the argument is refused, as by {@code of}
   */
  public static HalfCauchyPrior halfCauchy(double scale) {
    return HalfCauchyPrior.of(scale);
  }
}

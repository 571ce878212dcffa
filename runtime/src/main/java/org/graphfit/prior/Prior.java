package org.graphfit.prior;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A one-dimensional prior distribution of a free parameter.
 *
 * <p>Besides its density a prior offers the two maps every search needs: the transform from the
 * unit interval (nested sampling works in the unit cube) and a smooth bijection onto the whole real
 * line, the <em>latent</em> space in which expectation propagation holds its Gaussian messages.
 * Implementations are immutable and validate their arguments in their {@code of} factories.
 */
public sealed interface Prior
    permits UniformPrior,
        LogUniformPrior,
        GaussianPrior,
        PositivePrior,
        TruncatedGaussianPrior,
        LatentGaussianPrior {

  /**
   * The value whose cumulative probability is {@code unit}: the inverse cumulative distribution.
   *
   * @param unit a number in {@code [0, 1]}
   * @return the parameter value, inside {@link #lowerBound()} and {@link #upperBound()}
   */
  double valueFromUnit(double unit);

  /**
   * The cumulative probability of {@code value}: the inverse of {@link #valueFromUnit(double)}.
   *
   * @param value a parameter value
   * @return a number in {@code [0, 1]}
   */
  double unitFromValue(double value);

  /**
   * The natural logarithm of the probability density at {@code value}.
   *
   * @param value a parameter value
   * @return the log density, negative infinity outside the support
   */
  double logDensity(double value);

  /**
   * The smallest value of the support.
   *
   * @return the lower bound, possibly negative infinity
   */
  double lowerBound();

  /**
   * The largest value of the support.
   *
   * @return the upper bound, possibly positive infinity
   */
  double upperBound();

  /**
   * Maps a value of the support onto the real line, smoothly and one to one.
   *
   * @param value a value strictly inside the support
   * @return its latent coordinate
   */
  double toLatent(double value);

  /**
   * The inverse of {@link #toLatent(double)}.
   *
   * @param latent any real number
   * @return the value inside the support
   */
  double fromLatent(double latent);

  /**
   * The natural logarithm of {@code |d value / d latent|} at {@code latent}, the Jacobian that
   * turns a density of the value into a density of the latent coordinate.
   *
   * @param latent a latent coordinate
   * @return the log Jacobian
   */
  double logJacobian(double latent);

  /**
   * The log density of the latent coordinate under this prior: {@code logDensity(fromLatent(z)) +
   * logJacobian(z)}.
   *
   * @param latent a latent coordinate
   * @return the log density in latent space
   */
  default double latentLogDensity(double latent) {
    return logDensity(fromLatent(latent)) + logJacobian(latent);
  }

  /**
   * The median, {@code valueFromUnit(0.5)}.
   *
   * @return the median
   */
  default double median() {
    return valueFromUnit(0.5);
  }

  /**
   * A random draw, made by the unit transform of a uniform number in the open interval {@code (0,
   * 1)}.
   *
   * @param rng the source of randomness
   * @return a value inside the support
   */
  default double sample(UniformRandomProvider rng) {
    return valueFromUnit(UnitInterval.openUniform(rng));
  }

  /**
   * Whether {@code value} lies in the closed support.
   *
   * @param value a parameter value
   * @return true if {@code lowerBound() <= value <= upperBound()}
   */
  default boolean contains(double value) {
    return value >= lowerBound() && value <= upperBound();
  }

  /**
   * The short name used in model descriptions and files, e.g. {@code UniformPrior}.
   *
   * @return the type name
   */
  String typeName();

  /**
   * The named arguments in declaration order, e.g. {@code lower_limit} and {@code upper_limit};
   * names follow PyAutoFit's model files so descriptions read the same.
   *
   * @return an ordered map of argument names to values
   */
  Map<String, Double> arguments();

  /**
   * A uniform prior; see {@link UniformPrior#of(double, double)}.
   *
   * @param lower the lower bound
   * @param upper the upper bound
   * @return the prior
   */
  static UniformPrior uniform(double lower, double upper) {
    return UniformPrior.of(lower, upper);
  }

  /**
   * A log-uniform prior; see {@link LogUniformPrior#of(double, double)}.
   *
   * @param lower the lower bound, positive
   * @param upper the upper bound
   * @return the prior
   */
  static LogUniformPrior logUniform(double lower, double upper) {
    return LogUniformPrior.of(lower, upper);
  }

  /**
   * A Gaussian prior; see {@link GaussianPrior#of(double, double)}.
   *
   * @param mean the mean
   * @param sigma the standard deviation
   * @return the prior
   */
  static GaussianPrior gaussian(double mean, double sigma) {
    return GaussianPrior.of(mean, sigma);
  }

  /**
   * A log-Gaussian prior; see {@link LogGaussianPrior#of(double, double)}.
   *
   * @param mean the mean of the logarithm
   * @param sigma the standard deviation of the logarithm
   * @return the prior
   */
  static LogGaussianPrior logGaussian(double mean, double sigma) {
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
   */
  static TruncatedGaussianPrior truncatedGaussian(
      double mean, double sigma, double lower, double upper) {
    return TruncatedGaussianPrior.of(mean, sigma, lower, upper);
  }

  /**
   * A half-normal prior on {@code [0, inf)}.
   *
   * @param sigma the standard deviation of the normal before folding, positive
   * @return the prior
   */
  static HalfNormalPrior halfNormal(double sigma) {
    return HalfNormalPrior.of(sigma);
  }

  /**
   * A half-Cauchy prior on {@code [0, inf)}.
   *
   * @param scale the scale of the Cauchy before folding, positive
   * @return the prior
   */
  static HalfCauchyPrior halfCauchy(double scale) {
    return HalfCauchyPrior.of(scale);
  }

  /**
   * The prior a description names: the inverse of {@link #typeName()} and {@link #arguments()}, as
   * written to a fit's {@code files/model.json}.
   *
   * @param typeName e.g. {@code UniformPrior}
   * @param arguments e.g. {@code lower_limit} and {@code upper_limit}
   * @return the prior, equal to the one described
   * @throws IllegalArgumentException if the type is unknown or an argument is missing or invalid
   */
  static Prior fromDescription(String typeName, Map<String, Double> arguments) {
    return PriorText.fromDescription(typeName, arguments);
  }
}

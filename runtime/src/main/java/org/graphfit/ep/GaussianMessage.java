package org.graphfit.ep;

import java.io.Serializable;
import java.util.Locale;

/**
 * A one-dimensional Gaussian in latent space held in natural parameters: the precision {@code 1/v}
 * and the shift {@code m/v}. Products, quotients, powers and damping are additions and scalings of
 * the natural parameters. A message may be improper (zero or negative precision): a factor's
 * message often is, only the product of all messages of a variable must be proper. Immutable.
 */
public final class GaussianMessage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

  /** The flat message: precision and shift zero. */
  public static final GaussianMessage UNIFORM = new GaussianMessage(0, 0);

  private final double precision;
  private final double shift;

  private GaussianMessage(double precision, double shift) {
    this.precision = precision;
    this.shift = shift;
  }

  /**
   * A message from its natural parameters.
   *
   * @param precision the precision {@code 1/v}, any finite number
   * @param shift the precision times the mean, finite
   * @return the message
   * @throws IllegalArgumentException if a parameter is not finite
   */
  public static GaussianMessage ofNatural(double precision, double shift) {
    if (!Double.isFinite(precision) || !Double.isFinite(shift)) {
      throw new IllegalArgumentException(
          "natural parameters must be finite but were precision " + precision + ", shift " + shift);
    }
    return new GaussianMessage(precision, shift);
  }

  /**
   * A proper Gaussian from its mean and variance.
   *
   * @param mean the mean, finite
   * @param variance the variance, positive and finite
   * @return the message
   * @throws IllegalArgumentException if the variance is not positive or a value is not finite
   */
  public static GaussianMessage ofMoments(double mean, double variance) {
    if (!(variance > 0) || !Double.isFinite(variance) || !Double.isFinite(mean)) {
      throw new IllegalArgumentException(
          "a Gaussian needs a finite mean and a positive finite variance but got mean "
              + mean
              + ", variance "
              + variance);
    }
    return ofNatural(1 / variance, mean / variance);
  }

  /**
   * The precision, {@code 1/v}.
   *
   * @return the precision
   */
  public double precision() {
    return precision;
  }

  /**
   * The shift, {@code m/v}.
   *
   * @return the shift
   */
  public double shift() {
    return shift;
  }

  /**
   * Whether this is a normalisable density: positive precision.
   *
   * @return true if the precision is positive
   */
  public boolean isProper() {
    return precision > 0;
  }

  /**
   * The mean, {@code shift / precision}.
   *
   * @return the mean
   * @throws IllegalStateException if the message is improper
   */
  public double mean() {
    requireProper();
    return shift / precision;
  }

  /**
   * The variance, {@code 1 / precision}.
   *
   * @return the variance
   * @throws IllegalStateException if the message is improper
   */
  public double variance() {
    requireProper();
    return 1 / precision;
  }

  /**
   * The standard deviation.
   *
   * @return the square root of the variance
   * @throws IllegalStateException if the message is improper
   */
  public double sd() {
    return Math.sqrt(variance());
  }

  /**
   * The product of two messages: natural parameters add.
   *
   * @param other the other message
   * @return the product
   */
  public GaussianMessage times(GaussianMessage other) {
    return ofNatural(precision + other.precision, shift + other.shift);
  }

  /**
   * The quotient of two messages: natural parameters subtract.
   *
   * @param other the divisor
   * @return the quotient
   */
  public GaussianMessage divide(GaussianMessage other) {
    return ofNatural(precision - other.precision, shift - other.shift);
  }

  /**
   * This message to a power: natural parameters scale.
   *
   * @param exponent any finite number
   * @return the power
   */
  public GaussianMessage power(double exponent) {
    return ofNatural(precision * exponent, shift * exponent);
  }

  /**
   * The damped update from {@code previous} towards this message: {@code previous^damping * this^(1
   * - damping)}, a convex combination of natural parameters.
   *
   * @param previous the message before the update
   * @param damping the weight of the previous message in {@code [0, 1)}; 0 takes this message
   * @return the damped message
   * @throws IllegalArgumentException if the damping is outside {@code [0, 1)}
   */
  public GaussianMessage dampedFrom(GaussianMessage previous, double damping) {
    if (!(damping >= 0 && damping < 1)) {
      throw new IllegalArgumentException("damping must be in [0, 1) but was " + damping);
    }
    return ofNatural(
        damping * previous.precision + (1 - damping) * precision,
        damping * previous.shift + (1 - damping) * shift);
  }

  /**
   * The log normaliser {@code log ∫ exp(-precision z²/2 + shift z) dz = shift²/(2 precision) - log
   * (precision)/2 + log(2π)/2}, the quantity EP's evidence is made of.
   *
   * @return the log normaliser
   * @throws IllegalStateException if the message is improper
   */
  public double logNormalizer() {
    requireProper();
    return 0.5 * shift * shift / precision - 0.5 * Math.log(precision) + 0.5 * LOG_TWO_PI;
  }

  /**
   * The log normaliser where the message is proper.
   *
   * @return {@link #logNormalizer()}, or NaN for an improper message
   */
  double logNormalizerIfProper() {
    return isProper() ? logNormalizer() : Double.NaN;
  }

  /**
   * The log normaliser this message contributes as a factor's cavity to the factor's normalised
   * tilted log normaliser and to the EP evidence: none for a variable whose prior the factor
   * includes (its cavity is flat), NaN for an improper cavity.
   *
   * @param ownPrior whether the factor includes the variable's prior
   * @return the log normaliser, 0 or NaN
   */
  double cavityLogNormalizer(boolean ownPrior) {
    return ownPrior ? 0 : logNormalizerIfProper();
  }

  /**
   * The log of the unnormalised message at {@code z}, {@code -precision z²/2 + shift z}; defined
   * for improper messages too.
   *
   * @param z a latent value
   * @return the log kernel
   */
  public double logKernel(double z) {
    return -0.5 * precision * z * z + shift * z;
  }

  /**
   * The log density of the normalised Gaussian at {@code z}.
   *
   * @param z a latent value
   * @return the log density
   * @throws IllegalStateException if the message is improper
   */
  public double logDensity(double z) {
    return logKernel(z) - logNormalizer();
  }

  /**
   * The Kullback–Leibler divergence {@code KL(this || other)} of two proper Gaussians.
   *
   * @param other the reference distribution
   * @return the divergence, non-negative
   * @throws IllegalStateException if either message is improper
   */
  public double klDivergence(GaussianMessage other) {
    double v0 = variance();
    double v1 = other.variance();
    double difference = mean() - other.mean();
    return 0.5 * (v0 / v1 + difference * difference / v1 - 1 + Math.log(v1 / v0));
  }

  private void requireProper() {
    if (!(precision > 0)) {
      throw new IllegalStateException("the message is improper: " + this);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GaussianMessage that
        && Double.compare(precision, that.precision) == 0
        && Double.compare(shift, that.shift) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(precision) + Double.hashCode(shift);
  }

  @Override
  public String toString() {
    return precision > 0
        ? String.format(
            Locale.ROOT, "N(mean=%.6g, sd=%.6g)", shift / precision, Math.sqrt(1 / precision))
        : String.format(Locale.ROOT, "Improper(precision=%.6g, shift=%.6g)", precision, shift);
  }
}

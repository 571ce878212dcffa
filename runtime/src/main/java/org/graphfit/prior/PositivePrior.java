package org.graphfit.prior;

/**
 * A prior on {@code [0, inf)} whose latent coordinate is the logarithm of the value: {@code v =
 * exp(z)}, so {@code log |dv/dz| = z}. The half-normal, half-Cauchy and log-Gaussian priors share
 * these bounds and this bijection.
 */
public sealed interface PositivePrior extends Prior
    permits HalfNormalPrior, HalfCauchyPrior, LogGaussianPrior {

  /** Zero. */
  @Override
  default double lowerBound() {
    return 0;
  }

  /** Positive infinity. */
  @Override
  default double upperBound() {
    return Double.POSITIVE_INFINITY;
  }

  /** The logarithm of the value. */
  @Override
  default double toLatent(double value) {
    return Math.log(value);
  }

  /** The exponential of the latent coordinate. */
  @Override
  default double fromLatent(double latent) {
    return Math.exp(latent);
  }

  /** The latent coordinate itself, the logarithm of {@code d exp(z) / dz}. */
  @Override
  default double logJacobian(double latent) {
    return latent;
  }
}

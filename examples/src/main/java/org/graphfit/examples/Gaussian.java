package org.graphfit.examples;

import org.graphfit.annotations.ModelComponent;
import org.graphfit.annotations.Prior;
import org.graphfit.annotations.Shared;

/**
 * A one-dimensional Gaussian profile, the model of PyAutoFit's {@code example_1d} datasets: {@code
 * normalization / (sigma sqrt(2 pi)) exp(-0.5 ((x - centre) / sigma)^2)}.
 *
 * <p>The centre is {@link Shared}: all Gaussians made with {@code GaussianModel.withDefaults()} in
 * one fit share it, which is the seed example's joint model.
 *
 * @param centre the position of the peak
 * @param normalization the area under the profile
 * @param sigma the width
 */
@ModelComponent
public record Gaussian(
    @Shared @Prior.Gaussian(mean = 50, sigma = 30) double centre,
    @Prior.LogUniform(lower = 1e-6, upper = 1e6) double normalization,
    @Prior.Uniform(lower = 0, upper = 25) double sigma)
    implements Profile1D {

  private static final double INVERSE_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

  @Override
  public double profile(double x) {
    // one division per call: when a loop over pixels inlines this, the JIT hoists it out
    double inverseSigma = 1 / sigma;
    double z = (x - centre) * inverseSigma;
    return normalization * INVERSE_SQRT_TWO_PI * inverseSigma * Math.exp(-0.5 * z * z);
  }
}

package org.graphfit.examples;

import org.graphfit.annotations.ModelComponent;
import org.graphfit.annotations.Prior;

/**
 * A symmetric exponential profile: {@code normalization * rate / 2 * exp(-rate |x - centre|)}.
 *
 * @param centre the position of the peak
 * @param normalization the area under the profile
 * @param rate the decay rate, per pixel
 */
@ModelComponent
public record Exponential(
    @Prior.Uniform(lower = 0, upper = 100) double centre,
    @Prior.LogUniform(lower = 1e-6, upper = 1e6) double normalization,
    @Prior.LogUniform(lower = 1e-2, upper = 10) double rate)
    implements Profile1D {

  @Override
  public double profile(double x) {
    return 0.5 * normalization * rate * Math.exp(-rate * Math.abs(x - centre));
  }
}

package org.graphfit.examples;

import org.graphfit.annotations.ModelComponent;

/**
 * The sum of a {@link Gaussian} and an {@link Exponential}: a component with two nested components,
 * so its generated model has the typed nested models {@code gaussian()} and {@code exponential()}.
 *
 * @param gaussian the Gaussian part
 * @param exponential the exponential part
 */
@ModelComponent
public record GaussianPlusExponential(Gaussian gaussian, Exponential exponential)
    implements Profile1D {

  @Override
  public double profile(double x) {
    return gaussian.profile(x) + exponential.profile(x);
  }
}

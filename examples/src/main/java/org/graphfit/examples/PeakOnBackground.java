package org.graphfit.examples;

import org.graphfit.annotations.ModelComponent;

/**
 * A Gaussian peak on a polynomial background: the relations example's model.
 *
 * @param peak the peak
 * @param background the background, whose coefficients are shared by every dataset of a fit
 */
@ModelComponent
public record PeakOnBackground(Gaussian peak, Polynomial background) implements Profile1D {
  @Override
  public double profile(double x) {
    return peak.profile(x) + background.profile(x);
  }
}

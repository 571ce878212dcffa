package org.graphfit.examples;

import org.graphfit.annotations.ModelComponent;
import org.graphfit.annotations.Prior;
import org.graphfit.annotations.Shared;
import org.graphfit.annotations.Size;

/**
 * A polynomial background {@code sum_k c_k (x / 100)^k}: an array parameter with one free parameter
 * per coefficient. The coefficients are {@link Shared}, element by element: every background made
 * with {@code PolynomialModel.withDefaults()} in one fit has the same coefficients.
 *
 * @param coefficients the coefficients, constant term first; three by default
 */
@ModelComponent
public record Polynomial(
    @Shared @Size(3) @Prior.Uniform(lower = -20, upper = 20) double[] coefficients)
    implements Profile1D {

  /**
   * Copies the coefficients, so that an instance never changes.
   *
   * @param coefficients the coefficients, constant term first
   */
  public Polynomial {
    coefficients = coefficients.clone();
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public double profile(double x) {
    double u = x / 100;
    double value = 0;
    for (int k = coefficients.length - 1; k >= 0; k--) {
      value = value * u + coefficients[k];
    }
    return value;
  }
}

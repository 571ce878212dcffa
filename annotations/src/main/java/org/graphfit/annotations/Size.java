package org.graphfit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default length of a {@code double[]} parameter (its number of elements, each its own
 * parameter) or of a {@code List} of components (its number of nested models). Without it the
 * default length is zero; either way the generated model can change the length before a fit.
 *
 * <pre>{@code
 * @ModelComponent
 * record Polynomial(@Size(3) @Prior.Gaussian(mean = 0, sigma = 10) double[] coefficients) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Size {
  /**
   * The default length.
   *
   * @return zero or more
   */
  int value();
}

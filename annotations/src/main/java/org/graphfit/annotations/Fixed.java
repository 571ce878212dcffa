package org.graphfit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fixes a {@code double} parameter to a constant by default: it is not a free parameter of the fit
 * unless the user gives it a prior on the generated model.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Fixed {
  /**
   * The fixed value.
   *
   * @return the value the parameter takes in every instance
   */
  double value();
}

package org.graphfit.model;

import java.util.Objects;
import java.util.Optional;
import org.graphfit.prior.Prior;

/**
 * One parameter slot's content: a free parameter with a prior, a fixed value, or not yet set.
 *
 * <p>Identity makes sharing: the same {@code Parameter} object handed to several models is one free
 * parameter of any fit that contains them. A parameter made for a {@code @Shared} component
 * parameter also carries a <em>shared key</em>; inside one fit all parameters with the same key are
 * one free parameter. Instances are immutable: to change a prior, hand the model a new parameter.
 */
public final class Parameter {
  private final Prior prior;
  private final double fixedValue;
  private final String sharedKey;

  private Parameter(Prior prior, double fixedValue, String sharedKey) {
    this.prior = prior;
    this.fixedValue = fixedValue;
    this.sharedKey = sharedKey;
  }

  /**
   * A free parameter with the given prior.
   *
   * @param prior its prior
   * @return a new parameter, distinct from every other
   */
  public static Parameter free(Prior prior) {
    return new Parameter(Objects.requireNonNull(prior, "prior"), Double.NaN, null);
  }

  /**
   * A parameter fixed to a value: it is not a free parameter of any fit.
   *
   * @param value the value, finite
   * @return a new fixed parameter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static Parameter fixed(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a fixed parameter value must be finite but was " + value);
    }
    return new Parameter(null, value, null);
  }

  /**
   * A parameter with neither prior nor value; a fit refuses it until the model is given one.
   *
   * @return a new unset parameter
   */
  public static Parameter unset() {
    return new Parameter(null, Double.NaN, null);
  }

  /**
   * A parameter that is one free parameter with every other of the same key inside a fit, as made
   * for {@code @Shared} component parameters.
   *
   * @param key the key, by convention {@code <qualified component name>.<parameter name>}
   * @param prior its prior, or null if the component declares none
   * @return a new parameter carrying the key
   */
  public static Parameter sharedByKey(String key, Prior prior) {
    return new Parameter(prior, Double.NaN, Objects.requireNonNull(key, "key"));
  }

  /**
   * The prior of a free parameter.
   *
   * @return the prior, or empty for a fixed or unset parameter
   */
  public Optional<Prior> prior() {
    return Optional.ofNullable(prior);
  }

  /**
   * Whether this is a fixed value.
   *
   * @return true for a fixed parameter
   */
  public boolean isFixed() {
    return !Double.isNaN(fixedValue);
  }

  /**
   * Whether this is a free parameter, one with a prior.
   *
   * @return true for a free parameter
   */
  public boolean isFree() {
    return prior != null;
  }

  /**
   * The fixed value.
   *
   * @return the value
   * @throws IllegalStateException if the parameter is not fixed
   */
  public double fixedValue() {
    if (!isFixed()) {
      throw new IllegalStateException("parameter is not fixed");
    }
    return fixedValue;
  }

  /**
   * The shared key of a parameter made for a {@code @Shared} component parameter.
   *
   * @return the key, or empty
   */
  public Optional<String> sharedKey() {
    return Optional.ofNullable(sharedKey);
  }

  @Override
  public String toString() {
    if (prior != null) {
      return prior.toString();
    }
    return isFixed() ? "Fixed, value = " + fixedValue : "Unset";
  }
}

package org.graphfit.model;

import java.util.List;
import java.util.Objects;

/**
 * An inequality between parameters (or relations of them, e.g. {@code a.centre().plus(5)}), or
 * between a parameter and a constant, that every accepted point of a fit satisfies. A point that
 * breaks a constraint is rejected before its likelihood is computed, so the constraint truncates
 * the prior.
 *
 * <pre>{@code
 * model.addConstraint(Constraint.greaterThan(gaussian.sigma(), 5));
 * collection.addConstraint(Constraint.lessThan(left.centre(), right.centre()));
 * }</pre>
 */
public final class Constraint {
  private final Parameter left;
  private final Parameter right;
  private final double constant;
  private final boolean lessThan;

  private Constraint(Parameter left, Parameter right, double constant, boolean lessThan) {
    this.left = Objects.requireNonNull(left, "parameter");
    this.right = right;
    this.constant = constant;
    this.lessThan = lessThan;
  }

  /**
   * {@code parameter > value}.
   *
   * @param parameter the parameter
   * @param value the bound, finite
   * @return the constraint
   */
  public static Constraint greaterThan(Parameter parameter, double value) {
    return new Constraint(parameter, null, requireFinite(value), false);
  }

  /**
   * {@code parameter < value}.
   *
   * @param parameter the parameter
   * @param value the bound, finite
   * @return the constraint
   */
  public static Constraint lessThan(Parameter parameter, double value) {
    return new Constraint(parameter, null, requireFinite(value), true);
  }

  /**
   * {@code left > right}.
   *
   * @param left a parameter
   * @param right another parameter
   * @return the constraint
   */
  public static Constraint greaterThan(Parameter left, Parameter right) {
    return new Constraint(left, Objects.requireNonNull(right, "right"), 0, false);
  }

  /**
   * {@code left < right}.
   *
   * @param left a parameter
   * @param right another parameter
   * @return the constraint
   */
  public static Constraint lessThan(Parameter left, Parameter right) {
    return new Constraint(left, Objects.requireNonNull(right, "right"), 0, true);
  }

  /** This constraint over the parameters a mapping puts in place of its own. */
  Constraint map(ParameterMapping mapping) {
    return new Constraint(
        mapping.apply(left), right == null ? null : mapping.apply(right), constant, lessThan);
  }

  private static double requireFinite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a constraint bound must be finite but was " + value);
    }
    return value;
  }

  /**
   * The parameters this constraint reads: one or two.
   *
   * @return the parameters
   */
  public List<Parameter> parameters() {
    return right == null ? List.of(left) : List.of(left, right);
  }

  /**
   * Whether the inequality holds for the given values of {@link #parameters()}.
   *
   * @param leftValue the value of the first parameter
   * @param rightValue the value of the second, ignored when comparing with a constant
   * @return true if it holds
   */
  public boolean holds(double leftValue, double rightValue) {
    double other = right == null ? constant : rightValue;
    return lessThan ? leftValue < other : leftValue > other;
  }

  /**
   * A description with the parameters' paths, e.g. {@code gaussian_0.sigma > 5.0}.
   *
   * @param leftPath the path of the first parameter
   * @param rightPath the path of the second, ignored when comparing with a constant
   * @return the description
   */
  public String describe(String leftPath, String rightPath) {
    return leftPath + (lessThan ? " < " : " > ") + (right == null ? constant : rightPath);
  }
}

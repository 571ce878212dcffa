package org.graphfit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Pattern;
import org.graphfit.prior.Prior;

/**
 * One parameter slot's content: a free parameter with a prior, a fixed value, a relation, or not
 * yet set.
 *
 * <p>Identity makes sharing: the same {@code Parameter} object handed to several models is one free
 * parameter of any fit that contains them. A parameter made for a {@code @Shared} component
 * parameter also carries a <em>shared key</em>; inside one fit all parameters with the same key are
 * one free parameter. Instances are immutable: to change a prior, hand the model a new parameter.
 *
 * <p>A <em>relation</em> is a parameter computed from others, e.g. a width that grows linearly with
 * a known {@code x}: {@code model.sigma(m.times(x).plus(c))}. Only its leaves, the free parameters
 * it reads, are free parameters of a fit; the relation is evaluated each time an instance is built,
 * before the component's constructor is called. Relations compose: an operand may itself be a
 * relation. A leaf that appears in no slot of its own is named in paths by the name given to {@link
 * #free(String, Prior)} (else {@code argument_<k>}, its position among the relation's leaves) after
 * the slot of the first relation that reads it, e.g. {@code dataset_0.sigma.m}.
 */
public final class Parameter {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Prior prior;
  private final double fixedValue;
  private final String sharedKey;
  private final String name;
  private final Expression expression;

  private Parameter(
      Prior prior, double fixedValue, String sharedKey, String name, Expression expression) {
    this.prior = prior;
    this.fixedValue = fixedValue;
    this.sharedKey = sharedKey;
    this.name = name;
    this.expression = expression;
  }

  private Parameter(Prior prior, double fixedValue, String sharedKey) {
    this(prior, fixedValue, sharedKey, null, null);
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
   * A named free parameter: the name is its path segment where it appears only inside relations,
   * e.g. {@code slope} in {@code dataset_0.sigma.slope}.
   *
   * @param name an identifier such as {@code slope}
   * @param prior its prior
   * @return a new parameter, distinct from every other
   * @throws IllegalArgumentException if the name is not an identifier
   */
  public static Parameter free(String name, Prior prior) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "parameter name '" + name + "' must be an identifier such as slope (letters, digits, _)");
    }
    return new Parameter(Objects.requireNonNull(prior, "prior"), Double.NaN, null, name, null);
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
   * A user function of several parameters, e.g. {@code Parameter.relation("hypot", v ->
   * Math.hypot(v[0], v[1]), x, y)}.
   *
   * @param name the function's name in descriptions, an identifier
   * @param function the function of the arguments' values, pure
   * @param arguments the parameters it reads, at least one; relations are allowed
   * @return the relation
   * @throws IllegalArgumentException if the name is not an identifier or no argument is given
   */
  public static Parameter relation(String name, RelationFunction function, Parameter... arguments) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "relation function name '" + name + "' must be an identifier such as width");
    }
    Objects.requireNonNull(function, "function");
    if (arguments.length == 0) {
      throw new IllegalArgumentException(
          "relation '" + name + "' reads no parameters; fix the slot to a value instead");
    }
    List<Expression> operands = new ArrayList<>();
    for (Parameter argument : arguments) {
      operands.add(Expression.of(Objects.requireNonNull(argument, "argument")));
    }
    return relation(new Expression.Call(name, function, operands));
  }

  /**
   * A user function of two parameters.
   *
   * @param name the function's name in descriptions
   * @param function the function, pure
   * @param first the first parameter it reads
   * @param second the second
   * @return the relation
   */
  public static Parameter relation(
      String name, DoubleBinaryOperator function, Parameter first, Parameter second) {
    Objects.requireNonNull(function, "function");
    RelationFunction call = values -> function.applyAsDouble(values[0], values[1]);
    return relation(name, call, first, second);
  }

  private static Parameter relation(Expression expression) {
    return new Parameter(null, Double.NaN, null, null, expression);
  }

  static Parameter relationOf(Expression expression) {
    return relation(expression);
  }

  private Parameter binary(Expression.Operator operator, Expression other) {
    return relation(new Expression.Binary(operator, Expression.of(this), other));
  }

  private static Expression operand(Parameter other) {
    return Expression.of(Objects.requireNonNull(other, "other"));
  }

  /**
   * {@code this + other}.
   *
   * @param other a parameter or relation
   * @return the relation
   */
  public Parameter plus(Parameter other) {
    return binary(Expression.Operator.PLUS, operand(other));
  }

  /**
   * {@code this + value}.
   *
   * @param value a finite number
   * @return the relation
   */
  public Parameter plus(double value) {
    return binary(Expression.Operator.PLUS, Expression.constant(value));
  }

  /**
   * {@code this - other}.
   *
   * @param other a parameter or relation
   * @return the relation
   */
  public Parameter minus(Parameter other) {
    return binary(Expression.Operator.MINUS, operand(other));
  }

  /**
   * {@code this - value}.
   *
   * @param value a finite number
   * @return the relation
   */
  public Parameter minus(double value) {
    return binary(Expression.Operator.MINUS, Expression.constant(value));
  }

  /**
   * {@code this * other}.
   *
   * @param other a parameter or relation
   * @return the relation
   */
  public Parameter times(Parameter other) {
    return binary(Expression.Operator.TIMES, operand(other));
  }

  /**
   * {@code this * value}.
   *
   * @param value a finite number
   * @return the relation
   */
  public Parameter times(double value) {
    return binary(Expression.Operator.TIMES, Expression.constant(value));
  }

  /**
   * {@code this / other}.
   *
   * @param other a parameter or relation
   * @return the relation
   */
  public Parameter dividedBy(Parameter other) {
    return binary(Expression.Operator.DIVIDE, operand(other));
  }

  /**
   * {@code this / value}.
   *
   * @param value a finite, non-zero number
   * @return the relation
   * @throws IllegalArgumentException if {@code value} is zero
   */
  public Parameter dividedBy(double value) {
    if (value == 0) {
      throw new IllegalArgumentException("a relation cannot divide by the constant 0");
    }
    return binary(Expression.Operator.DIVIDE, Expression.constant(value));
  }

  /**
   * {@code this} to the power {@code other}.
   *
   * @param other a parameter or relation
   * @return the relation
   */
  public Parameter pow(Parameter other) {
    return binary(Expression.Operator.POWER, operand(other));
  }

  /**
   * {@code this} to the power {@code exponent}.
   *
   * @param exponent a finite number
   * @return the relation
   */
  public Parameter pow(double exponent) {
    return binary(Expression.Operator.POWER, Expression.constant(exponent));
  }

  /**
   * {@code -this}.
   *
   * @return the relation
   */
  public Parameter negate() {
    return unary(Expression.UnaryFunction.NEGATE, this);
  }

  /**
   * The natural logarithm of a parameter.
   *
   * @param argument a parameter or relation
   * @return the relation
   */
  public static Parameter log(Parameter argument) {
    return unary(Expression.UnaryFunction.LOG, argument);
  }

  /**
   * The base-10 logarithm of a parameter.
   *
   * @param argument a parameter or relation
   * @return the relation
   */
  public static Parameter log10(Parameter argument) {
    return unary(Expression.UnaryFunction.LOG10, argument);
  }

  /**
   * The exponential of a parameter.
   *
   * @param argument a parameter or relation
   * @return the relation
   */
  public static Parameter exp(Parameter argument) {
    return unary(Expression.UnaryFunction.EXP, argument);
  }

  /**
   * The absolute value of a parameter.
   *
   * @param argument a parameter or relation
   * @return the relation
   */
  public static Parameter abs(Parameter argument) {
    return unary(Expression.UnaryFunction.ABS, argument);
  }

  /**
   * The square root of a parameter.
   *
   * @param argument a parameter or relation
   * @return the relation
   */
  public static Parameter sqrt(Parameter argument) {
    return unary(Expression.UnaryFunction.SQRT, argument);
  }

  private static Parameter unary(Expression.UnaryFunction function, Parameter argument) {
    return relation(new Expression.Unary(function, operand(argument)));
  }

  /**
   * Whether this is a relation, computed from other parameters.
   *
   * @return true for a relation
   */
  public boolean isRelation() {
    return expression != null;
  }

  /**
   * The name given to {@link #free(String, Prior)}.
   *
   * @return the name, or empty
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  Optional<Expression> expression() {
    return Optional.ofNullable(expression);
  }

  /**
   * The free and fixed parameters a relation reads, in order of first appearance; for any other
   * parameter, the parameter itself.
   *
   * @return the leaves
   */
  public List<Parameter> leaves() {
    return expression == null ? List.of(this) : List.copyOf(expression.leaves());
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
    if (expression != null) {
      List<Parameter> leaves = expression.leaves();
      return "Relation, "
          + expression.describe(leaf -> leaf.name().orElse("argument_" + leaves.indexOf(leaf)));
    }
    return isFixed() ? "Fixed, value = " + fixedValue : "Unset";
  }
}

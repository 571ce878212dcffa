package org.graphfit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The expression tree of a relation parameter: constants, leaf parameters (free or fixed, never
 * relations) and operations. Trees are immutable; a layout compiles one into an {@link Evaluator}
 * over the free-parameter vector, so evaluation reads array slots and does arithmetic only.
 */
abstract sealed class Expression {

  /** A compiled expression: its value at a free-parameter vector. */
  @FunctionalInterface
  interface Evaluator {
    double at(double[] vector);
  }

  /** The distinct leaf parameters in order of first appearance, left to right. */
  final List<Parameter> leaves() {
    List<Parameter> leaves = new ArrayList<>();
    collectLeaves(leaves);
    return leaves;
  }

  abstract void collectLeaves(List<Parameter> leaves);

  /**
   * The same tree with every leaf replaced by {@code map}'s parameter (which may be a relation).
   */
  abstract Expression mapLeaves(Function<Parameter, Parameter> map);

  /**
   * Compiles the tree.
   *
   * @param leaf the evaluator of each leaf (a vector read or a constant)
   */
  abstract Evaluator compile(Function<Parameter, Evaluator> leaf);

  /**
   * The text of the tree, with each leaf named by {@code name}.
   *
   * @param name a leaf's text
   */
  abstract String describe(Function<Parameter, String> name);

  /** Binding strength for parentheses: higher binds tighter. */
  abstract int precedence();

  static Expression of(Parameter parameter) {
    return parameter.expression().orElseGet(() -> new Leaf(parameter));
  }

  static Expression constant(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "a constant in a relation must be finite but was " + value);
    }
    return new Constant(value);
  }

  private static String wrap(Expression child, int outer, Function<Parameter, String> name) {
    String text = child.describe(name);
    return child.precedence() < outer ? "(" + text + ")" : text;
  }

  /** A free or fixed parameter. */
  static final class Leaf extends Expression {
    private final Parameter parameter;

    Leaf(Parameter parameter) {
      this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    @Override
    void collectLeaves(List<Parameter> leaves) {
      if (leaves.stream().noneMatch(known -> known == parameter)) {
        leaves.add(parameter);
      }
    }

    @Override
    Expression mapLeaves(Function<Parameter, Parameter> map) {
      return Expression.of(map.apply(parameter));
    }

    @Override
    Evaluator compile(Function<Parameter, Evaluator> leaf) {
      return leaf.apply(parameter);
    }

    @Override
    String describe(Function<Parameter, String> name) {
      return name.apply(parameter);
    }

    @Override
    int precedence() {
      return 4;
    }
  }

  /** A number. */
  static final class Constant extends Expression {
    private final double value;

    Constant(double value) {
      this.value = value;
    }

    @Override
    void collectLeaves(List<Parameter> leaves) {}

    @Override
    Expression mapLeaves(Function<Parameter, Parameter> map) {
      return this;
    }

    @Override
    Evaluator compile(Function<Parameter, Evaluator> leaf) {
      double constant = value;
      return vector -> constant;
    }

    @Override
    String describe(Function<Parameter, String> name) {
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? String.format(Locale.ROOT, "%.1f", value)
          : Double.toString(value);
    }

    @Override
    int precedence() {
      return value < 0 ? 1 : 4;
    }
  }

  /** The arithmetic operators. */
  enum Operator {
    PLUS(" + ", 1),
    MINUS(" - ", 1),
    TIMES(" * ", 2),
    DIVIDE(" / ", 2),
    POWER(" ** ", 3);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }
  }

  /** {@code left <operator> right}. */
  static final class Binary extends Expression {
    private final Operator operator;
    private final Expression left;
    private final Expression right;

    Binary(Operator operator, Expression left, Expression right) {
      this.operator = operator;
      this.left = left;
      this.right = right;
    }

    @Override
    void collectLeaves(List<Parameter> leaves) {
      left.collectLeaves(leaves);
      right.collectLeaves(leaves);
    }

    @Override
    Expression mapLeaves(Function<Parameter, Parameter> map) {
      return new Binary(operator, left.mapLeaves(map), right.mapLeaves(map));
    }

    @Override
    Evaluator compile(Function<Parameter, Evaluator> leaf) {
      Evaluator a = left.compile(leaf);
      Evaluator b = right.compile(leaf);
      return switch (operator) {
        case PLUS -> vector -> a.at(vector) + b.at(vector);
        case MINUS -> vector -> a.at(vector) - b.at(vector);
        case TIMES -> vector -> a.at(vector) * b.at(vector);
        case DIVIDE -> vector -> a.at(vector) / b.at(vector);
        case POWER -> vector -> Math.pow(a.at(vector), b.at(vector));
      };
    }

    @Override
    String describe(Function<Parameter, String> name) {
      int own = operator.precedence;
      // left-associative: the right operand of - and / (and both of **) need parentheses at equal
      // precedence
      boolean tightRight =
          operator == Operator.MINUS || operator == Operator.DIVIDE || operator == Operator.POWER;
      String leftText = wrap(left, operator == Operator.POWER ? own + 1 : own, name);
      String rightText = wrap(right, tightRight ? own + 1 : own, name);
      return leftText + operator.symbol + rightText;
    }

    @Override
    int precedence() {
      return operator.precedence;
    }
  }

  /** The built-in functions of one argument. */
  enum UnaryFunction {
    NEGATE("-"),
    LOG("log"),
    LOG10("log10"),
    EXP("exp"),
    ABS("abs"),
    SQRT("sqrt");

    private final String text;

    UnaryFunction(String text) {
      this.text = text;
    }
  }

  /** A built-in function of one argument. */
  static final class Unary extends Expression {
    private final UnaryFunction function;
    private final Expression argument;

    Unary(UnaryFunction function, Expression argument) {
      this.function = function;
      this.argument = argument;
    }

    @Override
    void collectLeaves(List<Parameter> leaves) {
      argument.collectLeaves(leaves);
    }

    @Override
    Expression mapLeaves(Function<Parameter, Parameter> map) {
      return new Unary(function, argument.mapLeaves(map));
    }

    @Override
    Evaluator compile(Function<Parameter, Evaluator> leaf) {
      Evaluator a = argument.compile(leaf);
      return switch (function) {
        case NEGATE -> vector -> -a.at(vector);
        case LOG -> vector -> Math.log(a.at(vector));
        case LOG10 -> vector -> Math.log10(a.at(vector));
        case EXP -> vector -> Math.exp(a.at(vector));
        case ABS -> vector -> Math.abs(a.at(vector));
        case SQRT -> vector -> Math.sqrt(a.at(vector));
      };
    }

    @Override
    String describe(Function<Parameter, String> name) {
      return function == UnaryFunction.NEGATE
          ? "-" + wrap(argument, 3, name)
          : function.text + "(" + argument.describe(name) + ")";
    }

    @Override
    int precedence() {
      return function == UnaryFunction.NEGATE ? 3 : 4;
    }
  }

  /** A named user function of several arguments. */
  static final class Call extends Expression {
    private final String name;
    private final RelationFunction function;
    private final List<Expression> arguments;

    Call(String name, RelationFunction function, List<Expression> arguments) {
      this.name = name;
      this.function = function;
      this.arguments = List.copyOf(arguments);
    }

    @Override
    void collectLeaves(List<Parameter> leaves) {
      for (Expression argument : arguments) {
        argument.collectLeaves(leaves);
      }
    }

    @Override
    Expression mapLeaves(Function<Parameter, Parameter> map) {
      List<Expression> mappedArguments = new ArrayList<>();
      for (Expression argument : arguments) {
        mappedArguments.add(argument.mapLeaves(map));
      }
      return new Call(name, function, mappedArguments);
    }

    @Override
    Evaluator compile(Function<Parameter, Evaluator> leaf) {
      Evaluator[] compiled = new Evaluator[arguments.size()];
      for (int i = 0; i < compiled.length; i++) {
        compiled[i] = arguments.get(i).compile(leaf);
      }
      RelationFunction f = function;
      return vector -> {
        double[] values = new double[compiled.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = compiled[i].at(vector);
        }
        return f.apply(values);
      };
    }

    @Override
    String describe(Function<Parameter, String> leafName) {
      List<String> texts = new ArrayList<>();
      for (Expression argument : arguments) {
        texts.add(argument.describe(leafName));
      }
      return name + "(" + String.join(", ", texts) + ")";
    }

    @Override
    int precedence() {
      return 4;
    }
  }
}

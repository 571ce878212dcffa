package org.graphfit.processor.generation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.processor.model.PriorAnnotation;

/** Source text for priors and {@code double} values. */
public final class PriorCode {
  /** The runtime's prior interface, whose static factories build priors. */
  static final ClassName PRIOR = ClassName.get("org.graphfit.prior", "Prior");

  private PriorCode() {}

  /**
   * The factory call that builds the prior an annotation declares.
   *
   * @param prior a validated prior annotation
   * @return e.g. {@code Prior.gaussian(50.0, 30.0)}
   */
  public static CodeBlock factoryCall(PriorAnnotation prior) {
    return CodeBlock.of("$T.$L($L)", PRIOR, prior.type().factoryMethod(), arguments(prior));
  }

  /**
   * The same call as text, for documentation.
   *
   * @param prior a validated prior annotation
   * @return e.g. {@code Prior.gaussian(50.0, 30.0)}
   */
  public static String describe(PriorAnnotation prior) {
    return PRIOR.simpleName() + "." + prior.type().factoryMethod() + "(" + arguments(prior) + ")";
  }

  /**
   * A Java expression for a {@code double} that reads back as exactly the same value.
   *
   * @param value any double
   * @return e.g. {@code 1.0E-6}, {@code -2.5} or {@code Double.NEGATIVE_INFINITY}
   */
  public static String literal(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(value);
  }

  private static String arguments(PriorAnnotation prior) {
    List<String> literals = new ArrayList<>();
    for (String argument : prior.type().arguments()) {
      literals.add(literal(prior.argument(argument)));
    }
    return String.join(", ", literals);
  }
}

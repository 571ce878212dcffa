package org.graphfit.processor.validation;

import java.util.Locale;

/**
 * Every diagnostic the processor prints: a stable id, printed in brackets, and a text that states
 * the rule broken and how to fix it. {@code docs/errors.md} documents each id with examples.
 */
public enum Message {
  /** A prior, {@code @Shared} or {@code @Fixed} on a parameter whose type is a nested component. */
  ANNOTATION_ON_COMPONENT(
      "GraphFitAnnotationOnComponent",
      "%s is on parameter '%s' of component type %s, but priors, @Shared and @Fixed apply only to"
          + " double parameters; remove the annotation and configure the nested model through its"
          + " own component's annotations (or its generated model at run time)"),
  /** A prior whose lower bound is not below its upper bound. */
  PRIOR_BOUNDS(
      "GraphFitPriorBounds",
      "%s on '%s' has lower = %s and upper = %s, but a prior needs lower < upper; correct or swap"
          + " the bounds"),
  /** A prior whose sigma is not positive. */
  PRIOR_SIGMA(
      "GraphFitPriorSigma",
      "%s on '%s' has sigma = %s, but a standard deviation must be positive; give sigma > 0"),
  /** A prior whose scale is not positive. */
  PRIOR_SCALE(
      "GraphFitPriorScale",
      "%s on '%s' has scale = %s, but a scale must be positive; give scale > 0"),
  /** A log-uniform prior whose lower bound is not positive. */
  LOG_UNIFORM_LOWER(
      "GraphFitLogUniformLower",
      "@Prior.LogUniform on '%s' has lower = %s, but its logarithm needs lower > 0; use a positive"
          + " lower bound such as 1e-6, or @Prior.Uniform for a parameter that may be zero or"
          + " negative"),
  /** A truncated Gaussian prior whose mean lies outside its bounds. */
  TRUNCATED_MEAN(
      "GraphFitTruncatedMean",
      "@Prior.TruncatedGaussian on '%s' has mean = %s outside its bounds [%s, %s], but the mean"
          + " must lie within [lower, upper]; move the mean inside the bounds or widen them"),
  /** A NaN or infinite annotation argument where a finite number is required. */
  PRIOR_NOT_FINITE(
      "GraphFitPriorNotFinite", "%s on '%s' has %s = %s, but %s; give a finite number"),
  /** Two defaults (priors, or a prior and {@code @Fixed}) on one parameter. */
  MULTIPLE_PRIORS(
      "GraphFitMultiplePriors",
      "parameter '%s' has both %s and %s, but a parameter takes at most one default (one @Prior.*"
          + " or @Fixed); keep one and remove the other"),
  /** A class component without exactly one non-private constructor. */
  NO_CONSTRUCTOR(
      "GraphFitNoConstructor",
      "class %s has %d non-private constructors, but a class component needs exactly one, whose"
          + " parameters become the model's parameters; make the other constructors private, or"
          + " make the component a record"),
  /** A component the generated model cannot see or construct. */
  PRIVATE_COMPONENT(
      "GraphFitPrivateComponent",
      "%s, but the generated model, a top-level class in the same package, must be able to name"
          + " and construct the component; %s"),
  /** A component with type parameters. */
  GENERIC_COMPONENT(
      "GraphFitGenericComponent",
      "component %s declares type parameters %s, but a model fills every parameter with a number"
          + " or a nested model, so a component cannot be generic; remove the type parameters"),
  /** A prior, {@code @Shared} or {@code @Fixed} on an element that is not a component parameter. */
  MISPLACED_PARAMETER_ANNOTATION(
      "GraphFitMisplacedParameterAnnotation",
      "%s is on %s '%s', which is not a parameter of a @ModelComponent, so it would have no"
          + " effect; put it on a record component or constructor parameter of a @ModelComponent"
          + " type (or on the field of the same name), or annotate the type with @ModelComponent"),
  /**
   * A parameter that is neither a {@code double} nor a component; reported once, whatever
   * annotations the parameter carries.
   */
  UNSUPPORTED_PARAMETER_TYPE(
      "GraphFitUnsupportedParameterType",
      "parameter '%s' has type %s, but a component parameter must be a double, a double[], a"
          + " @ModelComponent type or a List of one; %s"),
  /** {@code @Size} on a parameter that is neither a {@code double[]} nor a list of components. */
  SIZE_TARGET(
      "GraphFitSizeTarget",
      "@Size is on parameter '%s' of type %s, but a length applies only to a double[] or a List"
          + " of a @ModelComponent type; remove @Size, or change the parameter's type"),
  /** A negative {@code @Size}. */
  NEGATIVE_SIZE(
      "GraphFitNegativeSize",
      "@Size on '%s' is %d, but a length must be zero or more; give @Size(0) or more"),
  /** A {@code List} whose element type is not a component. */
  LIST_ELEMENT(
      "GraphFitListElement",
      "parameter '%s' is a List of %s, but a list parameter holds one nested model per element,"
          + " so its element type must be a @ModelComponent type; %s"),
  /** A class parameter the model cannot read back from an instance. */
  UNREADABLE_PARAMETER(
      "GraphFitUnreadableParameter",
      "parameter '%s' cannot be read back from an instance, but the model must read every"
          + " parameter; add a non-private field '%s', or a non-private no-argument method %s() or"
          + " %s(), of type %s"),
  /** {@code @ModelComponent} on a type that cannot be constructed. */
  ABSTRACT_COMPONENT(
      "GraphFitAbstractComponent",
      "@ModelComponent is on %s %s, but a component must be a record or a concrete class so that"
          + " the model can construct it; annotate a record or a concrete class instead"),
  /** {@code @Shared} together with {@code @Fixed}. */
  SHARED_FIXED(
      "GraphFitSharedFixed",
      "parameter '%s' is both @Shared and @Fixed, but a fixed value is not a free parameter and"
          + " cannot be shared; remove one of the two"),
  /** A parameter named like a method every model already has. */
  RESERVED_PARAMETER_NAME(
      "GraphFitReservedParameterName",
      "parameter '%s' has the name of a method every generated model already has, so its accessor"
          + " %s() would clash with it; rename the parameter"),
  /** A component that contains itself, directly or through nested components. */
  RECURSIVE_COMPONENT(
      "GraphFitRecursiveComponent",
      "parameter '%s' of %s makes the component contain itself (%s), but a component cannot"
          + " contain itself, directly or through nested components: the parameter tree must be"
          + " finite; replace '%s' by the double parameters it needs, or break the cycle"),
  /** The generated file could not be written. */
  WRITE_FAILED(
      "GraphFitWriteFailed",
      "could not write the generated model %s (%s); two components of one package must not share"
          + " a simple name, because each model is named <SimpleName>Model; rename one"),
  /** An unexpected failure inside the processor. */
  PROCESSOR_CRASH(
      "GraphFitProcessorCrash",
      "the GraphFit processor failed on %s, which is a bug in GraphFit; please report it with"
          + " this stack trace:%n%s");

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /**
   * The stable id, as printed in brackets.
   *
   * @return e.g. {@code GraphFitPriorBounds}
   */
  public String id() {
    return id;
  }

  /**
   * The full diagnostic text.
   *
   * @param arguments the values for the template's placeholders
   * @return {@code [id] text}
   */
  public String format(Object... arguments) {
    return "[" + id + "] " + String.format(Locale.ROOT, template, arguments);
  }
}

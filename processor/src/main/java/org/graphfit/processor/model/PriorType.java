package org.graphfit.processor.model;

import java.util.List;

/** The {@code @Prior.*} annotations, each with the runtime factory that builds the same prior. */
public enum PriorType {
  /** {@code @Prior.Uniform}. */
  UNIFORM("Uniform", "uniform", List.of("lower", "upper")),
  /** {@code @Prior.LogUniform}. */
  LOG_UNIFORM("LogUniform", "logUniform", List.of("lower", "upper")),
  /** {@code @Prior.Gaussian}. */
  GAUSSIAN("Gaussian", "gaussian", List.of("mean", "sigma")),
  /** {@code @Prior.LogGaussian}. */
  LOG_GAUSSIAN("LogGaussian", "logGaussian", List.of("mean", "sigma")),
  /** {@code @Prior.TruncatedGaussian}. */
  TRUNCATED_GAUSSIAN(
      "TruncatedGaussian", "truncatedGaussian", List.of("mean", "sigma", "lower", "upper")),
  /** {@code @Prior.HalfNormal}. */
  HALF_NORMAL("HalfNormal", "halfNormal", List.of("sigma")),
  /** {@code @Prior.HalfCauchy}. */
  HALF_CAUCHY("HalfCauchy", "halfCauchy", List.of("scale"));

  private final String simpleName;
  private final String factoryMethod;
  private final List<String> arguments;

  PriorType(String simpleName, String factoryMethod, List<String> arguments) {
    this.simpleName = simpleName;
    this.factoryMethod = factoryMethod;
    this.arguments = arguments;
  }

  /**
   * The qualified (canonical) name of the annotation type.
   *
   * @return e.g. {@code org.graphfit.annotations.Prior.Uniform}
   */
  public String annotationName() {
    return "org.graphfit.annotations.Prior." + simpleName;
  }

  /**
   * The annotation as a user writes it.
   *
   * @return e.g. {@code @Prior.Uniform}
   */
  public String displayName() {
    return "@Prior." + simpleName;
  }

  /**
   * The static factory of {@code org.graphfit.prior.Prior} that builds this prior.
   *
   * @return e.g. {@code uniform}
   */
  public String factoryMethod() {
    return factoryMethod;
  }

  /**
   * The annotation's members in the order the factory takes them.
   *
   * @return the argument names
   */
  public List<String> arguments() {
    return arguments;
  }

  /**
   * The prior type of an annotation type name.
   *
   * @param annotationName a qualified annotation name
   * @return the prior type, or null if the name is not a {@code @Prior.*} annotation
   */
  public static PriorType forAnnotation(String annotationName) {
    for (PriorType type : values()) {
      if (type.annotationName().equals(annotationName)) {
        return type;
      }
    }
    return null;
  }
}

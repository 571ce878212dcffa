package org.graphfit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record, or a class with exactly one accessible constructor, as a model component.
 *
 * <p>At compile time the GraphFit processor generates {@code <Name>Model} beside the component: a
 * typed model whose free parameters are the component's {@code double} parameters (record
 * components or constructor parameters) and whose nested models are its parameters typed by other
 * components. The generated model maps parameter vectors to instances with plain constructor calls;
 * there is no reflection at run time. The processor ({@code org.graphfit:graphfit-processor}) must
 * be named in the compiler's {@code annotationProcessorPaths}: without it nothing is generated and
 * {@code javac} reports only {@code cannot find symbol} for {@code <Name>Model}.
 *
 * <p>Parameters are annotated where they are declared: on the record component, or on the
 * constructor parameter of a class. A class must also expose each parameter for reading, by a
 * non-private field of the same name or a no-argument method {@code name()} or {@code getName()}.
 *
 * <pre>{@code
 * @ModelComponent
 * public record Gaussian(
 *     @Shared @Prior.Gaussian(mean = 50, sigma = 30) double centre,
 *     @Prior.LogUniform(lower = 1e-6, upper = 1e6) double normalization,
 *     @Prior.Uniform(lower = 0, upper = 25) double sigma) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ModelComponent {
  /**
   * The name used for this component in model descriptions and output files; defaults to the simple
   * name of the type.
   *
   * @return the display name, or the empty string for the simple type name
   */
  String name() default "";
}

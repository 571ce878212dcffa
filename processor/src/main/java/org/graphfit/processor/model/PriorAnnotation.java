package org.graphfit.processor.model;

import java.util.Map;

/**
 * A {@code @Prior.*} annotation found on a parameter, with its arguments (defaults included).
 *
 * @param type which prior
 * @param site where it was found
 * @param arguments the argument values by member name, in {@link PriorType#arguments()} order
 */
public record PriorAnnotation(PriorType type, AnnotationSite site, Map<String, Double> arguments) {
  /** Copies the arguments. */
  public PriorAnnotation {
    arguments = Map.copyOf(arguments);
  }

  /**
   * One argument.
   *
   * @param name a member name from {@link PriorType#arguments()}
   * @return its value
   */
  public double argument(String name) {
    return arguments.get(name);
  }
}

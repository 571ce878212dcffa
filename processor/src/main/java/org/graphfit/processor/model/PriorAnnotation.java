package org.graphfit.processor.model;

import java.util.Map;

/**
 * A {@code @Prior.*} annotation found on a parameter, with its arguments (defaults included).
 *
 * @param type which prior
 * @param site where it was found
 * @param arguments the argument values by member name, one per {@link PriorType#arguments()}
 */
public record PriorAnnotation(PriorType type, AnnotationSite site, Map<String, Double> arguments) {
  /**
   * Creates the record, keeping an unmodifiable copy of its collections.
   *
   * @param type see {@link #type()}
   * @param site see {@link #site()}
   * @param arguments see {@link #arguments()}
   */
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

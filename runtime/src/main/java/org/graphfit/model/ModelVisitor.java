package org.graphfit.model;

/** Receives the children of a model node, in the model's documented parameter order. */
public interface ModelVisitor {
  /**
   * A {@code double} parameter slot.
   *
   * @param name the slot's name within its model
   * @param parameter its content
   */
  void parameter(String name, Parameter parameter);

  /**
   * A nested model.
   *
   * @param name the child's name within its model
   * @param model the nested model
   */
  void component(String name, Model<?> model);
}

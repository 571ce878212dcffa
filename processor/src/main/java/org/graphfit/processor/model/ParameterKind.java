package org.graphfit.processor.model;

/** What a component parameter is to the model. */
public enum ParameterKind {
  /** A {@code double}: one slot of the model. */
  DOUBLE,
  /** Another {@code @ModelComponent} type: a nested model. */
  NESTED,
  /** A {@code double[]}: one slot per element, the length set on the model. */
  ARRAY,
  /** A {@code List} of a {@code @ModelComponent} type: one nested model per element. */
  LIST,
  /** Anything else, which the model cannot fill. */
  OTHER
}

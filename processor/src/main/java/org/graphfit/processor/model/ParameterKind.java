package org.graphfit.processor.model;

/** What a component parameter is to the model. */
public enum ParameterKind {
  /** A {@code double}: one slot of the model. */
  DOUBLE,
  /** Another {@code @ModelComponent} type: a nested model. */
  NESTED,
  /** Anything else, which the model cannot fill. */
  OTHER
}

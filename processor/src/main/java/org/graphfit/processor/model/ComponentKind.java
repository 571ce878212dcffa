package org.graphfit.processor.model;

/** How a component declares its parameters. */
public enum ComponentKind {
  /** A record: the parameters are its components, read by their accessors. */
  RECORD,
  /** A class: the parameters are those of its single non-private constructor. */
  CLASS
}

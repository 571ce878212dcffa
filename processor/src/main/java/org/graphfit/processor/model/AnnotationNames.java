package org.graphfit.processor.model;

/** The qualified names of the GraphFit annotations the processor reads. */
public final class AnnotationNames {
  /** {@code @ModelComponent}. */
  public static final String MODEL_COMPONENT = "org.graphfit.annotations.ModelComponent";

  /** {@code @Shared}. */
  public static final String SHARED = "org.graphfit.annotations.Shared";

  /** {@code @Size}. */
  public static final String SIZE = "org.graphfit.annotations.Size";

  /** {@code @Fixed}. */
  public static final String FIXED = "org.graphfit.annotations.Fixed";

  private AnnotationNames() {}
}

package org.graphfit.processor.model;

/**
 * A {@code @Fixed} annotation found on a parameter.
 *
 * @param site where it was found
 * @param value the fixed value
 */
public record FixedAnnotation(AnnotationSite site, double value) {}

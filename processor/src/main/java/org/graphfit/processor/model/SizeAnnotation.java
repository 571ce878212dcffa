package org.graphfit.processor.model;

/**
 * A {@code @Size} annotation found on a parameter.
 *
 * @param site where it was found
 * @param value the declared length
 */
public record SizeAnnotation(AnnotationSite site, int value) {}

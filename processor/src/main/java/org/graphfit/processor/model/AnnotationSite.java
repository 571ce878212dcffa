package org.graphfit.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Where an annotation was found: the annotated element and the annotation's mirror, so that a
 * diagnostic can point at the annotation itself.
 *
 * @param element the annotated element
 * @param mirror the annotation on it
 */
public record AnnotationSite(Element element, AnnotationMirror mirror) {}

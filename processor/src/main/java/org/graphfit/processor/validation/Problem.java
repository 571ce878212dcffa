package org.graphfit.processor.validation;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * One broken rule, located where the compiler should point.
 *
 * @param message the rule
 * @param text the full diagnostic text, starting with the bracketed id
 * @param element the offending element
 * @param annotation the offending annotation on it, if the problem lies in one
 */
public record Problem(
    Message message, String text, Element element, Optional<AnnotationMirror> annotation) {}

/**
 * The rules a component must follow, checked before any code is generated.
 *
 * <p>{@link org.graphfit.processor.validation.Validator} checks a component's declaration and its
 * parameter descriptors, and the placement of every GraphFit parameter annotation, and returns a
 * {@link org.graphfit.processor.validation.ValidationReport} with every problem found, never only
 * the first. Each problem is a {@link org.graphfit.processor.validation.Message}: a stable id in
 * brackets and a text that states the rule and the fix, attached to the offending element and
 * annotation.
 *
 * <p>This package depends on {@code javax.lang.model}, {@code javax.annotation.processing.Messager}
 * and the {@code model} package; it must not depend on {@code generation}.
 */
package org.graphfit.processor.validation;

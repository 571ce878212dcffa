/**
 * Code generation: pure functions from a validated {@link
 * org.graphfit.processor.model.ComponentDescriptor} to the JavaPoet source of its model.
 *
 * <p>{@link org.graphfit.processor.generation.ModelGenerator} builds {@code <Name>Model}; {@link
 * org.graphfit.processor.generation.PriorCode} writes the {@code Prior.*} factory calls and exact
 * {@code double} literals. Nothing here reports diagnostics or touches the filer: the same
 * descriptor always gives the same source.
 *
 * <p>This package depends on JavaPoet and the {@code model} package, and refers to the runtime API
 * ({@code org.graphfit.model}, {@code org.graphfit.prior}) only by name; it must not depend on
 * {@code validation}.
 */
package org.graphfit.processor.generation;

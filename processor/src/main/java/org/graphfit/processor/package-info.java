/**
 * The GraphFit annotation processor: {@link org.graphfit.processor.GraphFitProcessor} reads each
 * {@code @ModelComponent} type ({@code model}), validates it ({@code validation}) and, if it is
 * sound, writes its {@code <Name>Model} ({@code generation}).
 *
 * <p>The root package wires the three stages to the compiler (elements, messager, filer); the
 * stages depend on each other only in that order: {@code validation} and {@code generation} read
 * {@code model}, and neither knows the other.
 */
package org.graphfit.processor;

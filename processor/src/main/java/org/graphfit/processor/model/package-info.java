/**
 * What the processor knows about a component: descriptors read from the compiler's elements.
 *
 * <p>{@link org.graphfit.processor.model.ComponentReader} turns an {@code @ModelComponent} type
 * into a {@link org.graphfit.processor.model.ComponentDescriptor} with one {@link
 * org.graphfit.processor.model.ParameterDescriptor} per record component or constructor parameter.
 * Reading never reports anything: a descriptor records what is there, right or wrong, and the
 * {@code validation} package judges it. Prior arguments are read from annotation mirrors, never by
 * reflection on the annotation classes.
 *
 * <p>This package depends only on {@code javax.lang.model} and JavaPoet's {@code ClassName}; it
 * must not depend on {@code validation} or {@code generation}.
 */
package org.graphfit.processor.model;

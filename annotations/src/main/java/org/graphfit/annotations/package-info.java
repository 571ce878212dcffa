/**
 * Annotations for model components: {@link org.graphfit.annotations.ModelComponent}, the default
 * priors in {@link org.graphfit.annotations.Prior}, {@link org.graphfit.annotations.Shared} and
 * {@link org.graphfit.annotations.Fixed} and {@link org.graphfit.annotations.Size}. Class retention
 * only; this package depends on nothing.
 */
package org.graphfit.annotations;

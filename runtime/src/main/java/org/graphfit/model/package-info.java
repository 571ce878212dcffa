/**
 * Models: {@link org.graphfit.model.Parameter} (identity makes sharing), the {@link
 * org.graphfit.model.Model} contract that generated component models implement, {@link
 * org.graphfit.model.ModelLayout} (the ordered free parameters and the vector-to-instance mapping),
 * heterogeneous {@link org.graphfit.model.ModelCollection}s, {@link
 * org.graphfit.model.Constraint}s, relations (a {@code Parameter} that is an expression of others,
 * evaluated when an instance is built), the models of array and list parameters ({@link
 * org.graphfit.model.ParameterArray}, {@link org.graphfit.model.ModelList}) and the {@link
 * org.graphfit.model.ParameterMapping} that copies a model with new priors. Depends on {@code
 * org.graphfit.prior} and Commons RNG only.
 */
package org.graphfit.model;

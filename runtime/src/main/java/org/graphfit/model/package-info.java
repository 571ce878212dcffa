/**
 * Models: {@link org.graphfit.model.Parameter} (identity makes sharing), the {@link
 * org.graphfit.model.Model} contract that generated component models implement, {@link
 * org.graphfit.model.ModelLayout} (the ordered free parameters and the vector-to-instance mapping),
 * heterogeneous {@link org.graphfit.model.ModelCollection}s and {@link
 * org.graphfit.model.Constraint}s. Depends on {@code org.graphfit.prior} and Commons RNG only.
 */
package org.graphfit.model;

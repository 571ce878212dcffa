/**
 * End-to-end examples on PyAutoFit's {@code example_1d} datasets, which ship in {@code
 * examples/data}: the {@link org.graphfit.examples.Gaussian} component, its analysis and the
 * runnable fits.
 */
package org.graphfit.examples;

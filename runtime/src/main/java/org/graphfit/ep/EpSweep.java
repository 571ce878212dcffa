package org.graphfit.ep;

/**
 * A summary of one sweep.
 *
 * @param sweep the sweep, from 1
 * @param kl the KL divergence of the global approximation after the sweep from the one before,
 *     summed over variables (the approximation is a product, so this is the KL of the products)
 * @param maxKl the largest per-variable KL divergence, the convergence criterion
 * @param failing the number of factors whose status blocks convergence
 * @param seconds the wall time of the sweep
 */
public record EpSweep(int sweep, double kl, double maxKl, int failing, double seconds) {}

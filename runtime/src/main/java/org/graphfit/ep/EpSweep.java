package org.graphfit.ep;

/**
 * A summary of one sweep.
 *
 * @param sweep the sweep, from 1
 * @param kl the KL divergence of the global approximation after the sweep from the one before,
 *     summed over variables (the approximation is a product, so this is the KL of the products)
 * @param maxKl the largest per-variable KL divergence between the sweeps; it shrinks with the
 *     damping and so is not the convergence criterion
 * @param residual the largest, over factors and their variables, KL divergence of the global
 *     approximation an undamped update would give from the one the update started from (see {@link
 *     EpUpdate#residual()}): the convergence criterion
 * @param noiseFloor the residual that the sampled factors' noise alone explains in this sweep (see
 *     {@link ConvergenceCriterion}), 0 when no factor was sampled
 * @param withinNoiseFloor whether every residual of the sweep was explained by noise: those of
 *     sampled updates within the noise floor, those of deterministic updates below the tolerance or
 *     within the floor of the noise their cavities inherit from sampled factors
 * @param failing the number of factors whose status blocks convergence
 * @param factorSeconds the wall time of the sweep's factor fits, summed over factors
 * @param seconds the wall time of the sweep
 */
public record EpSweep(
    int sweep,
    double kl,
    double maxKl,
    double residual,
    double noiseFloor,
    boolean withinNoiseFloor,
    int failing,
    double factorSeconds,
    double seconds) {}

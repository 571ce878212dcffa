package org.graphfit.ep;

/**
 * The final approximation of one variable: the latent Gaussian and its push-forward through the
 * prior's {@code fromLatent}, whose mean and standard deviation are computed by Gauss–Hermite
 * quadrature.
 *
 * @param path the free parameter's path in the graph
 * @param latentMean the latent mean
 * @param latentSd the latent standard deviation
 * @param mean the physical mean
 * @param sd the physical standard deviation
 */
public record VariableSummary(
    String path, double latentMean, double latentSd, double mean, double sd) {}

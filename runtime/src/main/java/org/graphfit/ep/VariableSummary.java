package org.graphfit.ep;

/**
 * The final approximation of one variable: EP's latent Gaussian and its push-forward through the
 * prior's {@code fromLatent} (mean and standard deviation by Gauss–Hermite quadrature), and where
 * every factor of the variable gave a marginal term, the {@link CorrectedMarginal}'s physical mean
 * and standard deviation, which are then the summary's {@code mean} and {@code sd}.
 *
 * @param path the free parameter's path in the graph
 * @param latentMean the latent mean of EP's Gaussian
 * @param latentSd the latent standard deviation of EP's Gaussian
 * @param mean the physical mean: the corrected marginal's if {@code corrected}, else EP's
 * @param sd the physical standard deviation: the corrected marginal's if {@code corrected}, else
 *     EP's
 * @param gaussianMean the physical mean of EP's Gaussian
 * @param gaussianSd the physical standard deviation of EP's Gaussian
 * @param corrected whether {@code mean} and {@code sd} are those of the corrected marginal
 */
public record VariableSummary(
    String path,
    double latentMean,
    double latentSd,
    double mean,
    double sd,
    double gaussianMean,
    double gaussianSd,
    boolean corrected) {}

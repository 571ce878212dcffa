/**
 * Markov chain Monte Carlo over a {@link org.graphfit.search.SearchProblem}: the affine-invariant
 * ensemble sampler ({@link org.graphfit.search.mcmc.EnsembleSampler}, configured by {@link
 * org.graphfit.search.mcmc.EnsembleSettings}), the integrated autocorrelation time that decides
 * convergence, burn-in and thinning ({@link org.graphfit.search.mcmc.AutocorrelationTime}), and the
 * run's result ({@link org.graphfit.search.mcmc.ChainRun}). Runs are seeded, independent of the
 * thread count and resumable from checkpoints.
 */
package org.graphfit.search.mcmc;

/**
 * Markov chain Monte Carlo over a {@link org.graphfit.search.SearchProblem}: the affine-invariant
 * ensemble sampler run as independent chains ({@link org.graphfit.search.mcmc.EnsembleSampler},
 * configured by {@link org.graphfit.search.mcmc.EnsembleSettings}), the integrated autocorrelation
 * time that decides chain length, burn-in and thinning ({@link
 * org.graphfit.search.mcmc.AutocorrelationTime}), the rank-normalised R-hat and effective sample
 * sizes that decide whether the chains mixed ({@link org.graphfit.search.mcmc.ChainDiagnostics}),
 * the run's result ({@link org.graphfit.search.mcmc.ChainRun}) and the engine that turns it into
 * samples and concerns ({@link org.graphfit.search.mcmc.EnsembleMcmc}). Runs are seeded,
 * independent of the thread count and resumable from checkpoints. Depends on {@code search} only.
 */
package org.graphfit.search.mcmc;

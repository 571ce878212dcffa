/**
 * Optimisers over a {@link org.graphfit.search.SearchProblem}: the global, derivative-free {@link
 * org.graphfit.search.optimize.CmaEsOptimizer} (CMA-ES with restarts in the unit cube), the local
 * {@link org.graphfit.search.optimize.QuasiNewtonOptimizer} (L-BFGS in latent space), and the
 * {@link org.graphfit.search.optimize.LaplaceApproximation} that gives an optimum a covariance.
 * Both optimisers return an {@link org.graphfit.search.optimize.OptimumRun}.
 */
package org.graphfit.search.optimize;

/**
 * Prior distributions of free parameters: the sealed {@link org.graphfit.prior.Prior} and its
 * implementations (uniform, log-uniform, Gaussian, log-Gaussian, truncated Gaussian, half-normal,
 * half-Cauchy, and the latent Gaussian that carries an EP posterior on as a prior); the priors on
 * {@code [0, inf)} with a logarithmic latent coordinate share {@link
 * org.graphfit.prior.PositivePrior}. Each offers the unit-interval transform used by nested
 * sampling, its inverse, the log density, bounds, random draws, and a bijection onto an
 * unconstrained latent space used by expectation propagation. Depends on Commons RNG and Commons
 * Statistics only.
 */
package org.graphfit.prior;

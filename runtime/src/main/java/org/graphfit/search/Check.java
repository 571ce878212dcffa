package org.graphfit.search;

/**
 * The self-checks a search, or expectation propagation, makes of its own run. A check that fails
 * becomes a {@link Concern} of the result, and a result with any concern is not {@linkplain
 * Result#trustworthy() trustworthy}.
 */
public enum Check {
  /**
   * The run stopped at a limit (iterations, calls, steps, sweeps) before its own stopping rule was
   * met, or an optimiser did not meet its convergence criterion.
   */
  CONVERGENCE,
  /**
   * Random walks or slices got stuck: too many new points copy an existing one, so the samples are
   * correlated and the evidence is biased.
   */
  STUCK_PROPOSALS,
  /**
   * The likelihood ranks at which nested sampling inserted new live points among the existing ones
   * are not uniform: new points were not drawn from the whole prior above the likelihood constraint
   * (part of it out of reach of the moves, or moves too short), so the evidence and the posterior
   * may be wrong.
   */
  INSERTION_RANK,
  /**
   * The Laplace approximation at the optimum failed (the negative Hessian is not positive definite
   * or the objective is not finite there), so the errors are missing or unreliable.
   */
  LAPLACE,
  /**
   * Nested sampling's posterior descends from a few of the live points of some iteration, far fewer
   * than if moves forgot where they started: a region that came to dominate the posterior held few
   * live points when moves could last enter it, so its share of the evidence rests on those few and
   * may be wrong by more than the reported error (a phase transition of the constrained prior, or
   * modes that walks and slices cannot cross).
   */
  LINEAGE_BOTTLENECK,
  /**
   * A local climb of the likelihood found a maximum far above every sample of the run: the
   * posterior is confined to a region whose likelihood is far below that maximum (a phase
   * transition the sampler did not follow, or a mode it never entered), so the evidence and the
   * posterior are wrong. A factor graph's joint fit climbs each factor alone from a few prior
   * draws, starts the joint climb at the factors' median values of shared parameters, and compares
   * the best joint log-likelihood climbed with the best sample's, allowing for how far below the
   * maximum the best sample of a correct posterior lies in its dimension. For a factor graph, fit
   * it by expectation propagation with nested sampling per factor ({@code ExpectationPropagation}
   * with a nested {@code sampler(...)}), whose fits of one factor each are small; otherwise use
   * many more live points.
   */
  MISSED_LIKELIHOOD,
  /**
   * MCMC chains started apart disagree: the rank-normalised split R-hat of a parameter is above its
   * limit, so the chains have not mixed or are stuck in different modes.
   */
  R_HAT,
  /**
   * Too few effective samples: the bulk or tail effective sample size of a parameter is below its
   * minimum, so Monte Carlo errors of means or of credible intervals are large.
   */
  EFFECTIVE_SAMPLE_SIZE,
  /**
   * Expectation propagation converged only to the noise floor of its sampled factors, and that
   * floor is so high that the reported Gaussians move by a sizeable fraction of their sd from one
   * sweep to the next.
   */
  NOISE_FLOOR,
  /**
   * Expectation propagation's sampled factors are so noisy, for the number of them that share a
   * variable, that the variable's precision is biased upwards: each message's precision is the
   * inverse of a noisy variance, whose mean is larger than the inverse of the mean, and the biases
   * of many factors add up, so the variable's sd comes out too small.
   */
  NOISE_BIAS,
  /**
   * Expectation propagation used a factor's Laplace approximation although an importance check
   * found that it misses the factor's tilted distribution (another mode, mass where a signal is
   * consistent with zero, heavy tails), so that factor's message is overconfident or misplaced.
   */
  LAPLACE_MISMATCH,
  /**
   * Expectation propagation's log evidence is more approximate than its approximation: some
   * factor's final message is not its projection (a message of negative precision set flat).
   */
  APPROXIMATE_EVIDENCE,
  /**
   * Expectation propagation excluded factors whose fits kept failing, so their data are not in the
   * result.
   */
  EXCLUDED_DATA,
  /**
   * Expectation propagation approximates a hierarchy's hyper-parameters by independent Gaussians,
   * but their posterior given the drawn parameters' messages is correlated or placed elsewhere (as
   * for a truncated Gaussian parent whose bounds cut into it, whose mean and sigma trade off), so
   * the hyper-parameters' summaries and the evidence are unreliable.
   */
  HIERARCHY_MEAN_FIELD,
  /**
   * A derived quantity of the analysis threw or was not finite at some samples of positive weight,
   * so its mean is NaN and its quantiles leave those samples out.
   */
  DERIVED_QUANTITY
}

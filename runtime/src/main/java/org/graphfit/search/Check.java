package org.graphfit.search;

/**
 * The self-checks a search makes of its own run. A check that fails becomes a {@link Concern} of
 * the result, and a result with any concern is not {@linkplain Result#trustworthy() trustworthy}.
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
   * MCMC chains started apart disagree: the rank-normalised split R-hat of a parameter is above its
   * limit, so the chains have not mixed or are stuck in different modes.
   */
  R_HAT,
  /**
   * Too few effective samples: the bulk or tail effective sample size of a parameter is below its
   * minimum, so Monte Carlo errors of means or of credible intervals are large.
   */
  EFFECTIVE_SAMPLE_SIZE
}

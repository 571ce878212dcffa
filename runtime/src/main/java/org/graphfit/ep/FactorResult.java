package org.graphfit.ep;

import java.io.Serializable;
import org.graphfit.search.Samples;

/**
 * The outcome of one factor update: a status, the Gaussian projection of the tilted distribution
 * over the factor's variables in latent space (null unless the status is {@link UpdateStatus#OK}),
 * for sampled fits the expected KL divergence of each projected marginal from its noise-free value,
 * the log normaliser of the tilted distribution with the cavity taken unnormalised, {@code log ∫
 * f(z) exp(-Λz²/2 + ηz) dz} with the cavity's natural parameters {@code (Λ, η)} (defined for
 * improper cavities too; NaN when the fit gives no evidence), for sampled analysis factors the
 * factor's marginal terms, how the factor was fitted, a message and the seconds spent.
 * Serializable.
 *
 * <p>A {@link MarginalTerm} is what the factor contributes to one variable's {@link
 * CorrectedMarginal}: the tilted marginal density estimated from the samples, divided by the
 * cavity's kernel.
 *
 * @param factor the factor's id
 * @param status the status
 * @param moments the projected tilted marginals, one per variable, or null
 * @param noise the sampling noise of the projection, or null for deterministic fits
 * @param logNormalizer the tilted log normaliser or NaN
 * @param marginalTerms one log table per variable (null where none could be estimated), or null if
 *     the update gives none (quadratures, Laplace fits, failures)
 * @param fit how the tilted distribution was fitted
 * @param message what went wrong or was noted, or empty
 * @param seconds the wall time of the update
 * @param samples the samples of a sampled analysis factor's tilted distribution when its factor
 *     keeps them (see {@link ExpectationPropagation.Builder#keepSearchOutput(boolean)}), else null;
 *     executors that rebuild factors elsewhere leave them out
 */
public record FactorResult(
    int factor,
    UpdateStatus status,
    GaussianMessage[] moments,
    Noise noise,
    double logNormalizer,
    MarginalTerm[] marginalTerms,
    Fit fit,
    String message,
    double seconds,
    Samples samples)
    implements Serializable {

  /**
   * An outcome without samples.
   *
   * @param factor the factor's id
   * @param status the status
   * @param moments the projected tilted marginals, one per variable, or null
   * @param noise the sampling noise of the projection, or null for deterministic fits
   * @param logNormalizer the tilted log normaliser or NaN
   * @param marginalTerms one log table per variable, or null
   * @param fit how the tilted distribution was fitted
   * @param message what went wrong or was noted, or empty
   * @param seconds the wall time of the update
   */
  public FactorResult(
      int factor,
      UpdateStatus status,
      GaussianMessage[] moments,
      Noise noise,
      double logNormalizer,
      MarginalTerm[] marginalTerms,
      Fit fit,
      String message,
      double seconds) {
    this(factor, status, moments, noise, logNormalizer, marginalTerms, fit, message, seconds, null);
  }

  /**
   * The sampling noise of a sampled projection, per variable, from the weighted samples' moment
   * standard errors.
   *
   * @param kl the expected KL divergence of the projected marginal from the one an infinite sample
   *     would give, {@code Var(m̂)/2v + Var(v̂)/4v²}
   * @param variance the relative variance {@code Var(v̂)/v²} of the projected variance: the
   *     message's precision, an inverse variance, is biased upwards by about this fraction of the
   *     projection's precision
   * @param logNormalizerVariance the variance of the log normaliser, the square of the sampler's
   *     log-evidence error (NaN where it gives none)
   */
  public record Noise(double[] kl, double[] variance, double logNormalizerVariance)
      implements Serializable {}

  /** How a factor's tilted distribution was fitted. */
  public enum Fit {
    /** Deterministic quadrature (prior and hierarchical factors). */
    QUADRATURE,
    /** A Laplace approximation that passed its check, or was not checked. */
    LAPLACE,
    /**
     * A Laplace approximation that failed its importance check and was used anyway ({@link
     * LaplaceMismatch#WARN}, or no sampler could run).
     */
    LAPLACE_MISMATCH,
    /** The factor's own search or EP's sampler. */
    SAMPLER,
    /** EP's fallback sampler, after this or an earlier Laplace fit failed its check. */
    FALLBACK_SAMPLER;

    /**
     * Whether the fit is random, so that its projection carries sampling noise.
     *
     * @return true for the samplers
     */
    public boolean sampled() {
      return this == SAMPLER || this == FALLBACK_SAMPLER;
    }
  }

  /**
   * A failed update.
   *
   * @param task the task
   * @param status the failing status
   * @param fit how the fit was attempted
   * @param message why
   * @param seconds the time spent
   * @return the result
   */
  static FactorResult failed(
      FactorTask task, UpdateStatus status, Fit fit, String message, double seconds) {
    return new FactorResult(
        task.factor(), status, null, null, Double.NaN, null, fit, message, seconds);
  }
}

package org.graphfit.ep;

import java.io.Serializable;
import org.graphfit.search.Samples;

/**
 * The outcome of one factor update: a status, the Gaussian projection of the tilted distribution
 * over the factor's variables in latent space (null unless the status is {@link UpdateStatus#OK}),
 * the log normaliser of the tilted distribution with the cavity taken unnormalised, {@code log ∫
 * f(z) exp(-Λz²/2 + ηz) dz} with the cavity's natural parameters {@code (Λ, η)} (defined for
 * improper cavities too; NaN when the fit gives no evidence), for sampled analysis factors the
 * factor's marginal terms, a message and the seconds spent. Serializable.
 *
 * <p>A {@link MarginalTerm} is what the factor contributes to one variable's {@link
 * CorrectedMarginal}: the tilted marginal density estimated from the samples, divided by the
 * cavity's kernel.
 *
 * @param factor the factor's id
 * @param status the status
 * @param moments the projected tilted marginals, one per variable, or null
 * @param logNormaliser the tilted log normaliser or NaN
 * @param marginalTerms one log table per variable (null where none could be estimated), or null if
 *     the update gives none (quadratures, Laplace fits, failures)
 * @param message what went wrong, or empty
 * @param seconds the wall time of the update
 * @param samples the samples of a sampled analysis factor's tilted distribution when its factor
 *     keeps them (see {@link ExpectationPropagation.Builder#keepSearchOutput(boolean)}), else null;
 *     executors that rebuild factors elsewhere leave them out
 */
public record FactorResult(
    int factor,
    UpdateStatus status,
    GaussianMessage[] moments,
    double logNormaliser,
    MarginalTerm[] marginalTerms,
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
   * @param logNormaliser the tilted log normaliser or NaN
   * @param marginalTerms one log table per variable, or null
   * @param message what went wrong, or empty
   * @param seconds the wall time of the update
   */
  public FactorResult(
      int factor,
      UpdateStatus status,
      GaussianMessage[] moments,
      double logNormaliser,
      MarginalTerm[] marginalTerms,
      String message,
      double seconds) {
    this(factor, status, moments, logNormaliser, marginalTerms, message, seconds, null);
  }

  /**
   * A failed update.
   *
   * @param task the task
   * @param status the failing status
   * @param message why
   * @param seconds the time spent
   * @return the result
   */
  static FactorResult failed(FactorTask task, UpdateStatus status, String message, double seconds) {
    return new FactorResult(task.factor(), status, null, Double.NaN, null, message, seconds);
  }
}

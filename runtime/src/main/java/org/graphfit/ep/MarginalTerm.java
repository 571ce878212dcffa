package org.graphfit.ep;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one sampled factor contributes to one variable's {@link CorrectedMarginal}: its Gaussian
 * message (the projection of its tilted marginal divided by its cavity, undamped) times a smooth
 * correction estimated from its samples, {@code log term(z) = message.logKernel(z) + correction(z)}
 * up to a constant. The correction is tabulated over the samples' range, outside which the term is
 * not estimated ({@code -∞}). Serializable.
 *
 * @param message the Gaussian message, possibly improper
 * @param correction the log correction, {@code log(tilted / projection)}
 */
public record MarginalTerm(GaussianMessage message, LogDensityTable correction)
    implements Serializable {
  /** Checks the parts. */
  public MarginalTerm {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(correction, "correction");
  }

  /**
   * The term's log value.
   *
   * @param z a latent value
   * @return the log term, up to a constant; {@code -∞} outside the correction's range
   */
  public double logValue(double z) {
    return message.logKernel(z) + correction.logValue(z);
  }
}

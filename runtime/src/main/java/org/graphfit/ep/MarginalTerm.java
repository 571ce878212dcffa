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

  /**
   * The weighted average of two terms' log values, {@code (1 - weight) log a + weight log b}, over
   * the intersection of their ranges: the message's natural parameters averaged (a log kernel is
   * linear in them), the corrections tabulated on as many points as the finer of the two.
   *
   * @param a the first term
   * @param b the second term
   * @param weight the weight of {@code b}, in {@code [0, 1]}
   * @return the average, or {@code b} if the ranges do not overlap
   */
  static MarginalTerm average(MarginalTerm a, MarginalTerm b, double weight) {
    double lower = Math.max(a.correction.lower(), b.correction.lower());
    double upper = Math.min(a.correction.upper(), b.correction.upper());
    if (!(upper > lower)) {
      return b;
    }
    GaussianMessage message =
        GaussianMessage.ofNatural(
            (1 - weight) * a.message.precision() + weight * b.message.precision(),
            (1 - weight) * a.message.shift() + weight * b.message.shift());
    int points = Math.max(a.correction.logValues().length, b.correction.logValues().length);
    double[] values = new double[points];
    for (int i = 0; i < points; i++) {
      double z = i == points - 1 ? upper : lower + i * (upper - lower) / (points - 1);
      double left = a.correction.logValue(z);
      double right = b.correction.logValue(z);
      values[i] =
          left == Double.NEGATIVE_INFINITY || right == Double.NEGATIVE_INFINITY
              ? Double.NEGATIVE_INFINITY
              : (1 - weight) * left + weight * right;
    }
    return new MarginalTerm(message, new LogDensityTable(lower, upper, values));
  }
}

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
   * the union of their ranges, each term's correction held at its end value beyond its own range
   * (there its Gaussian message is all that is known): the message's natural parameters averaged (a
   * log kernel is linear in them), the corrections tabulated on as many points as the finer of the
   * two. An average over the intersection would lose a little of each term's range at every
   * averaging sweep: after 24 sweeps the three-dataset centre's corrected sd was 0.81 of exact.
   *
   * @param a the first term
   * @param b the second term
   * @param weight the weight of {@code b}, in {@code [0, 1]}
   * @return the average, or {@code b} if the ranges do not overlap
   */
  static MarginalTerm average(MarginalTerm a, MarginalTerm b, double weight) {
    if (!(Math.min(a.correction.upper(), b.correction.upper())
        > Math.max(a.correction.lower(), b.correction.lower()))) {
      return b;
    }
    double lower = Math.min(a.correction.lower(), b.correction.lower());
    double upper = Math.max(a.correction.upper(), b.correction.upper());
    GaussianMessage message =
        GaussianMessage.ofNatural(
            (1 - weight) * a.message.precision() + weight * b.message.precision(),
            (1 - weight) * a.message.shift() + weight * b.message.shift());
    int points = Math.max(a.correction.logValues().length, b.correction.logValues().length);
    double[] values = new double[points];
    for (int i = 0; i < points; i++) {
      double z = i == points - 1 ? upper : lower + i * (upper - lower) / (points - 1);
      double left = a.heldCorrection(z);
      double right = b.heldCorrection(z);
      values[i] =
          left == Double.NEGATIVE_INFINITY || right == Double.NEGATIVE_INFINITY
              ? Double.NEGATIVE_INFINITY
              : (1 - weight) * left + weight * right;
    }
    return new MarginalTerm(message, new LogDensityTable(lower, upper, values));
  }

  /** The correction at {@code z}, or at the nearer end of its range beyond it. */
  private double heldCorrection(double z) {
    return correction.logValue(Math.max(correction.lower(), Math.min(correction.upper(), z)));
  }
}

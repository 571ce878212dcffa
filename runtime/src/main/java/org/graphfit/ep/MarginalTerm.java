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
   * The weighted average of two terms, {@code (1 - weight) a + weight b} as densities, each
   * normalised on the grid, over the union of their ranges, each term's correction held at its end
   * value beyond its own range (there its Gaussian message is all that is known); tabulated on as
   * many points as the finer of the two, as the average message's log kernel (its natural
   * parameters averaged) plus a correction. An average of the log terms (a geometric mean) would
   * suppress what the sweeps' estimates do not all show: the three-dataset centre's second mode, so
   * that after 24 averaging sweeps its corrected sd was 0.80 of exact.
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
    double[] left = new double[points];
    double[] right = new double[points];
    for (int i = 0; i < points; i++) {
      double z = z(lower, upper, points, i);
      left[i] = a.message.logKernel(z) + a.heldCorrection(z);
      right[i] = b.message.logKernel(z) + b.heldCorrection(z);
    }
    double leftScale = logSum(left);
    double rightScale = logSum(right);
    if (!Double.isFinite(leftScale) || !Double.isFinite(rightScale)) {
      return b;
    }
    double[] values = new double[points];
    for (int i = 0; i < points; i++) {
      double mixed =
          (1 - weight) * Math.exp(left[i] - leftScale) + weight * Math.exp(right[i] - rightScale);
      values[i] =
          mixed > 0
              ? Math.log(mixed) - message.logKernel(z(lower, upper, points, i))
              : Double.NEGATIVE_INFINITY;
    }
    return new MarginalTerm(message, new LogDensityTable(lower, upper, values));
  }

  /** The {@code i}-th of {@code points} grid points from {@code lower} to {@code upper}. */
  private static double z(double lower, double upper, int points, int i) {
    return i == points - 1 ? upper : lower + i * (upper - lower) / (points - 1);
  }

  /** {@code log Σ exp(values)}, {@code -∞} if every value is. */
  private static double logSum(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double value : values) {
      max = Math.max(max, value);
    }
    if (!Double.isFinite(max)) {
      return max;
    }
    double sum = 0;
    for (double value : values) {
      sum += Math.exp(value - max);
    }
    return max + Math.log(sum);
  }

  /** The correction at {@code z}, or at the nearer end of its range beyond it. */
  private double heldCorrection(double z) {
    return correction.logValue(Math.max(correction.lower(), Math.min(correction.upper(), z)));
  }
}

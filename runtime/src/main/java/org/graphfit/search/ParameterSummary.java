package org.graphfit.search;

import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The posterior of one free parameter, read by name rather than by position: its mean, standard
 * deviation, median, credible intervals and maximum-likelihood value. A sampled fit ({@link Result}
 * and the joint fit of a graph) reads them from its weighted samples; expectation propagation from
 * its final approximation of the variable. Code written against this type and {@link Posterior}
 * reads every kind of fit alike.
 */
public interface ParameterSummary {

  /**
   * The free parameter's path, e.g. {@code gaussian_0.centre}.
   *
   * @return the path
   */
  String path();

  /**
   * The posterior mean.
   *
   * @return the mean
   */
  double mean();

  /**
   * The posterior standard deviation.
   *
   * @return the standard deviation
   */
  double sd();

  /**
   * The posterior median.
   *
   * @return the median
   */
  double median();

  /**
   * The parameter's value in the sample of highest likelihood.
   *
   * @return the value, NaN for a fit that has no samples (expectation propagation)
   */
  double maxLikelihood();

  /**
   * A quantile of the parameter's marginal posterior.
   *
   * @param probability the cumulative probability in {@code [0, 1]}
   * @return the quantile
   * @throws IllegalArgumentException if the probability lies outside {@code [0, 1]}
   */
  double quantile(double probability);

  /**
   * The central credible interval at {@code sigma} standard deviations, e.g. 1 sigma: between the
   * 15.87% and 84.13% quantiles.
   *
   * @param sigma the number of standard deviations, positive
   * @return the interval
   * @throws IllegalArgumentException if sigma is not positive
   */
  default Interval atSigma(double sigma) {
    double tail = Interval.tail(sigma);
    return new Interval(sigma, quantile(tail), quantile(1 - tail));
  }

  /**
   * The text of {@link Object#toString()} for a summary, e.g. {@code centre = 49.81 +2.310 -2.400
   * (1 sigma), mean 49.79, sd 2.350, max likelihood 49.90}: the median with its 1-sigma errors.
   *
   * @param summary the summary
   * @return the text
   */
  static String describe(ParameterSummary summary) {
    Interval interval = summary.atSigma(1);
    double median = summary.median();
    StringBuilder text =
        new StringBuilder(summary.path())
            .append(" = ")
            .append(format(median))
            .append(" +")
            .append(format(interval.upper() - median))
            .append(" -")
            .append(format(median - interval.lower()))
            .append(" (1 sigma), mean ")
            .append(format(summary.mean()))
            .append(", sd ")
            .append(format(summary.sd()));
    if (!Double.isNaN(summary.maxLikelihood())) {
      text.append(", max likelihood ").append(format(summary.maxLikelihood()));
    }
    return text.toString();
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

  /**
   * A central credible interval.
   *
   * @param sigma the number of standard deviations it spans on each side
   * @param lower its lower bound
   * @param upper its upper bound
   */
  record Interval(double sigma, double lower, double upper) {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /**
     * Half the interval's width: the symmetric error at {@code sigma}.
     *
     * @return {@code (upper - lower) / 2}
     */
    public double halfWidth() {
      return 0.5 * (upper - lower);
    }

    /** The probability below the interval: {@code Φ(-sigma)}. */
    static double tail(double sigma) {
      if (!(sigma > 0)) {
        throw new IllegalArgumentException("sigma must be positive but was " + sigma);
      }
      return STANDARD_NORMAL.cumulativeProbability(-sigma);
    }
  }
}

package org.graphfit.aggregator;

/**
 * The marginal posterior summary of one free parameter of a fit, as its files record it. A search
 * records the median, the 1 and 3 sigma errors and the maximum-likelihood value; expectation
 * propagation records the mean and standard deviation. What a fit does not record is NaN.
 *
 * @param path the parameter's path in the fitted model, e.g. {@code centre} or {@code
 *     dataset_0.centre}
 * @param median the marginal median
 * @param mean the marginal mean
 * @param sd the marginal standard deviation
 * @param error1Sigma the half width of the 1 sigma (68.3%) interval
 * @param error3Sigma the half width of the 3 sigma (99.7%) interval
 * @param maxLikelihood the value in the maximum-likelihood sample
 */
public record ParameterSummary(
    String path,
    double median,
    double mean,
    double sd,
    double error1Sigma,
    double error3Sigma,
    double maxLikelihood) {

  /**
   * The point estimate: the median when the fit recorded one, else the mean.
   *
   * @return the estimate
   */
  public double estimate() {
    return Double.isNaN(median) ? mean : median;
  }

  /**
   * A statistic by name, as the tables and the database name them.
   *
   * @param statistic {@link Statistic} of the value
   * @return the value, NaN if the fit did not record it
   */
  public double get(Statistic statistic) {
    return switch (statistic) {
      case ESTIMATE -> estimate();
      case MEDIAN -> median;
      case MEAN -> mean;
      case SD -> sd;
      case ERROR_1_SIGMA -> error1Sigma;
      case ERROR_3_SIGMA -> error3Sigma;
      case MAX_LIKELIHOOD -> maxLikelihood;
    };
  }

  /** A statistic of a parameter's marginal posterior. */
  public enum Statistic {
    /** The median if recorded, else the mean. */
    ESTIMATE("estimate"),
    /** The median. */
    MEDIAN("median"),
    /** The mean. */
    MEAN("mean"),
    /** The standard deviation. */
    SD("sd"),
    /** The half width of the 1 sigma interval. */
    ERROR_1_SIGMA("error_1_sigma"),
    /** The half width of the 3 sigma interval. */
    ERROR_3_SIGMA("error_3_sigma"),
    /** The value in the maximum-likelihood sample. */
    MAX_LIKELIHOOD("max_likelihood");

    private final String label;

    Statistic(String label) {
      this.label = label;
    }

    /**
     * The statistic's name in tables and in the database, e.g. {@code error_1_sigma}.
     *
     * @return the name
     */
    public String label() {
      return label;
    }

    /**
     * The statistic of a name.
     *
     * @param label e.g. {@code median}
     * @return the statistic
     * @throws IllegalArgumentException naming the known statistics if there is none of that name
     */
    public static Statistic of(String label) {
      for (Statistic statistic : values()) {
        if (statistic.label.equals(label)) {
          return statistic;
        }
      }
      StringBuilder known = new StringBuilder();
      for (Statistic statistic : values()) {
        known.append(known.length() == 0 ? "" : ", ").append(statistic.label);
      }
      throw new IllegalArgumentException("no statistic '" + label + "'; use one of " + known);
    }
  }
}

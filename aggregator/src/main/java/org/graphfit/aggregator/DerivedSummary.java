package org.graphfit.aggregator;

/**
 * The posterior summary of one derived quantity of a fit (a latent variable its analysis computes
 * from every sample), as {@code files/latent_summary.json} records it. What the file does not
 * record (a quantity that was not finite) is NaN.
 *
 * @param name the quantity's name, as the analysis declares it
 * @param mean its posterior mean
 * @param median its posterior median
 * @param lower1Sigma the lower bound of its central 1 sigma (68.3%) interval
 * @param upper1Sigma the upper bound of that interval
 * @param lower3Sigma the lower bound of its central 3 sigma (99.7%) interval
 * @param upper3Sigma the upper bound of that interval
 */
public record DerivedSummary(
    String name,
    double mean,
    double median,
    double lower1Sigma,
    double upper1Sigma,
    double lower3Sigma,
    double upper3Sigma) {

  /**
   * The half width of the 1 sigma interval.
   *
   * @return the half width, NaN if a bound is not recorded
   */
  public double error1Sigma() {
    return 0.5 * (upper1Sigma - lower1Sigma);
  }

  /**
   * The half width of the 3 sigma interval.
   *
   * @return the half width, NaN if a bound is not recorded
   */
  public double error3Sigma() {
    return 0.5 * (upper3Sigma - lower3Sigma);
  }
}

package org.graphfit.graph;

import java.util.List;

/**
 * The parent distribution of a {@link HierarchicalFactor}: a density of the drawn parameters given
 * hyper-parameters. Implement it for other families; {@link GaussianParent}, {@link
 * LogGaussianParent} (positive parameters such as widths) and {@link TruncatedGaussianParent}
 * (parameters between fixed bounds) are built in.
 */
public interface ParentDistribution {
  /**
   * The family's name, e.g. {@code GaussianParent}.
   *
   * @return the name
   */
  String familyName();

  /**
   * The family with any fixed constants it has (such as bounds), e.g. {@code
   * TruncatedGaussianParent[0.0, 10.0]}: part of every fit's identity, so that two graphs that
   * differ only in these constants are different fits.
   *
   * @return the description, {@link #familyName()} by default
   */
  default String description() {
    return familyName();
  }

  /**
   * The hyper-parameters' names in order, e.g. {@code mean, sigma}.
   *
   * @return the names
   */
  List<String> hyperParameterNames();

  /**
   * The log density of one drawn value.
   *
   * @param value the drawn parameter's value
   * @param hyperParameters the hyper-parameter values, in {@link #hyperParameterNames()} order
   * @return the log density, negative infinity where the hyper-parameters are invalid
   */
  double logDensity(double value, double[] hyperParameters);

  /**
   * The log densities of many drawn values under one set of hyper-parameters, for callers that
   * evaluate a grid of hyper-parameters against many values; a family whose normalization depends
   * on the hyper-parameters computes it once here.
   *
   * @param values the drawn values
   * @param hyperParameters the hyper-parameter values, in {@link #hyperParameterNames()} order
   * @param logDensities receives {@link #logDensity(double, double[])} of each value
   */
  default void logDensities(double[] values, double[] hyperParameters, double[] logDensities) {
    for (int i = 0; i < values.length; i++) {
      logDensities[i] = logDensity(values[i], hyperParameters);
    }
  }

  /**
   * The smallest value the family can draw, whatever the hyper-parameters: a drawn parameter's
   * prior must not allow values below it.
   *
   * @return the lower bound of the support, negative infinity by default
   */
  default double lowerBound() {
    return Double.NEGATIVE_INFINITY;
  }

  /**
   * The largest value the family can draw, whatever the hyper-parameters: a drawn parameter's prior
   * must not allow values above it.
   *
   * @return the upper bound of the support, positive infinity by default
   */
  default double upperBound() {
    return Double.POSITIVE_INFINITY;
  }
}

package org.graphfit.graph;

import java.util.List;

/**
 * The parent distribution of a {@link HierarchicalFactor}: a density of the drawn parameters given
 * hyper-parameters. Implement it for other families; {@link GaussianParent} is the common one.
 */
public interface ParentDistribution {
  /**
   * The family's name, e.g. {@code GaussianParent}.
   *
   * @return the name
   */
  String familyName();

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
}

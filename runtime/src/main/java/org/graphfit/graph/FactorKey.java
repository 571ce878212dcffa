package org.graphfit.graph;

import org.graphfit.model.ModelKey;

/**
 * Identifies one factor of a {@link FactorGraph}, typed by its instance type, to read its instance
 * and its result back.
 *
 * @param <T> the factor's instance type
 */
public final class FactorKey<T> {
  private final FactorGraph graph;
  private final AnalysisFactor<T> factor;
  private final ModelKey<T> modelKey;

  FactorKey(FactorGraph graph, AnalysisFactor<T> factor, ModelKey<T> modelKey) {
    this.graph = graph;
    this.factor = factor;
    this.modelKey = modelKey;
  }

  /**
   * The factor's name in the graph.
   *
   * @return the name
   */
  public String name() {
    return modelKey.name();
  }

  /**
   * The factor.
   *
   * @return the factor
   */
  public AnalysisFactor<T> factor() {
    return factor;
  }

  FactorGraph graph() {
    return graph;
  }

  ModelKey<T> modelKey() {
    return modelKey;
  }

  @Override
  public String toString() {
    return name();
  }
}

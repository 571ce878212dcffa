package org.graphfit.graph;

import org.graphfit.model.CollectionInstance;
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

  /**
   * This factor's instance inside an instance of the whole graph, e.g. in a {@link GraphHooks}
   * call.
   *
   * @param instance an instance of the graph's model
   * @return the factor's instance
   */
  public T instanceIn(CollectionInstance instance) {
    return instance.get(modelKey);
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

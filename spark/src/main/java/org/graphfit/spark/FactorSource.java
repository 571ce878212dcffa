package org.graphfit.spark;

import java.io.Serializable;
import java.util.List;
import org.graphfit.ep.EpFactor;

/**
 * Rebuilds expectation propagation's factors on a Spark worker. A factor's model and analysis are
 * code and its data live on shared storage, so a worker needs only this small serializable recipe:
 * typically it loads the datasets, builds the same {@code FactorGraph} as the driver and returns
 * {@code ExpectationPropagation.builder()...build().factorsOf(graph)} with the driver's settings.
 * Workers build the factors once per JVM and keep them, keyed by {@link #id()}.
 */
public interface FactorSource extends Serializable {
  /**
   * A key naming this recipe, the same on every worker and distinct between different graphs, e.g.
   * the dataset folder and the model version.
   *
   * @return the key
   */
  String id();

  /**
   * Builds the factors, indexed as on the driver.
   *
   * @return the factors
   */
  List<EpFactor> factors();
}

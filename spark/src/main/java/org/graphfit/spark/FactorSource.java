package org.graphfit.spark;

import java.io.IOException;
import java.io.Serializable;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.AnalysisFactor;

/**
 * Rebuilds the graph's analysis factors on a Spark executor, one at a time: the model and analysis
 * are code shipped with the application, the data are read where the factor is rebuilt. An executor
 * rebuilds only the factors of its partitions, once, and keeps them until the fit ends.
 *
 * <p>Rules: the source is serialized with the job, so keep it small and self-contained (a dataset
 * folder on storage every executor reads, a model version, never the data themselves); {@code
 * analysisFactor(i)} must make the same factor as the driver's graph holds at {@code
 * graph.factors().get(i)}: same name, model, priors and data. Each rebuilt factor is checked
 * against the driver's identity ({@link org.graphfit.ep.PortableFactor#rebuild}) and a mismatch
 * fails the fit with an error naming the factor and what differs.
 */
public interface FactorSource extends Serializable {
  /**
   * The graph's analysis factor at {@code index}, with its data read here.
   *
   * @param index a position in the driver's {@code graph.factors()}
   * @return the factor, named as on the driver
   * @throws IOException if its data cannot be read
   */
  AnalysisFactor<?> analysisFactor(int index) throws IOException;

  /**
   * The expectation propagation settings of the fit, of which executors use the sampler (for
   * analysis factors without their own search). The default, Laplace fits, suits a driver whose EP
   * sets no sampler; a driver with {@code builder().sampler(...)} must return an EP with the same
   * sampler here.
   *
   * @return the settings
   */
  default ExpectationPropagation settings() {
    return ExpectationPropagation.builder().build();
  }
}

package org.graphfit.plot;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.search.Samples;

/**
 * Samples restricted to some parameters, so that quantiles (which sort every parameter) are taken
 * of the few a picture or table shows, not of all of a large graph's.
 */
final class Columns {
  private Columns() {}

  /**
   * The samples of the given parameters, in the given order, with the same weights.
   *
   * @param samples the samples
   * @param indices parameter indices
   * @return the projected samples, quantiles defined as {@link Samples#quantile(double)} defines
   *     them
   */
  static Samples of(Samples samples, int[] indices) {
    List<String> names = new ArrayList<>(indices.length);
    for (int index : indices) {
      names.add(samples.names().get(index));
    }
    int n = samples.size();
    double[][] vectors = new double[n][indices.length];
    double[] logLikelihoods = new double[n];
    double[] logPriors = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      double[] vector = samples.vector(i);
      for (int k = 0; k < indices.length; k++) {
        vectors[i][k] = vector[indices[k]];
      }
      logLikelihoods[i] = samples.logLikelihood(i);
      logPriors[i] = samples.logPrior(i);
      weights[i] = samples.weight(i);
    }
    return Samples.of(names, vectors, logLikelihoods, logPriors, weights);
  }
}

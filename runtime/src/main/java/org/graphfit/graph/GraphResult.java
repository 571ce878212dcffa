package org.graphfit.graph;

import java.util.List;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The result of a joint fit of a {@link FactorGraph}: the global result over all free parameters,
 * and per factor a typed result over that factor's own parameters (the joint samples projected onto
 * them).
 */
public final class GraphResult {
  private final FactorGraph graph;
  private final Result<CollectionInstance> global;

  GraphResult(FactorGraph graph, Result<CollectionInstance> global) {
    this.graph = graph;
    this.global = global;
  }

  /**
   * The joint result: samples of every free parameter, the log evidence, the cost.
   *
   * @return the global result
   */
  public Result<CollectionInstance> global() {
    return global;
  }

  /**
   * The result of one factor: the joint samples restricted to the factor's free parameters, in the
   * factor model's own order, with the same weights. Each sample's log-likelihood is the factor's
   * own (its analysis evaluated again at the sample, so this costs one likelihood call per sample)
   * and its log prior is that of the factor's parameters; the factor's instances, medians and
   * errors come from it. A factor has no evidence of its own: the result's log evidence is NaN (the
   * joint one is in {@link #global()}).
   *
   * @param key a key of this graph
   * @param <T> the factor's instance type
   * @return the factor's typed result
   * @throws IllegalArgumentException if the key belongs to another graph
   */
  public <T> Result<T> factor(FactorKey<T> key) {
    if (key.graph() != graph) {
      throw new IllegalArgumentException("factor '" + key.name() + "' belongs to another graph");
    }
    ModelLayout<CollectionInstance> globalLayout = global.layout();
    ModelLayout<T> layout = key.factor().model().layout();
    List<Parameter> parameters = layout.freeParameters();
    int[] indices = new int[parameters.size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = globalLayout.indexOf(parameters.get(i));
      if (indices[i] < 0) {
        throw new IllegalStateException(
            "parameter "
                + layout.freeParameterPaths().get(i)
                + " of factor '"
                + key.name()
                + "' is not in the fitted graph: the model changed after the fit");
      }
    }
    Samples samples = global.samples();
    double[][] vectors = new double[samples.size()][indices.length];
    double[] logLikelihoods = new double[samples.size()];
    double[] logPriors = new double[samples.size()];
    double[] weights = new double[samples.size()];
    for (int s = 0; s < samples.size(); s++) {
      double[] vector = samples.vector(s);
      for (int i = 0; i < indices.length; i++) {
        vectors[s][i] = vector[indices[i]];
      }
      logLikelihoods[s] =
          key.factor().analysis().logLikelihood(layout.instanceFromVector(vectors[s]));
      logPriors[s] = layout.logPrior(vectors[s]);
      weights[s] = samples.weight(s);
    }
    Samples projected =
        Samples.of(layout.freeParameterPaths(), vectors, logLikelihoods, logPriors, weights);
    Result.Builder<T> builder =
        Result.builder(global.searchName(), layout, projected)
            .cost(
                global.likelihoodCalls(),
                global.failedCalls(),
                global.firstFailure(),
                global.seconds());
    global.diagnostics().forEach(builder::diagnostic);
    return builder.build();
  }

  /**
   * The graph that was fitted.
   *
   * @return the graph
   */
  public FactorGraph graph() {
    return graph;
  }

  /**
   * The global result's summary.
   *
   * @return the text
   */
  public String summary() {
    return global.summary();
  }
}

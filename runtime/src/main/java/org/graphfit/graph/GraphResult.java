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
   * factor model's own order, with the joint log-likelihood of each sample. The factor's instances,
   * medians and errors come from it; the log evidence is the joint one.
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
      logLikelihoods[s] = samples.logLikelihood(s);
      logPriors[s] = samples.logPrior(s);
      weights[s] = samples.weight(s);
    }
    Samples projected =
        Samples.of(layout.freeParameterPaths(), vectors, logLikelihoods, logPriors, weights);
    Result.Builder<T> builder =
        Result.builder(global.searchName(), layout, projected)
            .logEvidence(global.logEvidence(), global.logEvidenceError())
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

package org.graphfit.graph;

import java.util.List;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.Posterior;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The result of a joint fit of a {@link FactorGraph}: the global result over all free parameters,
 * and per factor a typed result over that factor's own parameters (the joint samples projected onto
 * them, so every factor's instances agree on the parameters they share). As a {@link Posterior} it
 * reads the joint fit: {@code result.summary(model.centre())} or {@code result.median(model)} for
 * the model of any factor, its components, or a global parameter.
 */
public final class GraphResult implements Posterior {
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

  /** The joint fit's summary of a free parameter of any factor (see {@link Result#summary}). */
  @Override
  public ParameterSummary summary(Parameter parameter) {
    return global.summary(parameter);
  }

  /** The joint fit's summary of the free parameter with a path of the graph's layout. */
  @Override
  public ParameterSummary summary(String path) {
    return global.summary(path);
  }

  /** The joint fit's summaries, in the graph's free-parameter order. */
  @Override
  public List<ParameterSummary> summaries() {
    return global.summaries();
  }

  /**
   * The result of one factor: the joint fit seen through the factor's free parameters. Its samples
   * are the joint samples restricted to those parameters, in the factor model's own order, with the
   * same weights, and each sample keeps the joint fit's log-likelihood and log prior (the sum over
   * all factors, not this factor's own terms). So the factor's maximum-likelihood instance is the
   * joint maximum-likelihood sample's values and its median instance the joint marginal medians: a
   * parameter shared between factors has one value in every factor's instances, the joint one.
   * Diagnostics, concerns and cost are the joint fit's; a factor has no evidence of its own, so the
   * log evidence is NaN (the joint one is in {@link #global()}). No likelihood is evaluated; {@link
   * #ownLogLikelihoods(FactorKey)} gives the factor's own terms.
   *
   * @param key a key of this graph
   * @param <T> the factor's instance type
   * @return the factor's typed result
   * @throws IllegalArgumentException if the key belongs to another graph
   * @throws IllegalStateException if a parameter of the factor is not in the fitted graph
   */
  public <T> Result<T> factor(FactorKey<T> key) {
    int[] indices = indicesOf(key);
    ModelLayout<T> layout = key.factor().model().layout();
    Samples samples = global.samples();
    double[][] vectors = new double[samples.size()][];
    double[] logLikelihoods = new double[samples.size()];
    double[] logPriors = new double[samples.size()];
    double[] weights = new double[samples.size()];
    for (int s = 0; s < samples.size(); s++) {
      vectors[s] = project(samples.vector(s), indices);
      logLikelihoods[s] = samples.logLikelihood(s);
      logPriors[s] = samples.logPrior(s);
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
    global.concerns().forEach(builder::concern);
    return builder.build();
  }

  /**
   * The factor's own log-likelihood (its analysis alone) at every joint sample, aligned with {@code
   * global().samples()}. This evaluates the factor's analysis once per sample.
   *
   * @param key a key of this graph
   * @return one log-likelihood per joint sample
   * @throws IllegalArgumentException if the key belongs to another graph
   * @throws IllegalStateException if a parameter of the factor is not in the fitted graph
   */
  public double[] ownLogLikelihoods(FactorKey<?> key) {
    return ownLogLikelihoods(key, indicesOf(key));
  }

  private <T> double[] ownLogLikelihoods(FactorKey<T> key, int[] indices) {
    ModelLayout<T> layout = key.factor().model().layout();
    Samples samples = global.samples();
    double[] values = new double[samples.size()];
    for (int s = 0; s < values.length; s++) {
      values[s] =
          key.factor()
              .analysis()
              .logLikelihood(layout.instanceFromVector(project(samples.vector(s), indices)));
    }
    return values;
  }

  /**
   * The factor's instance at the joint sample where the factor's own likelihood is highest. This is
   * not the joint fit: a parameter shared with other factors takes the value that suits this
   * factor's data alone, so it differs from factor to factor. It evaluates the factor's analysis
   * once per joint sample; use {@code factor(key).maxLogLikelihoodInstance()} for the joint best
   * fit.
   *
   * @param key a key of this graph
   * @param <T> the factor's instance type
   * @return the instance
   * @throws IllegalArgumentException if the key belongs to another graph
   * @throws IllegalStateException if a parameter of the factor is not in the fitted graph
   */
  public <T> T maxOwnLogLikelihoodInstance(FactorKey<T> key) {
    int[] indices = indicesOf(key);
    double[] own = ownLogLikelihoods(key, indices);
    int best = 0;
    for (int s = 1; s < own.length; s++) {
      if (own[s] > own[best]) {
        best = s;
      }
    }
    return key.factor()
        .model()
        .layout()
        .instanceFromVector(project(global.samples().vector(best), indices));
  }

  /** The joint free-parameter index of each of the factor's free parameters. */
  private int[] indicesOf(FactorKey<?> key) {
    if (key.graph() != graph) {
      throw new IllegalArgumentException("factor '" + key.name() + "' belongs to another graph");
    }
    ModelLayout<CollectionInstance> globalLayout = global.layout();
    ModelLayout<?> layout = key.factor().model().layout();
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
    return indices;
  }

  private static double[] project(double[] vector, int[] indices) {
    double[] projected = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      projected[i] = vector[indices[i]];
    }
    return projected;
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

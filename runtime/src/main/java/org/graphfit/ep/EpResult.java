package org.graphfit.ep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.LatentGaussianPrior;
import org.graphfit.prior.Prior;

/**
 * The outcome of {@link ExpectationPropagation}: the final mean field (each variable's latent
 * Gaussian and its physical mean and standard deviation), per-factor instance views, the history of
 * every update and sweep, each factor's last status, whether EP converged, the log evidence
 * estimate and the cost. A result loaded from a completed output folder is rebuilt from the fit's
 * stored final state (see {@link ExpectationPropagation#fit(FactorGraph,
 * java.util.function.Function)}). Immutable.
 */
public final class EpResult {
  private static final int PUSH_FORWARD_ORDER = 40;

  private final FactorGraph graph;
  private final ModelLayout<CollectionInstance> layout;
  private final List<GaussianMessage> approximation;
  private final List<VariableSummary> summaries;
  private final List<CorrectedMarginal> marginals;
  private final Map<String, UpdateStatus> statuses;
  private final List<EpUpdate> history;
  private final List<EpSweep> sweeps;
  private final boolean converged;
  private final double logEvidence;
  private final double seconds;

  /** The result of a fit's state after its last sweep. */
  EpResult(
      FactorGraph graph,
      ModelLayout<CollectionInstance> layout,
      List<EpFactor> factors,
      EpState state,
      double seconds) {
    this.graph = graph;
    this.layout = layout;
    this.approximation = state.field.globals();
    this.marginals = correctedMarginals(layout, factors, state);
    List<VariableSummary> rows = new ArrayList<>();
    for (int v = 0; v < approximation.size(); v++) {
      GaussianMessage q = approximation.get(v);
      Prior prior = layout.prior(v);
      double[] physical = AdaptiveQuadrature.pushForward(prior::fromLatent, q, PUSH_FORWARD_ORDER);
      CorrectedMarginal marginal = marginals.get(v);
      rows.add(
          new VariableSummary(
              layout.freeParameterPaths().get(v),
              q.mean(),
              q.sd(),
              marginal == null ? physical[0] : marginal.mean(),
              marginal == null ? physical[1] : marginal.sd(),
              physical[0],
              physical[1],
              marginal != null));
    }
    this.summaries = List.copyOf(rows);
    Map<String, UpdateStatus> map = new LinkedHashMap<>();
    for (int f = 0; f < factors.size(); f++) {
      map.put(factors.get(f).name(), state.statuses[f]);
    }
    this.statuses = Collections.unmodifiableMap(map);
    this.history = List.copyOf(state.history);
    this.sweeps = List.copyOf(state.sweeps);
    this.converged = state.converged;
    this.logEvidence = state.logEvidence();
    this.seconds = seconds;
  }

  /**
   * Each variable's corrected marginal, or null where a factor of the variable gave no marginal
   * term (a hierarchical factor, a Laplace fit, no successful sampled fit).
   */
  private static List<CorrectedMarginal> correctedMarginals(
      ModelLayout<CollectionInstance> layout, List<EpFactor> factors, EpState state) {
    int variables = layout.priorCount();
    List<List<MarginalTerm>> terms = new ArrayList<>();
    boolean[] withPrior = new boolean[variables];
    boolean[] possible = new boolean[variables];
    for (int v = 0; v < variables; v++) {
      terms.add(new ArrayList<>());
      possible[v] = true;
    }
    for (int f = 0; f < factors.size(); f++) {
      int[] scope = state.field.scope(f);
      for (int k = 0; k < scope.length; k++) {
        int v = scope[k];
        if (factors.get(f) instanceof PriorFactor) {
          withPrior[v] = true;
        } else if (state.marginalTerms[f] != null && state.marginalTerms[f][k] != null) {
          terms.get(v).add(state.marginalTerms[f][k]);
        } else {
          possible[v] = false;
        }
      }
    }
    List<CorrectedMarginal> marginals = new ArrayList<>();
    for (int v = 0; v < variables; v++) {
      marginals.add(
          possible[v] && !terms.get(v).isEmpty()
              ? CorrectedMarginal.combine(layout.prior(v), withPrior[v], terms.get(v))
              : null);
    }
    return Collections.unmodifiableList(marginals);
  }

  /**
   * A variable's corrected marginal (see {@link CorrectedMarginal}), available where every factor
   * of the variable was fitted by sampling: prior and sampled analysis factors, no hierarchical
   * one.
   *
   * @param path a path of {@link ModelLayout#freeParameterPaths()}
   * @return the marginal, or empty
   * @throws IllegalArgumentException if no variable has that path
   */
  public Optional<CorrectedMarginal> correctedMarginal(String path) {
    return Optional.ofNullable(marginals.get(variableIndex(path)));
  }

  /** The index of the free parameter with the given path. */
  private int variableIndex(String path) {
    int index = layout.freeParameterPaths().indexOf(path);
    if (index < 0) {
      throw new IllegalArgumentException(
          "no free parameter '" + path + "'; the paths are " + layout.freeParameterPaths());
    }
    return index;
  }

  /**
   * The final global approximation of each variable, in latent space, in free-parameter order.
   *
   * @return the messages
   */
  public List<GaussianMessage> approximation() {
    return approximation;
  }

  /**
   * EP's approximation of every variable as the priors of a new fit: each free parameter's prior
   * becomes a {@link LatentGaussianPrior} with EP's latent mean and standard deviation over its old
   * prior's bijection. Copy the factors' models with one mapping, e.g. {@code model.copy(mapping)},
   * so that shared parameters stay shared.
   *
   * @return the mapping
   */
  public ParameterMapping posteriorPriors() {
    ModelLayout<CollectionInstance> layout = graph.layout();
    return ParameterMapping.ofPriors(
        (Parameter parameter) -> {
          int index = layout.indexOf(parameter);
          if (index < 0) {
            return Optional.empty();
          }
          VariableSummary summary = summaries.get(index);
          return Optional.of(
              LatentGaussianPrior.of(
                  layout.prior(index), summary.latentMean(), summary.latentSd()));
        });
  }

  /**
   * The final mean field in latent and physical space, in free-parameter order.
   *
   * @return one summary per variable
   */
  public List<VariableSummary> summaries() {
    return summaries;
  }

  /**
   * The summary of the free parameter with the given path, e.g. {@code hierarchy.mean}.
   *
   * @param path a path of {@link ModelLayout#freeParameterPaths()}
   * @return the summary
   * @throws IllegalArgumentException if no variable has that path
   */
  public VariableSummary summary(String path) {
    return summaries.get(variableIndex(path));
  }

  /**
   * The summary of a parameter object of the graph, e.g. a hierarchical factor's hyper-parameter.
   *
   * @param parameter a free parameter of the graph
   * @return the summary
   * @throws IllegalArgumentException if it is not a free parameter of the graph
   */
  public VariableSummary summary(Parameter parameter) {
    int index = layout.indexOf(parameter);
    if (index < 0) {
      throw new IllegalArgumentException(parameter + " is not a free parameter of the graph");
    }
    return summaries.get(index);
  }

  /**
   * A factor's model instance at the physical means of its free parameters.
   *
   * @param key the factor's key
   * @param <T> the instance type
   * @return the instance
   */
  public <T> T meanInstance(FactorKey<T> key) {
    ModelLayout<T> local = key.factor().model().layout();
    double[] vector = new double[local.priorCount()];
    for (int j = 0; j < vector.length; j++) {
      vector[j] = summaries.get(layout.indexOf(local.freeParameters().get(j))).mean();
    }
    return local.instanceFromVector(vector);
  }

  /**
   * Each factor's status in the last sweep, by factor name, in factor order.
   *
   * @return the statuses
   */
  public Map<String, UpdateStatus> statuses() {
    return statuses;
  }

  /**
   * The names of the factors whose last status blocks convergence.
   *
   * @return the names, in factor order
   */
  public List<String> failingFactors() {
    return factorsWhose(UpdateStatus::isFailing);
  }

  /**
   * The names of the factors excluded after too many failed fits with no success between ({@link
   * ExpectationPropagation.Builder#maxFailures(int)}); they are among {@link #failingFactors()}.
   *
   * @return the names, in factor order
   */
  public List<String> excludedFactors() {
    return factorsWhose(status -> status == UpdateStatus.EXCLUDED);
  }

  private List<String> factorsWhose(Predicate<UpdateStatus> test) {
    List<String> names = new ArrayList<>();
    statuses.forEach(
        (name, status) -> {
          if (test.test(status)) {
            names.add(name);
          }
        });
    return names;
  }

  /**
   * Every update, in sweep and factor order.
   *
   * @return the history
   */
  public List<EpUpdate> history() {
    return history;
  }

  /**
   * One summary per sweep.
   *
   * @return the sweeps
   */
  public List<EpSweep> sweeps() {
    return sweeps;
  }

  /**
   * Whether the largest per-variable KL divergence fell below the tolerance in a sweep where no
   * update failed; excluded factors ({@link #excludedFactors()}) did not take part.
   *
   * @return true if converged
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The EP estimate of the log evidence, see {@link ExpectationPropagation}; factors excluded
   * before any successful update are left out, as if their datasets were not in the graph.
   *
   * @return the estimate, or NaN if a factor fit gave no evidence
   */
  public double logEvidence() {
    return logEvidence;
  }

  /**
   * Whether the log evidence is only approximate even as an EP estimate: some analysis factor's
   * last message was set flat (see {@link ExpectationPropagation}), so it is not that factor's
   * projection and the factor's evidence term does not match the final approximation.
   *
   * @return true if a factor's final message was flattened
   */
  public boolean logEvidenceApproximate() {
    Map<String, EpUpdate> lastOk = new LinkedHashMap<>();
    for (EpUpdate update : history) {
      if (update.status() == UpdateStatus.OK) {
        lastOk.put(update.factor(), update);
      }
    }
    return lastOk.values().stream()
        .anyMatch(update -> update.message().contains(ExpectationPropagation.FLAT_NOTE));
  }

  /**
   * The number of sweeps run.
   *
   * @return the count
   */
  public int sweepCount() {
    return sweeps.size();
  }

  /**
   * The wall time of the fit.
   *
   * @return seconds
   */
  public double seconds() {
    return seconds;
  }

  /**
   * The fitted graph.
   *
   * @return the graph
   */
  public FactorGraph graph() {
    return graph;
  }
}

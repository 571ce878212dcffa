// Long because it is the read API of an EP fit, each accessor documented; the summary text is
// EpSummary's, the files EpOutput's.
package org.graphfit.ep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.LatentGaussianPrior;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.Posterior;

/**
 * The outcome of {@link ExpectationPropagation}: the final mean field (each variable's latent
 * Gaussian and its physical mean and standard deviation), per-factor instance views, the history of
 * updates and the sweep summaries, each factor's last status and fit, how EP converged (to its
 * tolerance, to the noise floor of its sampled factors, or not), the log evidence estimate, the
 * cost, and whether the result can be trusted ({@link #trustworthy()}, {@link #concerns()}). A
 * result loaded from a completed output folder is rebuilt from the fit's stored final state (see
 * {@link ExpectationPropagation#fit(FactorGraph, java.util.function.Function)}). As a {@link
 * Posterior} it is read like a sampled fit: {@code result.summary(model.centre())}, {@code
 * result.median(model)}. Immutable; the history of a fit with an output folder is read from its
 * {@code files/history.bin} on demand.
 */
public final class EpResult implements Posterior {
  private final FactorGraph graph;
  private final ModelLayout<CollectionInstance> layout;
  private final List<GaussianMessage> approximation;
  private final List<VariableSummary> summaries;
  private final List<CorrectedMarginal> marginals;
  private final Map<String, UpdateStatus> statuses;
  private final Map<String, FactorResult.Fit> fits;
  private final List<String> fallbackFactors;
  private final EpHistory history;
  private final List<EpSweep> sweeps;
  private final Convergence convergence;
  private final double tolerance;
  private final double logEvidence;
  private final boolean logEvidenceApproximate;
  private final List<Concern> concerns;
  private final double[] precisionBias;
  private final double[] precisionNoise;
  private final int averagedSweeps;
  private final double logEvidenceError;
  private final double seconds;

  /** The result of a fit's state after its last sweep. */
  EpResult(
      FactorGraph graph,
      ModelLayout<CollectionInstance> layout,
      List<EpFactor> factors,
      EpState state,
      EpHistory history,
      double tolerance,
      double seconds) {
    this.graph = graph;
    this.layout = layout;
    this.approximation = state.field.globals();
    this.marginals = CorrectedMarginal.ofState(layout, factors, state);
    this.summaries = VariableSummary.ofApproximation(layout, approximation, marginals);
    Map<String, UpdateStatus> map = new LinkedHashMap<>();
    Map<String, FactorResult.Fit> fitMap = new LinkedHashMap<>();
    List<String> fallback = new ArrayList<>();
    boolean flattened = false;
    for (int f = 0; f < factors.size(); f++) {
      map.put(factors.get(f).name(), state.statuses[f]);
      if (state.fits[f] != null) {
        fitMap.put(factors.get(f).name(), state.fits[f]);
      }
      if (state.fallback[f]) {
        fallback.add(factors.get(f).name());
      }
      flattened |= state.flattened[f];
    }
    this.statuses = Collections.unmodifiableMap(map);
    this.fits = Collections.unmodifiableMap(fitMap);
    this.fallbackFactors = List.copyOf(fallback);
    this.history = history;
    this.sweeps = List.copyOf(state.sweeps);
    this.convergence = state.convergence;
    this.tolerance = tolerance;
    this.logEvidence = state.logEvidence();
    this.logEvidenceApproximate = flattened;
    this.seconds = seconds;
    this.precisionBias = state.remainingPrecisionBias(EpConcerns.UNCORRECTED_BIAS_SHARE);
    this.precisionNoise = state.precisionNoise();
    for (int v = 0; v < precisionNoise.length; v++) {
      precisionNoise[v] = Math.sqrt(precisionNoise[v]);
    }
    this.averagedSweeps = state.averagedSweeps;
    this.logEvidenceError = state.logEvidenceError();
    this.concerns =
        List.copyOf(EpConcerns.of(this, state, factors, tolerance, precisionBias, precisionNoise));
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
    int index = layout.indexOfPath(path);
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
  @Override
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
  @Override
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
  @Override
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
   * The history's updates, in sweep and factor order, read into a new list: with an output folder
   * from its {@code files/history.bin} (every update), without one the updates kept in memory (see
   * {@link ExpectationPropagation.Builder#historyInMemory(long)} and {@link #historyDropped()}).
   * For long fits of many factors prefer {@link #forEachUpdate(Consumer)}, which holds one update
   * at a time.
   *
   * @return the updates
   * @throws IllegalStateException if the history file is missing, truncated or corrupt
   */
  public List<EpUpdate> history() {
    List<EpUpdate> updates = new ArrayList<>();
    history.forEach(updates::add);
    return updates;
  }

  /**
   * Hands the history's updates (those of {@link #history()}) to {@code action} one at a time, in
   * sweep and factor order, reading them from the output folder's history file as they go.
   *
   * @param action receives each update
   * @throws IllegalStateException if the history file is missing, truncated or corrupt
   */
  public void forEachUpdate(Consumer<EpUpdate> action) {
    history.forEach(action);
  }

  /**
   * How many updates of the earliest sweeps a fit without an output folder no longer holds, having
   * kept only its last {@link ExpectationPropagation.Builder#historyInMemory(long)} updates.
   *
   * @return the count, 0 when {@link #history()} is complete
   */
  public long historyDropped() {
    return history.dropped();
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
   * Whether EP converged, to its tolerance or to the noise floor of its sampled factors ({@link
   * #convergence()}); excluded factors ({@link #excludedFactors()}) did not take part.
   *
   * @return true if converged
   */
  public boolean converged() {
    return convergence.converged();
  }

  /**
   * How EP ended: converged to its tolerance, converged to the noise floor of its sampled factors,
   * or stopped at its sweep limit.
   *
   * @return the outcome
   */
  public Convergence convergence() {
    return convergence;
  }

  /**
   * The noise floor EP converged to ({@link Convergence#CONVERGED_TO_NOISE_FLOOR}): the largest
   * residual that its sampled factors' noise explains in the last sweep, a KL divergence; 0
   * otherwise.
   *
   * @return the floor, or 0
   */
  public double noiseFloor() {
    return convergence == Convergence.CONVERGED_TO_NOISE_FLOOR
        ? sweeps.get(sweeps.size() - 1).noiseFloor()
        : 0;
  }

  /**
   * Whether no self-check of the fit failed: it converged (to a noise floor no higher than {@value
   * EpConcerns#NOISE_FLOOR_LIMIT}), its sampled factors' noise biases no variable's precision by
   * more than {@value EpConcerns#NOISE_BIAS_LIMIT}, no factor's final message came from a Laplace
   * fit that failed its check, the evidence is not approximate and no factor was excluded. A result
   * that is not trustworthy says why in {@link #concerns()}, {@code mean_field.txt} and {@code
   * ep_summary.json}.
   *
   * @return true if there is no concern
   */
  public boolean trustworthy() {
    return concerns.isEmpty();
  }

  /**
   * The failed self-checks: {@link Check#CONVERGENCE} (stopped at the sweep limit), {@link
   * Check#NOISE_FLOOR} (converged to a noise floor above {@value EpConcerns#NOISE_FLOOR_LIMIT}, a
   * residual that lets an undamped update move a Gaussian's mean by about 1 sd: a sampler with an
   * effective sample size of a few tens; a lower floor is reported by {@link #noiseFloor()} but is
   * not a concern, as sampling noise is part of any sampled answer and the floor is what it costs),
   * {@link Check#NOISE_BIAS} (variables whose precision the sampled factors' noise may bias by more
   * than {@value EpConcerns#NOISE_BIAS_LIMIT} after its correction, see {@link
   * #samplingPrecisionBias(String)}, or leaves uncertain by a relative sd above {@value
   * EpConcerns#PRECISION_NOISE_LIMIT} after the averaging sweeps, see {@link
   * #samplingPrecisionNoise(String)}), {@link Check#LAPLACE_MISMATCH} (factors whose final message
   * comes from a Laplace fit that failed its importance check), {@link Check#APPROXIMATE_EVIDENCE}
   * and {@link Check#EXCLUDED_DATA}.
   *
   * @return the concerns, empty for a trustworthy result
   */
  public List<Concern> concerns() {
    return concerns;
  }

  /**
   * How much the noise of a variable's sampled factors may still bias its precision upwards after
   * its correction, as a fraction: {@value EpConcerns#UNCORRECTED_BIAS_SHARE} of {@code Σ_f
   * Var(v̂_f)/v_f²} over the variable's sampled factors, from each one's last projection ({@link
   * FactorResult.Noise#variance()}). A message's precision is the inverse of the projected variance
   * less the cavity's, and the inverse of a noisy variance is biased upwards by about its relative
   * variance times the projection's precision, which is close to the variable's own near a fixed
   * point; the biases of the factors add up. Each projection's precision is corrected by its own
   * estimate of that first-order bias, from its samples' weights, which miss a nested sampler's
   * uncertainty in its prior volumes (repeated fits of one factor scattered up to 1.44 times as
   * much as the weights predict), so up to about this share may remain. The sd is then too small by
   * a factor of about {@code 1/√(1 + bias)}. Above {@value EpConcerns#NOISE_BIAS_LIMIT} it is a
   * concern ({@link Check#NOISE_BIAS}). 0 for a variable without sampled factors.
   *
   * @param path a path of {@link ModelLayout#freeParameterPaths()}
   * @return the fraction
   * @throws IllegalArgumentException if no variable has that path
   */
  public double samplingPrecisionBias(String path) {
    return precisionBias[variableIndex(path)];
  }

  /**
   * How uncertain the noise of a variable's sampled factors leaves its precision: the relative sd
   * {@code √(Σ_f Var(v̂_f)/v_f² / k)} after {@code k} averaging sweeps ({@link #averagedSweeps()};
   * {@code k = 1} without them). The sd is uncertain by about half of it, the mean by about {@code
   * √(1/2)} of it in units of the sd. Above {@value EpConcerns#PRECISION_NOISE_LIMIT} it is a
   * concern ({@link Check#NOISE_BIAS}). 0 for a variable without sampled factors.
   *
   * @param path a path of {@link ModelLayout#freeParameterPaths()}
   * @return the relative sd
   * @throws IllegalArgumentException if no variable has that path
   */
  public double samplingPrecisionNoise(String path) {
    return precisionNoise[variableIndex(path)];
  }

  /**
   * The standard error of {@link #logEvidence()} from the sampled factors' noise, measured in the
   * averaging sweeps: {@code √(Σ_f Σ_k σ_fk²/K_f²)} over each sampled factor's {@code K_f} averaged
   * updates, {@code σ_fk} the log-evidence error its sampler reported. It leaves out EP's own
   * approximation error and any systematic error of the samplers. NaN without sampled factors or
   * with fewer than three averaged updates of one.
   *
   * @return the error, or NaN
   */
  public double logEvidenceError() {
    return logEvidenceError;
  }

  /**
   * The sweeps averaged after EP converged to its noise floor (see {@link
   * ExpectationPropagation.Builder#maxAveragingSweeps(int)}); they are part of {@link
   * #sweepCount()}.
   *
   * @return the count, 0 without averaging
   */
  public int averagedSweeps() {
    return averagedSweeps;
  }

  /**
   * How each factor's last update was fitted, by factor name, in factor order (factors never
   * updated, such as exact priors, are absent).
   *
   * @return the fits
   */
  public Map<String, FactorResult.Fit> fits() {
    return fits;
  }

  /**
   * The analysis factors fitted by the fallback sampler since one of their Laplace fits failed its
   * check ({@link LaplaceMismatch#SAMPLE}).
   *
   * @return the names, in factor order
   */
  public List<String> fallbackFactors() {
    return fallbackFactors;
  }

  /**
   * The EP estimate of the log evidence.
   *
   * <p>With every factor {@code f} approximated by a scaled Gaussian site {@code s_f m_f}, {@code Z
   * ≈ prod_f s_f ∫ prod_f m_f = exp(A(q) + sum_f log s_f)} where {@code A} is the Gaussian log
   * normaliser ({@link GaussianMessage#logNormalizer()}) of the unnormalised product {@code q} of
   * the messages. Each site is scaled at its last successful update so that it integrates against
   * that update's cavity to what the factor does: {@code log s_f = log Ẑ_f - A(cavity_f · m_f)}
   * with {@code Ẑ_f = ∫ f · exp(kernel of cavity_f)} ({@link FactorResult#logNormalizer()}) and
   * {@code m_f} the message applied ({@link EpUpdate#logEvidenceTerm()}). The scale and the message
   * come from the same update, so the estimate is that of one well-defined approximation; pairing
   * the scale with the final cavity's normaliser instead (as EP did before) broke down where a
   * cavity is ill-conditioned, the difference of two nearly equal precisions (an outlier whose
   * parent factor sends a message of negative precision): 5.9 and 0.9 nats on two of 30 problems of
   * {@code EpHierarchicalBenchmark}. {@code Ẑ_f} is exact for priors and hierarchical factors
   * (quadrature), Laplace's estimate on the Laplace path and the sampler's evidence for nested
   * sampling. The estimate is NaN when a factor gives no evidence (e.g. MCMC). A factor excluded
   * before any successful update is left out: the estimate is then that of the graph without its
   * data.
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
    return logEvidenceApproximate;
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
   * A {@code model.results}-style summary, laid out as a sampled fit's: whether the result is
   * trustworthy, the log evidence, how EP ended, each variable's median with its 3 and 1 sigma
   * intervals, its mean and standard deviation (and whether they are the corrected marginal's), the
   * cost and every concern.
   *
   * @return the text
   */
  public String summary() {
    return EpSummary.of(this);
  }

  @Override
  public String toString() {
    return summary();
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

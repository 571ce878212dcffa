package org.graphfit.ep;

import java.util.List;
import java.util.function.LongFunction;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.LikelihoodFailures;
import org.graphfit.search.Samples;
import org.graphfit.search.Search;
import org.graphfit.search.SearchEngine;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.optimize.LaplaceApproximation;
import org.graphfit.search.optimize.OptimumRun;
import org.graphfit.search.optimize.QuasiNewtonOptimizer;

/**
 * An analysis factor (the likelihood of one dataset) as an EP factor over the model's free
 * parameters. The tilted distribution, likelihood times cavity, is fitted either
 *
 * <ul>
 *   <li>by a Laplace approximation in latent space: L-BFGS from the current global means to the
 *       mode of {@code log L(fromLatent(z)) + kernel(z)} ({@code kernel} the cavity's unnormalised
 *       log density, which may be improper), then the finite-difference Hessian there; the moments
 *       are the mode and the covariance's diagonal, and {@code log Z ≈ log L + kernel + (d/2) log
 *       2π + (1/2) log det Σ} at the mode; exact when the likelihood is Gaussian in the latent
 *       coordinates; or
 *   <li>by a sampler on the cavity problem in physical coordinates (the cavity must be proper); the
 *       samples are mapped to latent space and their moments taken with the sampler's normalised
 *       linear weights; the log normaliser is the sampler's log evidence (NaN for samplers without
 *       one) plus the cavity's log normaliser.
 * </ul>
 *
 * <p>A variable that no other factor contains (a dataset's local parameter) has no prior factor:
 * this factor includes its exact prior, so its cavity is flat, its message is the projection itself
 * and the fits above use the prior's latent density (Laplace) or the prior itself (samplers) for
 * it. The log normaliser then integrates the prior with the likelihood, with no cavity term.
 */
final class LikelihoodFactor<T> implements EpFactor {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private final String name;
  private final List<Integer> variables;
  private final List<String> names;
  private final Prior[] priors;
  private final boolean[] ownPrior;
  private final boolean[] marginalTerms;
  private final GaussianMessage[] priorApproximations;
  private final ModelLayout<T> layout;
  private final AnalysisFactor<T> factor;
  private final Analysis<T> analysis;
  private final LongFunction<SearchEngine> engines;

  /**
   * A factor.
   *
   * @param name the factor's name
   * @param variables the graph indices of the model's free parameters, in the model's order
   * @param names the free parameters' paths in the graph
   * @param ownPrior for each of the model's free parameters, whether this factor includes its prior
   * @param marginalTerms for each of the model's free parameters, whether sampled fits estimate its
   *     {@link MarginalTerm}
   * @param layout the model's own layout
   * @param factor the model and likelihood
   * @param engines the sampler for a seed, or null for the Laplace path
   */
  private LikelihoodFactor(
      String name,
      List<Integer> variables,
      List<String> names,
      boolean[] ownPrior,
      boolean[] marginalTerms,
      ModelLayout<T> layout,
      AnalysisFactor<T> factor,
      LongFunction<SearchEngine> engines) {
    this.name = name;
    this.variables = List.copyOf(variables);
    this.names = List.copyOf(names);
    this.layout = layout;
    this.priors = new Prior[layout.priorCount()];
    this.ownPrior = ownPrior.clone();
    this.marginalTerms = marginalTerms.clone();
    this.priorApproximations = new GaussianMessage[priors.length];
    for (int j = 0; j < priors.length; j++) {
      priors[j] = layout.prior(j);
      if (ownPrior[j]) {
        priorApproximations[j] = PriorFactor.latentApproximation(priors[j], names.get(j));
      }
    }
    this.factor = factor;
    this.analysis = factor.analysis();
    this.engines = engines;
  }

  /**
   * The factor of an analysis factor: its own search's engine if it has one, else the sampler.
   *
   * @param name the factor's name
   * @param variables the graph indices of the model's free parameters, in the model's order
   * @param names the free parameters' paths in the graph
   * @param ownPrior for each of the model's free parameters, whether this factor includes its prior
   * @param marginalTerms for each of the model's free parameters, whether sampled fits estimate its
   *     {@link MarginalTerm}
   * @param layout the model's own layout, {@code factor.model().layout()}
   * @param factor the model and likelihood
   * @param sampler the sampler for a seed, or null for the Laplace path
   * @param <T> the model's instance type
   * @return the factor
   */
  static <T> LikelihoodFactor<T> of(
      String name,
      List<Integer> variables,
      List<String> names,
      boolean[] ownPrior,
      boolean[] marginalTerms,
      ModelLayout<T> layout,
      AnalysisFactor<T> factor,
      LongFunction<SearchEngine> sampler) {
    LongFunction<SearchEngine> engines = sampler;
    if (factor.search().isPresent() && factor.search().get() instanceof Search search) {
      engines = search.engine()::withSeed;
    }
    return new LikelihoodFactor<>(
        name, variables, names, ownPrior, marginalTerms, layout, factor, engines);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The free parameters' paths in the graph.
   *
   * @return one path per variable
   */
  List<String> names() {
    return names;
  }

  /**
   * Whether sampled fits estimate the marginal term of the {@code k}-th variable.
   *
   * @param k a position in {@link #variables()}
   * @return true if they do
   */
  boolean estimatesMarginalTerm(int k) {
    return marginalTerms[k];
  }

  /**
   * The model's own layout.
   *
   * @return the layout
   */
  ModelLayout<T> layout() {
    return layout;
  }

  /**
   * The graph's analysis factor this factor fits.
   *
   * @return the analysis factor
   */
  AnalysisFactor<T> analysisFactor() {
    return factor;
  }

  /**
   * The sampler for a seed, or null on the Laplace path.
   *
   * @return the engines
   */
  LongFunction<SearchEngine> engines() {
    return engines;
  }

  @Override
  public List<Integer> variables() {
    return variables;
  }

  /**
   * The messages to start from: flat, except the Gaussian approximation of the latent prior of a
   * variable with its own prior, so that its global approximation is proper from the start.
   *
   * @return one message per variable
   */
  GaussianMessage[] initialMessages() {
    GaussianMessage[] initial = new GaussianMessage[priors.length];
    for (int j = 0; j < initial.length; j++) {
      initial[j] = ownPrior[j] ? priorApproximations[j] : GaussianMessage.UNIFORM;
    }
    return initial;
  }

  @Override
  public boolean ownsPrior(int k) {
    return ownPrior[k];
  }

  @Override
  public FactorResult update(FactorTask task) {
    long start = System.nanoTime();
    for (int j = 0; j < priors.length; j++) {
      if (engines != null && !ownPrior[j] && !task.cavity()[j].isProper()) {
        return FactorResult.failed(
            task,
            UpdateStatus.IMPROPER_CAVITY,
            "cavity of " + names.get(j) + " " + task.cavity()[j],
            PriorFactor.seconds(start));
      }
    }
    try {
      return engines == null ? laplace(task, start) : sample(task, start);
    } catch (RuntimeException e) {
      return FactorResult.failed(
          task, UpdateStatus.FAILED, "the fit threw " + e, PriorFactor.seconds(start));
    }
  }

  private double logLikelihood(double[] physical) {
    if (layout.hasConstraints() && !layout.satisfiesConstraints(physical)) {
      return Double.NEGATIVE_INFINITY;
    }
    return analysis.logLikelihood(layout.instanceFromVector(physical));
  }

  private FactorResult laplace(FactorTask task, long start) {
    CavityProblem problem =
        new CavityProblem(
            names, priors, ownPrior, task.cavity(), task.current(), true, this::logLikelihood);
    double[] initial = new double[priors.length];
    for (int j = 0; j < initial.length; j++) {
      initial[j] = task.current()[j].mean();
    }
    if (!(problem.logLikelihood(initial) > Double.NEGATIVE_INFINITY)) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          "no finite likelihood at the start: " + problem.failures().firstMessage(),
          PriorFactor.seconds(start));
    }
    OptimumRun optimum = QuasiNewtonOptimizer.builder().build().maximise(problem, initial);
    if (!optimum.converged()) {
      return FactorResult.failed(
          task, UpdateStatus.FAILED, optimum.message(), PriorFactor.seconds(start));
    }
    LaplaceApproximation laplace = optimum.laplace();
    if (laplace.status() != LaplaceApproximation.Status.OK) {
      return FactorResult.failed(
          task, UpdateStatus.FAILED, laplace.reason(), PriorFactor.seconds(start));
    }
    double[] mode = laplace.mode();
    double[][] covariance = laplace.covariance();
    double[][] chol = AdaptiveQuadrature.cholesky(covariance);
    if (chol == null) {
      return FactorResult.failed(
          task,
          UpdateStatus.NON_FINITE_MOMENTS,
          "covariance not positive definite",
          PriorFactor.seconds(start));
    }
    GaussianMessage[] moments = new GaussianMessage[mode.length];
    double logNormaliser = optimum.logPosterior();
    for (int j = 0; j < mode.length; j++) {
      moments[j] = GaussianMessage.ofMoments(mode[j], covariance[j][j]);
      logNormaliser += HALF_LOG_TWO_PI + Math.log(chol[j][j]);
    }
    return new FactorResult(
        task.factor(),
        UpdateStatus.OK,
        moments,
        logNormaliser,
        null,
        "",
        PriorFactor.seconds(start));
  }

  private FactorResult sample(FactorTask task, long start) {
    CavityProblem problem =
        new CavityProblem(
            names, priors, ownPrior, task.cavity(), task.cavity(), false, this::logLikelihood);
    SearchRun run;
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      run = engines.apply(task.seed()).run(problem, runner, CheckpointStore.none());
    }
    if (run.diagnostics().getOrDefault("converged", 1.0) == 0) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          "the factor's search stopped at its iteration or call limit before converging",
          PriorFactor.seconds(start));
    }
    LikelihoodFailures failures = problem.failures();
    String note =
        failures.failures() == 0
            ? ""
            : failures.failures()
                + " of "
                + failures.calls()
                + " likelihood calls failed and counted as zero likelihood, e.g. "
                + failures.firstMessage();
    Samples samples = run.samples();
    double[] weights = new double[samples.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = samples.weight(i);
    }
    GaussianMessage[] moments = new GaussianMessage[priors.length];
    MarginalTerm[] terms = new MarginalTerm[priors.length];
    for (int j = 0; j < priors.length; j++) {
      double[] latent = new double[weights.length];
      double mean = 0;
      for (int i = 0; i < weights.length; i++) {
        latent[i] = priors[j].toLatent(samples.vector(i)[j]);
        mean += weights[i] * latent[i];
      }
      double variance = 0;
      for (int i = 0; i < weights.length; i++) {
        double d = latent[i] - mean;
        variance += weights[i] * d * d;
      }
      if (!Double.isFinite(mean) || !(variance > 0) || !Double.isFinite(variance)) {
        return FactorResult.failed(
            task,
            UpdateStatus.NON_FINITE_MOMENTS,
            "latent moments of " + names.get(j) + ": mean " + mean + ", variance " + variance,
            PriorFactor.seconds(start));
      }
      moments[j] = GaussianMessage.ofMoments(mean, variance);
      try {
        terms[j] =
            marginalTerms[j]
                ? marginalTerm(
                    latent, weights, samples.effectiveSampleSize(), moments[j], task.cavity()[j], j)
                : null;
      } catch (RuntimeException e) {
        // the term only refines the reported marginal: its failure must not fail the update
        terms[j] = null;
        note =
            ExpectationPropagation.notes(note, "no marginal term for " + names.get(j) + ": " + e);
      }
    }
    double logNormaliser = run.logEvidence();
    for (int j = 0; j < priors.length; j++) {
      logNormaliser += ExpectationPropagation.cavityLogNormaliser(task.cavity()[j], ownPrior[j]);
    }
    return new FactorResult(
        task.factor(),
        UpdateStatus.OK,
        moments,
        logNormaliser,
        terms,
        note,
        PriorFactor.seconds(start));
  }

  /**
   * The factor's marginal term for its {@code j}-th variable: the Gaussian message (projection over
   * cavity; the projection itself for a variable whose prior the factor includes, its cavity being
   * flat) and the log-spline correction of the projection towards the samples' marginal, or null if
   * no correction could be estimated.
   */
  private MarginalTerm marginalTerm(
      double[] latent,
      double[] weights,
      double effectiveSize,
      GaussianMessage projection,
      GaussianMessage cavity,
      int j) {
    LogDensityTable correction =
        LogSplineDensity.fit(latent, weights, effectiveSize, projection::logKernel);
    if (correction == null) {
      return null;
    }
    return new MarginalTerm(ownPrior[j] ? projection : projection.divide(cavity), correction);
  }
}

package org.graphfit.ep;

import java.util.List;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.ProblemSearch;
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
 * <p>Without a sampler, a Laplace fit can be checked against the tilted density by importance
 * sampling ({@link LaplaceCheck}) when the task asks for it ({@link FactorTask#check()}); with
 * {@link LaplaceMismatch#SAMPLE} a fit that fails is replaced by a fit of EP's fallback sampler,
 * and the driver asks for the fallback sampler in every later update of the factor ({@link
 * FactorTask#fallback()}).
 *
 * <p>A sampled fit also estimates, per variable, the noise of its projection: the expected KL
 * divergence {@code Var(m̂)/2v + Var(v̂)/4v²} of the projected Gaussian from the one an infinite
 * sample would give, from the delta-method variances {@code Var(m̂) = Σ w_i² (z_i - m)²} and {@code
 * Var(v̂) = Σ w_i² ((z_i - m)² - v)²} of the normalised-weight moments (for equal weights, {@code
 * 1/n}), and the relative variance {@code Var(v̂)/v²} of the projected variance, by which the
 * precision of the message, an inverse variance, is biased upwards ({@code E[1/v̂] ≈ (1/v)(1 +
 * Var(v̂)/v²)}). These ignore a nested sampler's uncertainty in its prior volumes, which {@link
 * ExpectationPropagation}'s noise floor allows for.
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
  private final ProblemSearch engines;
  private final LaplaceMismatch mismatch;
  private final ProblemSearch fallback;
  private final SampledFit sampledFit;

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
   * @param engines the sampler, reseeded per update, or null for the Laplace path
   * @param mismatch what to do with a Laplace fit that fails its check
   * @param fallback the sampler, reseeded per update that replaces such a fit
   * @param keepSamples whether sampled updates return their samples
   */
  private LikelihoodFactor(
      String name,
      List<Integer> variables,
      List<String> names,
      boolean[] ownPrior,
      boolean[] marginalTerms,
      ModelLayout<T> layout,
      AnalysisFactor<T> factor,
      ProblemSearch engines,
      LaplaceMismatch mismatch,
      ProblemSearch fallback,
      boolean keepSamples) {
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
    this.mismatch = mismatch;
    this.fallback = fallback;
    this.sampledFit =
        new SampledFit(
            this.names,
            priors,
            this.ownPrior,
            this.marginalTerms,
            this::logLikelihood,
            keepSamples);
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
   * @param sampler the sampler, reseeded per update, or null for the Laplace path
   * @param mismatch what to do with a Laplace fit that fails its check
   * @param fallback the sampler, reseeded per update that replaces such a fit
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
      ProblemSearch sampler,
      LaplaceMismatch mismatch,
      ProblemSearch fallback) {
    ProblemSearch own = FactorSearches.own(name, factor);
    ProblemSearch engines = own != null ? own : sampler;
    return new LikelihoodFactor<>(
        name,
        variables,
        names,
        ownPrior,
        marginalTerms,
        layout,
        factor,
        engines,
        mismatch,
        fallback,
        false);
  }

  /**
   * This factor, but its sampled updates return their samples ({@link FactorResult#samples()}), for
   * the factor's folder.
   *
   * @return the copy
   */
  LikelihoodFactor<T> keepingSamples() {
    return new LikelihoodFactor<>(
        name,
        variables,
        names,
        ownPrior,
        marginalTerms,
        layout,
        factor,
        engines,
        mismatch,
        fallback,
        true);
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
   * @return the sampler
   */
  ProblemSearch engines() {
    return engines;
  }

  /**
   * What is done with a Laplace fit that fails its check.
   *
   * @return the action
   */
  LaplaceMismatch mismatch() {
    return mismatch;
  }

  /**
   * The sampler for a seed that replaces a Laplace fit that fails its check.
   *
   * @return the sampler
   */
  ProblemSearch fallback() {
    return fallback;
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
  @Override
  public GaussianMessage[] initialMessages() {
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
  public boolean mayFlattenNegativeMessages() {
    return true;
  }

  @Override
  public boolean isExcludable() {
    return true;
  }

  @Override
  public FactorResult update(FactorTask task) {
    long start = System.nanoTime();
    boolean sampled = engines != null;
    boolean fallen = !sampled && task.fallback() && mismatch == LaplaceMismatch.SAMPLE;
    if (sampled && !cavityProper(task)) {
      return FactorResult.failed(
          task,
          UpdateStatus.IMPROPER_CAVITY,
          FactorResult.Fit.SAMPLER,
          "cavity of " + improperName(task) + " " + task.cavity()[improperIndex(task)],
          PriorFactor.seconds(start));
    }
    try {
      if (sampled) {
        return sampledFit.fit(task, start, engines, FactorResult.Fit.SAMPLER, "");
      }
      String fallbackFailure = null;
      if (fallen && cavityProper(task)) {
        FactorResult refit = trySample(task, start, "");
        if (refit.status() == UpdateStatus.OK) {
          return refit;
        }
        fallbackFailure = refit.message();
      }
      return laplace(task, start, fallen, fallbackFailure);
    } catch (RuntimeException e) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          sampled ? FactorResult.Fit.SAMPLER : FactorResult.Fit.LAPLACE,
          "the fit threw " + e,
          PriorFactor.seconds(start));
    }
  }

  /** Whether every cavity the sampler needs is proper (own-prior variables have none). */
  private boolean cavityProper(FactorTask task) {
    return improperIndex(task) < 0;
  }

  private int improperIndex(FactorTask task) {
    for (int j = 0; j < priors.length; j++) {
      if (!ownPrior[j] && !task.cavity()[j].isProper()) {
        return j;
      }
    }
    return -1;
  }

  private String improperName(FactorTask task) {
    return names.get(improperIndex(task));
  }

  private double logLikelihood(double[] physical) {
    if (layout.hasConstraints() && !layout.satisfiesConstraints(physical)) {
      return Double.NEGATIVE_INFINITY;
    }
    return analysis.logLikelihood(layout.instanceFromVector(physical));
  }

  /**
   * A Laplace fit, checked when the task asks for it; one that fails the check is replaced by the
   * fallback sampler's fit where that can run and succeeds, and is reported as {@link
   * FactorResult.Fit#LAPLACE_MISMATCH} otherwise. {@code fallen}: the factor already failed a check
   * but the sampler could not run ({@code fallbackFailure} says why, or the cavity is improper), so
   * the Laplace fit stands in for it; a sampler that fails never costs the factor its update.
   */
  private FactorResult laplace(
      FactorTask task, long start, boolean fallen, String fallbackFailure) {
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
          FactorResult.Fit.LAPLACE,
          "no finite likelihood at the start: " + problem.failures().firstMessage(),
          PriorFactor.seconds(start));
    }
    OptimumRun optimum = QuasiNewtonOptimizer.builder().build().maximize(problem, initial);
    if (!optimum.converged()) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          FactorResult.Fit.LAPLACE,
          optimum.message(),
          PriorFactor.seconds(start));
    }
    LaplaceApproximation laplace = optimum.laplace();
    if (laplace.status() != LaplaceApproximation.Status.OK) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          FactorResult.Fit.LAPLACE,
          laplace.reason(),
          PriorFactor.seconds(start));
    }
    double[] mode = laplace.mode();
    double[][] covariance = laplace.covariance();
    double[][] chol = AdaptiveQuadrature.cholesky(covariance);
    if (chol == null) {
      return FactorResult.failed(
          task,
          UpdateStatus.NON_FINITE_MOMENTS,
          FactorResult.Fit.LAPLACE,
          "covariance not positive definite",
          PriorFactor.seconds(start));
    }
    GaussianMessage[] moments = new GaussianMessage[mode.length];
    double logNormalizer = optimum.logPosterior();
    for (int j = 0; j < mode.length; j++) {
      moments[j] = GaussianMessage.ofMoments(mode[j], covariance[j][j]);
      logNormalizer += HALF_LOG_TWO_PI + Math.log(chol[j][j]);
    }
    FactorResult.Fit fit = FactorResult.Fit.LAPLACE;
    String note = "";
    if (fallbackFailure != null) {
      fit = FactorResult.Fit.LAPLACE_MISMATCH;
      note =
          "the fallback sampler failed ("
              + fallbackFailure
              + "): the Laplace fit, which failed its check before, is used";
    } else if (mismatch != LaplaceMismatch.IGNORE && (task.check() || fallen)) {
      LaplaceCheck.Verdict verdict =
          new LaplaceCheck(problem, priors, ownPrior, task.cavity(), mode, chol, logNormalizer)
              .run(task.seed());
      if (!verdict.passed()) {
        String failure = "";
        if (mismatch == LaplaceMismatch.SAMPLE && cavityProper(task)) {
          FactorResult sampled =
              trySample(task, start, verdict.describe() + ": fitted by the fallback sampler");
          if (sampled.status() == UpdateStatus.OK) {
            return sampled;
          }
          failure = "; the fallback sampler failed: " + sampled.message();
        } else if (mismatch == LaplaceMismatch.SAMPLE) {
          failure =
              "; the fallback sampler cannot run: the cavity of "
                  + improperName(task)
                  + " is improper";
        }
        fit = FactorResult.Fit.LAPLACE_MISMATCH;
        note = verdict.describe() + failure;
      } else {
        note = verdict.skipped();
      }
    }
    if (fallen && fit == FactorResult.Fit.LAPLACE) {
      note =
          EpUpdate.notes(
              note,
              "the cavity of "
                  + improperName(task)
                  + " is improper: Laplace instead of the sampler");
    }
    return new FactorResult(
        task.factor(),
        UpdateStatus.OK,
        moments,
        null,
        logNormalizer,
        null,
        fit,
        note,
        PriorFactor.seconds(start));
  }

  /** The fallback sampler's fit, its throwing reported as a failed result. */
  private FactorResult trySample(FactorTask task, long start, String checkNote) {
    try {
      return sampledFit.fit(task, start, fallback, FactorResult.Fit.FALLBACK_SAMPLER, checkNote);
    } catch (RuntimeException e) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          FactorResult.Fit.FALLBACK_SAMPLER,
          "the fit threw " + e,
          PriorFactor.seconds(start));
    }
  }
}

package org.graphfit.ep;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.graphfit.prior.Prior;
import org.graphfit.search.optimize.LaplaceApproximation;
import org.graphfit.search.optimize.OptimumRun;
import org.graphfit.search.optimize.QuasiNewtonOptimizer;

/**
 * The Laplace path of a {@link LikelihoodFactor}: L-BFGS to the mode of the tilted density in
 * latent space, the Hessian's Gaussian there, its log normaliser, and the check of the fit against
 * the tilted density by importance sampling ({@link LaplaceCheck}), with the fallback sampler's fit
 * in place of one that fails it where {@link LaplaceMismatch#SAMPLE} asks for that.
 */
final class LaplaceFit {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  /** The fallback sampler's fit of a task, its throwing reported as a failed result. */
  @FunctionalInterface
  interface FallbackSampler {
    /**
     * Fits a task with the fallback sampler.
     *
     * @param task the task
     * @param start when the update started, from {@link System#nanoTime()}
     * @param note the note of the Laplace check that sends the task to the sampler
     * @return the result, failed if the sampler failed
     */
    FactorResult fit(FactorTask task, long start, String note);
  }

  private final List<String> names;
  private final Prior[] priors;
  private final boolean[] ownPrior;
  private final ToDoubleFunction<double[]> likelihood;
  private final LaplaceMismatch mismatch;
  private final FallbackSampler fallbackSampler;

  /**
   * The Laplace fits of a factor.
   *
   * @param names the free parameters' paths in the graph
   * @param priors their priors
   * @param ownPrior for each, whether the factor includes its prior
   * @param likelihood the factor's log likelihood of a physical vector
   * @param mismatch what to do with a fit that fails its check
   * @param fallbackSampler the fallback sampler's fit
   */
  LaplaceFit(
      List<String> names,
      Prior[] priors,
      boolean[] ownPrior,
      ToDoubleFunction<double[]> likelihood,
      LaplaceMismatch mismatch,
      FallbackSampler fallbackSampler) {
    this.names = names;
    this.priors = priors;
    this.ownPrior = ownPrior;
    this.likelihood = likelihood;
    this.mismatch = mismatch;
    this.fallbackSampler = fallbackSampler;
  }

  /**
   * The first variable whose cavity a sampler would need but is improper (own-prior variables have
   * none), or -1.
   *
   * @param task the task
   * @param ownPrior for each variable, whether the factor includes its prior
   * @return the variable's index in the factor, or -1
   */
  static int improperIndex(FactorTask task, boolean[] ownPrior) {
    for (int j = 0; j < ownPrior.length; j++) {
      if (!ownPrior[j] && !task.cavity()[j].isProper()) {
        return j;
      }
    }
    return -1;
  }

  /**
   * A Laplace fit, checked when the task asks for it; one that fails the check is replaced by the
   * fallback sampler's fit where that can run and succeeds, and is reported as {@link
   * FactorResult.Fit#LAPLACE_MISMATCH} otherwise. {@code fallen}: the factor already failed a check
   * but the sampler could not run ({@code fallbackFailure} says why, or the cavity is improper), so
   * the Laplace fit stands in for it; a sampler that fails never costs the factor its update.
   */
  FactorResult fit(FactorTask task, long start, boolean fallen, String fallbackFailure) {
    CavityProblem problem =
        new CavityProblem(names, priors, ownPrior, task.cavity(), task.current(), true, likelihood);
    double[] initial = new double[priors.length];
    for (int j = 0; j < initial.length; j++) {
      initial[j] = task.current()[j].mean();
    }
    if (!(problem.logLikelihood(initial) > Double.NEGATIVE_INFINITY)) {
      return failure(
          task,
          UpdateStatus.FAILED,
          "no finite likelihood at the start: " + problem.failures().firstMessage(),
          start);
    }
    OptimumRun optimum = QuasiNewtonOptimizer.builder().build().maximize(problem, initial);
    if (!optimum.converged()) {
      return failure(task, UpdateStatus.FAILED, optimum.message(), start);
    }
    LaplaceApproximation laplace = optimum.laplace();
    if (laplace.status() != LaplaceApproximation.Status.OK) {
      return failure(task, UpdateStatus.FAILED, laplace.reason(), start);
    }
    double[] mode = laplace.mode();
    double[][] covariance = laplace.covariance();
    double[][] chol = AdaptiveQuadrature.cholesky(covariance);
    if (chol == null) {
      return failure(
          task, UpdateStatus.NON_FINITE_MOMENTS, "covariance not positive definite", start);
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
        if (mismatch == LaplaceMismatch.SAMPLE && improperIndex(task, ownPrior) < 0) {
          FactorResult sampled =
              fallbackSampler.fit(
                  task, start, verdict.describe() + ": fitted by the fallback sampler");
          if (sampled.status() == UpdateStatus.OK) {
            return sampled;
          }
          failure = "; the fallback sampler failed: " + sampled.message();
        } else if (mismatch == LaplaceMismatch.SAMPLE) {
          failure =
              "; the fallback sampler cannot run: the cavity of "
                  + names.get(improperIndex(task, ownPrior))
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
                  + names.get(improperIndex(task, ownPrior))
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

  /** A Laplace fit that failed, and why. */
  private static FactorResult failure(
      FactorTask task, UpdateStatus status, String reason, long start) {
    return FactorResult.failed(
        task, status, FactorResult.Fit.LAPLACE, reason, PriorFactor.seconds(start));
  }
}

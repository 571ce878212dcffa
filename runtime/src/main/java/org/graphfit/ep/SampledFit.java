package org.graphfit.ep;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.graphfit.prior.Prior;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.LikelihoodFailures;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;

/**
 * The sampled fit of a {@link LikelihoodFactor}: a sampler on the cavity problem in physical
 * coordinates, its samples mapped to latent space and their moments taken with the sampler's
 * normalised linear weights, with the noise of the projection and, per variable asked for, the
 * {@link MarginalTerm}; the log normaliser is the sampler's log evidence plus the cavity's log
 * normaliser. See {@link LikelihoodFactor} for the noise estimates.
 *
 * <p><b>The precision's bias.</b> A message's precision is the inverse of the projected variance
 * (less the cavity's), and the inverse of a noisy variance {@code v̂} is biased upwards: to second
 * order, {@code E[1/v̂] = (1/v)(1 + r)} with {@code r = Var(v̂)/v²}. The projection therefore takes
 * the precision {@code (1 - r̂)/v̂}, unbiased to that order ({@code r̂} from the weights, see
 * {@link LikelihoodFactor}); for {@code n} equally weighted draws of a Gaussian, {@code r̂ = 2/(n -
 * 1)} and {@code (1 - r̂)/v̂ = ((n - 3)/(n - 1))/v̂}, whose mean is exactly {@code 1/v}. Without
 * it, the biases of the factors sharing a variable add up: 50 factors of 200 live points each made
 * a shared centre's precision 11% too high. The correction is capped at {@value #MAX_CORRECTION}: a
 * larger {@code r̂} means a sample of a few effective points, whose projection no correction
 * rescues. A marginal term is the samples' tilted marginal times the same widening (its Gaussian
 * part from the corrected projection, its correction relative to the uncorrected one), as the
 * log-spline's curvature is biased like the variance's inverse.
 */
final class SampledFit {
  /** The largest relative variance {@code r̂} by which a projected precision is corrected. */
  static final double MAX_CORRECTION = 0.5;

  private final List<String> names;
  private final Prior[] priors;
  private final boolean[] ownPrior;
  private final boolean[] marginalTerms;
  private final ToDoubleFunction<double[]> likelihood;
  private final boolean keepSamples;

  /**
   * The sampled fit of a factor.
   *
   * @param names the free parameters' paths in the graph
   * @param priors the model's priors
   * @param ownPrior for each free parameter, whether the factor includes its prior
   * @param marginalTerms for each free parameter, whether to estimate its marginal term
   * @param likelihood the log likelihood of a physical vector
   * @param keepSamples whether a successful fit's result carries its samples ({@link
   *     FactorResult#samples()})
   */
  SampledFit(
      List<String> names,
      Prior[] priors,
      boolean[] ownPrior,
      boolean[] marginalTerms,
      ToDoubleFunction<double[]> likelihood,
      boolean keepSamples) {
    this.names = names;
    this.priors = priors;
    this.ownPrior = ownPrior;
    this.marginalTerms = marginalTerms;
    this.likelihood = likelihood;
    this.keepSamples = keepSamples;
  }

  /**
   * Samples the factor's tilted distribution with a sampler whose prior is the cavity (each cavity
   * must be proper) and projects it.
   *
   * @param task the cavity and seed
   * @param start when the update started, from {@link System#nanoTime()}
   * @param sampler the sampler, reseeded per update
   * @param fit how the result says it was fitted
   * @param checkNote a note to lead the result's notes, or empty
   * @return the result
   */
  FactorResult fit(
      FactorTask task, long start, ProblemSearch sampler, FactorResult.Fit fit, String checkNote) {
    CavityProblem problem =
        new CavityProblem(names, priors, ownPrior, task.cavity(), task.cavity(), false, likelihood);
    SearchRun run;
    try (TaskRunner runner = TaskRunner.withThreads(sampler.options().threads())) {
      run = sampler.withSeed(task.seed()).run(problem, runner, CheckpointStore.none());
    }
    if (run.diagnostics().getOrDefault("converged", 1.0) == 0) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          fit,
          EpUpdate.notes(
              checkNote,
              "the factor's search stopped at its iteration or call limit before converging"),
          PriorFactor.seconds(start));
    }
    LikelihoodFailures failures = problem.failures();
    String note =
        EpUpdate.notes(
            checkNote,
            failures.failures() == 0
                ? ""
                : failures.failures()
                    + " of "
                    + failures.calls()
                    + " likelihood calls failed and counted as zero likelihood, e.g. "
                    + failures.firstMessage());
    Samples samples = run.samples();
    double[] weights = new double[samples.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = samples.weight(i);
    }
    GaussianMessage[] moments = new GaussianMessage[priors.length];
    double[] noise = new double[priors.length];
    double[] varianceNoise = new double[priors.length];
    MarginalTerm[] terms = new MarginalTerm[priors.length];
    for (int j = 0; j < priors.length; j++) {
      double[] latent = new double[weights.length];
      double mean = 0;
      for (int i = 0; i < weights.length; i++) {
        latent[i] = priors[j].toLatent(samples.value(i, j));
        mean += weights[i] * latent[i];
      }
      double variance = 0;
      for (int i = 0; i < weights.length; i++) {
        double d = latent[i] - mean;
        variance += weights[i] * d * d;
      }
      double meanVariance = 0;
      double varianceVariance = 0;
      for (int i = 0; i < weights.length; i++) {
        double d2 = (latent[i] - mean) * (latent[i] - mean);
        double w2 = weights[i] * weights[i];
        meanVariance += w2 * d2;
        varianceVariance += w2 * (d2 - variance) * (d2 - variance);
      }
      varianceNoise[j] = varianceVariance / (variance * variance);
      noise[j] = meanVariance / (2 * variance) + varianceNoise[j] / 4;
      if (!Double.isFinite(mean) || !(variance > 0) || !Double.isFinite(variance)) {
        return FactorResult.failed(
            task,
            UpdateStatus.NON_FINITE_MOMENTS,
            fit,
            "latent moments of " + names.get(j) + ": mean " + mean + ", variance " + variance,
            PriorFactor.seconds(start));
      }
      GaussianMessage raw = GaussianMessage.ofMoments(mean, variance);
      moments[j] =
          GaussianMessage.ofMoments(
              mean, variance / (1 - Math.min(MAX_CORRECTION, varianceNoise[j])));
      try {
        terms[j] =
            marginalTerms[j]
                ? marginalTerm(
                    latent,
                    weights,
                    samples.effectiveSampleSize(),
                    raw,
                    moments[j],
                    task.cavity()[j],
                    j)
                : null;
      } catch (RuntimeException e) {
        // the term only refines the reported marginal: its failure must not fail the update
        terms[j] = null;
        note = EpUpdate.notes(note, "no marginal term for " + names.get(j) + ": " + e);
      }
    }
    double logNormalizer = run.logEvidence();
    for (int j = 0; j < priors.length; j++) {
      logNormalizer += task.cavity()[j].cavityLogNormalizer(ownPrior[j]);
    }
    return new FactorResult(
        task.factor(),
        UpdateStatus.OK,
        moments,
        new FactorResult.Noise(
            noise, varianceNoise, run.logEvidenceError() * run.logEvidenceError()),
        logNormalizer,
        terms,
        fit,
        note,
        PriorFactor.seconds(start),
        keepSamples ? samples : null);
  }

  /**
   * The factor's marginal term for its {@code j}-th variable: the Gaussian message (the corrected
   * projection over the cavity; the projection itself for a variable whose prior the factor
   * includes, its cavity being flat) and the log-spline correction of the uncorrected projection
   * towards the samples' marginal, or null if no correction could be estimated.
   */
  private MarginalTerm marginalTerm(
      double[] latent,
      double[] weights,
      double effectiveSize,
      GaussianMessage raw,
      GaussianMessage projection,
      GaussianMessage cavity,
      int j) {
    LogDensityTable correction =
        LogSplineDensity.fit(latent, weights, effectiveSize, raw::logKernel);
    if (correction == null) {
      return null;
    }
    return new MarginalTerm(ownPrior[j] ? projection : projection.divide(cavity), correction);
  }
}

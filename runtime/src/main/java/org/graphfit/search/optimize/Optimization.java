package org.graphfit.search.optimize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchEngine;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;

/**
 * Optimisation as a {@link SearchEngine}: CMA-ES (global), L-BFGS (local, from the prior medians)
 * or CMA-ES refined by L-BFGS, followed by a Laplace approximation so the result still carries
 * errors. When the Laplace covariance exists, the samples are draws from it (each evaluated once,
 * draws outside the prior's support dropped) plus the optimum itself with weight zero, so it is the
 * maximum likelihood sample without biasing the statistics; otherwise the samples are the optimum
 * alone, the diagnostic {@code laplace_ok} is 0 and the result carries a {@link Check#LAPLACE}
 * concern (an optimiser that did not converge carries a {@link Check#CONVERGENCE} one). Optimisers
 * do not checkpoint: an interrupted optimisation starts again.
 */
public final class Optimization implements SearchEngine {
  /** Which optimiser runs. */
  public enum Method {
    /** CMA-ES with restarts. */
    CMA_ES,
    /** L-BFGS from the prior medians. */
    LBFGS,
    /** CMA-ES, then L-BFGS from its best point. */
    CMA_ES_THEN_LBFGS
  }

  private final Method method;
  private final Objective objective;
  private final long seed;
  private final int restarts;
  private final int laplaceDraws;

  private Optimization(
      Method method, Objective objective, long seed, int restarts, int laplaceDraws) {
    this.method = method;
    this.objective = objective;
    this.seed = seed;
    this.restarts = restarts;
    this.laplaceDraws = laplaceDraws;
  }

  /**
   * An optimisation engine.
   *
   * @param method the optimiser
   * @param objective what is maximised
   * @param seed the seed of CMA-ES and of the Laplace draws
   * @param restarts CMA-ES restarts, at least 0
   * @param laplaceDraws draws from the Laplace approximation, at least 1
   * @return the engine
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static Optimization of(
      Method method, Objective objective, long seed, int restarts, int laplaceDraws) {
    if (restarts < 0) {
      throw new IllegalArgumentException("restarts must be at least 0 but was " + restarts);
    }
    if (laplaceDraws < 1) {
      throw new IllegalArgumentException("laplaceDraws must be at least 1 but was " + laplaceDraws);
    }
    return new Optimization(
        Objects.requireNonNull(method, "method"),
        Objects.requireNonNull(objective, "objective"),
        seed,
        restarts,
        laplaceDraws);
  }

  /**
   * CMA-ES then L-BFGS on the log posterior, 4 restarts, 2000 Laplace draws.
   *
   * @param seed the seed
   * @return the engine
   */
  public static Optimization maximumPosterior(long seed) {
    return of(Method.CMA_ES_THEN_LBFGS, Objective.LOG_POSTERIOR, seed, 4, 2000);
  }

  @Override
  public String name() {
    return "Optimization";
  }

  @Override
  public Optimization withSeed(long newSeed) {
    return new Optimization(method, objective, newSeed, restarts, laplaceDraws);
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("method", method.name());
    map.put("objective", objective.name());
    map.put("seed", seed);
    map.put("restarts", restarts);
    map.put("laplace_draws", laplaceDraws);
    return map;
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    OptimumRun optimum = optimise(problem, runner);
    LaplaceApproximation laplace = optimum.laplace();
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("log_posterior_at_optimum", optimum.logPosterior());
    diagnostics.put("laplace_ok", laplace.status() == LaplaceApproximation.Status.OK ? 1.0 : 0.0);
    List<Concern> concerns = new ArrayList<>();
    if (!optimum.converged()) {
      concerns.add(
          new Concern(
              Check.CONVERGENCE,
              "the optimiser stopped at its evaluation limit before meeting its convergence"
                  + " criterion: the optimum and the errors around it may be off; add restarts or"
                  + " use CMA_ES_THEN_LBFGS"));
    }
    if (laplace.status() != LaplaceApproximation.Status.OK) {
      concerns.add(
          new Concern(
              Check.LAPLACE,
              "the Laplace approximation failed ("
                  + laplace.status()
                  + "): the result is the optimum alone, without errors; the optimum may sit on a"
                  + " prior bound or a flat direction of the likelihood"));
      return optimumOnly(problem, optimum, diagnostics, concerns);
    }
    UniformRandomProvider rng =
        RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, 0x1a9ace});
    double[][] draws = laplace.sample(laplaceDraws, rng);
    double[] logLikelihoods = new double[draws.length];
    runner.runAll(draws.length, i -> logLikelihoods[i] = problem.logLikelihood(draws[i]));
    List<double[]> kept = new ArrayList<>();
    List<Double> keptLogLikelihoods = new ArrayList<>();
    kept.add(optimum.best());
    keptLogLikelihoods.add(optimum.logLikelihood());
    for (int i = 0; i < draws.length; i++) {
      if (logLikelihoods[i] > Double.NEGATIVE_INFINITY) {
        kept.add(draws[i]);
        keptLogLikelihoods.add(logLikelihoods[i]);
      }
    }
    diagnostics.put("laplace_draws_kept", (double) (kept.size() - 1));
    if (kept.size() == 1) {
      concerns.add(
          new Concern(
              Check.LAPLACE,
              "every draw from the Laplace approximation fell outside the prior or had zero"
                  + " likelihood: the result is the optimum alone, without errors"));
      return optimumOnly(problem, optimum, diagnostics, concerns);
    }
    double[] keptArray = new double[kept.size()];
    double[] weights = new double[kept.size()];
    for (int i = 0; i < keptArray.length; i++) {
      keptArray[i] = keptLogLikelihoods.get(i);
      weights[i] = i == 0 ? 0 : 1;
    }
    Samples samples = Samples.of(problem, kept.toArray(new double[0][]), keptArray, weights);
    return new SearchRun(samples, Double.NaN, Double.NaN, diagnostics, concerns);
  }

  private static SearchRun optimumOnly(
      SearchProblem problem,
      OptimumRun optimum,
      Map<String, Double> diagnostics,
      List<Concern> concerns) {
    Samples single =
        Samples.of(
            problem, new double[][] {optimum.best()}, new double[] {optimum.logLikelihood()}, null);
    return new SearchRun(single, Double.NaN, Double.NaN, diagnostics, concerns);
  }

  private OptimumRun optimise(SearchProblem problem, TaskRunner runner) {
    QuasiNewtonOptimizer local = QuasiNewtonOptimizer.builder().objective(objective).build();
    if (method == Method.LBFGS) {
      return local.maximise(problem);
    }
    OptimumRun global =
        CmaEsOptimizer.builder()
            .objective(objective)
            .seed(seed)
            .restarts(restarts)
            .build()
            .maximise(problem, runner);
    return method == Method.CMA_ES ? global : local.maximise(problem, global.best());
  }
}

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
import org.graphfit.search.EngineSearch;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchBuilder;
import org.graphfit.search.SearchOptions;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.optimize.OptimizationSettings.Method;

/**
 * Optimization as a search, made with {@link #builder()}:
 *
 * <pre>{@code
 * Result<Gaussian> result = Optimization.builder().seed(1).build().fit(model, analysis);
 * }</pre>
 *
 * <p>CMA-ES (global), L-BFGS (local, from the prior medians) or CMA-ES refined by L-BFGS, followed
 * by a Laplace approximation so the result still carries errors. When the Laplace covariance
 * exists, the samples are draws from it (each evaluated once, draws outside the prior's support
 * dropped) plus the optimum itself with weight zero, so it is the maximum likelihood sample without
 * biasing the statistics; otherwise the samples are the optimum alone, the diagnostic {@code
 * laplace_ok} is 0 and the result carries a {@link Check#LAPLACE} concern (an optimiser that did
 * not converge carries a {@link Check#CONVERGENCE} one). Optimisers do not checkpoint: an
 * interrupted optimisation starts again.
 */
public final class Optimization extends EngineSearch<OptimizationSettings> {
  private Optimization(OptimizationSettings settings, SearchOptions options) {
    super(settings, options);
  }

  /**
   * A builder holding the defaults (see {@link OptimizationSettings}) and {@link
   * SearchOptions#defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(SearchOptions.defaults());
  }

  @Override
  public Builder toBuilder() {
    return settings().toBuilder(options());
  }

  @Override
  public String name() {
    return "Optimization";
  }

  @Override
  public Optimization withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    OptimumRun optimum = optimize(problem, runner);
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
        RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {settings().seed(), 0x1a9ace});
    double[][] draws = laplace.sample(settings().laplaceDraws(), rng);
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

  private OptimumRun optimize(SearchProblem problem, TaskRunner runner) {
    Method method = settings().method();
    QuasiNewtonOptimizer local =
        QuasiNewtonOptimizer.builder().objective(settings().objective()).build();
    if (method == Method.LBFGS) {
      return local.maximize(problem);
    }
    OptimumRun global =
        CmaEsOptimizer.builder()
            .objective(settings().objective())
            .seed(settings().seed())
            .restarts(settings().restarts())
            .build()
            .maximize(problem, runner);
    return method == Method.CMA_ES ? global : local.maximize(problem, global.best());
  }

  /** Collects settings and options; every setter validates its argument. */
  public static final class Builder extends SearchBuilder<Builder> {
    Method method = Method.CMA_ES_THEN_LBFGS;
    Objective objective = Objective.LOG_POSTERIOR;
    long seed;
    int restarts = 4;
    int laplaceDraws = 2000;

    Builder(SearchOptions options) {
      super(options);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Sets the optimizer.
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(Method method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets what is maximized.
     *
     * @param objective the objective
     * @return this builder
     */
    public Builder objective(Objective objective) {
      this.objective = Objects.requireNonNull(objective, "objective");
      return this;
    }

    /**
     * Sets the seed of CMA-ES and of the Laplace draws.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the number of CMA-ES restarts.
     *
     * @param restarts at least 0
     * @return this builder
     */
    public Builder restarts(int restarts) {
      if (restarts < 0) {
        throw new IllegalArgumentException("restarts must be at least 0 but was " + restarts);
      }
      this.restarts = restarts;
      return this;
    }

    /**
     * Sets the number of draws from the Laplace approximation that become the samples.
     *
     * @param laplaceDraws at least 1
     * @return this builder
     */
    public Builder laplaceDraws(int laplaceDraws) {
      if (laplaceDraws < 1) {
        throw new IllegalArgumentException(
            "laplaceDraws must be at least 1 but was " + laplaceDraws);
      }
      this.laplaceDraws = laplaceDraws;
      return this;
    }

    /**
     * The search.
     *
     * @return the immutable search
     * @throws IllegalArgumentException if an option is out of range
     */
    public Optimization build() {
      return new Optimization(new OptimizationSettings(this), options());
    }
  }
}

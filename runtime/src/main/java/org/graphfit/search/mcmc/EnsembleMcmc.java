package org.graphfit.search.mcmc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchEngine;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;

/**
 * The affine-invariant ensemble sampler as a {@link SearchEngine}: its thinned, burnt-in chain
 * becomes equal-weight samples; diagnostics are the acceptance fraction, the largest
 * autocorrelation time, the effective sample size and whether the chain met its length rule.
 */
public final class EnsembleMcmc implements SearchEngine {
  private final EnsembleSettings settings;

  private EnsembleMcmc(EnsembleSettings settings) {
    this.settings = settings;
  }

  /**
   * An engine with the given settings.
   *
   * @param settings the sampler settings
   * @return the engine
   */
  public static EnsembleMcmc of(EnsembleSettings settings) {
    return new EnsembleMcmc(settings);
  }

  @Override
  public String name() {
    return "EnsembleMcmc";
  }

  @Override
  public EnsembleMcmc withSeed(long seed) {
    return new EnsembleMcmc(settings.withSeed(seed));
  }

  @Override
  public Map<String, Object> settings() {
    return settings.toMap();
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    ChainRun chain = new EnsembleSampler(settings).run(problem, runner, checkpoints);
    Samples samples = Samples.of(problem, chain.samples(), chain.logLikelihoods(), null);
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    double tauMax = 0;
    for (double tau : chain.tau()) {
      tauMax = Math.max(tauMax, tau);
    }
    diagnostics.put("acceptance_fraction", chain.acceptanceFraction());
    diagnostics.put("tau_max", tauMax);
    diagnostics.put("effective_sample_size", chain.effectiveSampleSize());
    diagnostics.put("steps", (double) chain.steps());
    diagnostics.put("walkers", (double) chain.walkers());
    diagnostics.put("converged", chain.converged() ? 1.0 : 0.0);
    List<Concern> concerns = new ArrayList<>();
    if (!chain.converged()) {
      concerns.add(
          new Concern(
              Check.CONVERGENCE,
              String.format(
                  Locale.ROOT,
                  "the chain stopped after %d steps, before it was %.0f autocorrelation times long"
                      + " with a stable tau (largest tau %.3g): the samples are correlated and may"
                      + " not cover the posterior; raise maxSteps",
                  chain.steps(),
                  settings.tauFactor(),
                  tauMax)));
    }
    return new SearchRun(samples, Double.NaN, Double.NaN, diagnostics, concerns);
  }
}

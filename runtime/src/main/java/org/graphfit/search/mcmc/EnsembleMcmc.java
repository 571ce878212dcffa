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
 * The affine-invariant ensemble sampler as a {@link SearchEngine}: the thinned, burnt-in draws of
 * its independent chains become equal-weight samples; diagnostics are the acceptance fraction, the
 * largest autocorrelation time, the largest R-hat, the smallest bulk and tail effective sample
 * sizes and whether the run met its stop rule. A run that did not meet it carries one concern per
 * failed part: {@link Check#CONVERGENCE} (chains shorter than {@code tauFactor} autocorrelation
 * times, or tau not yet stable), {@link Check#R_HAT} and {@link Check#EFFECTIVE_SAMPLE_SIZE}.
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
    Worst worst = Worst.of(chain, problem);
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("acceptance_fraction", chain.acceptanceFraction());
    diagnostics.put("tau_max", worst.tau);
    diagnostics.put("r_hat_max", worst.rHat);
    diagnostics.put("ess_bulk_min", worst.bulk);
    diagnostics.put("ess_tail_min", worst.tail);
    diagnostics.put("effective_sample_size", worst.bulk);
    diagnostics.put("steps", (double) chain.steps());
    diagnostics.put("chains", (double) chain.chains());
    diagnostics.put("walkers", (double) chain.walkers());
    diagnostics.put("converged", chain.converged() ? 1.0 : 0.0);
    List<Concern> concerns = chain.converged() ? List.of() : concerns(chain, worst);
    return new SearchRun(samples, Double.NaN, Double.NaN, diagnostics, concerns);
  }

  /** One concern per part of the stop rule that the final state fails. */
  private List<Concern> concerns(ChainRun chain, Worst worst) {
    List<Concern> concerns = new ArrayList<>();
    if (Double.isNaN(worst.tau)) {
      concerns.add(
          concern(
              Check.CONVERGENCE,
              "the chains stopped after %d steps, too few to estimate their autocorrelation"
                  + " times; raise maxSteps",
              chain.steps()));
    } else if (!(chain.steps() > settings.tauFactor() * worst.tau)) {
      concerns.add(
          concern(
              Check.CONVERGENCE,
              "the chains stopped after %d steps, before every chain was %.0f autocorrelation"
                  + " times long (tau of %s is %.3g in chain %d, so %.0f steps are needed): the"
                  + " samples are correlated and may not cover the posterior; raise maxSteps",
              chain.steps(),
              settings.tauFactor(),
              worst.tauName,
              worst.tau,
              worst.tauChain,
              Math.ceil(settings.tauFactor() * worst.tau)));
    }
    if (!chain.hasMixingDiagnostics()) {
      concerns.add(
          concern(
              Check.R_HAT,
              "only %d steps were run, too few to keep 4 after burn-in and thinning, so R-hat and"
                  + " the effective sample size could not be computed; raise maxSteps",
              chain.steps()));
      return concerns;
    }
    if (!(worst.rHat < settings.maxRHat())) {
      concerns.add(
          concern(
              Check.R_HAT,
              "R-hat of %s is %.4g across the %d chains (limit %.3g): the chains disagree, so they"
                  + " have not mixed or are stuck in different modes; raise maxSteps, and if it"
                  + " stays high the posterior is probably multimodal: use nested sampling",
              worst.rHatName,
              worst.rHat,
              chain.chains(),
              settings.maxRHat()));
    }
    double minEss = settings.minEffectiveSamplesPerChain() * chain.chains();
    if (!(worst.bulk >= minEss) || !(worst.tail >= minEss)) {
      boolean bulkLow = !(worst.bulk >= minEss);
      concerns.add(
          concern(
              Check.EFFECTIVE_SAMPLE_SIZE,
              "the %s effective sample size of %s is %.0f, below the %.0f required (%.0f per"
                  + " chain): %s; raise maxSteps, and if it does not grow with the run the walkers"
                  + " are stuck, e.g. in separate modes: use nested sampling",
              bulkLow ? "bulk" : "tail",
              bulkLow ? worst.bulkName : worst.tailName,
              bulkLow ? worst.bulk : worst.tail,
              minEss,
              settings.minEffectiveSamplesPerChain(),
              bulkLow ? "" : " are fine but the credible intervals' ends"));
    }
    if (concerns.isEmpty()) {
      concerns.add(
          concern(
              Check.CONVERGENCE,
              "the chains stopped after %d steps, before their autocorrelation times settled to"
                  + " within %.3g between two checks; raise maxSteps",
              chain.steps(),
              settings.tauTolerance()));
    }
    return concerns;
  }

  private static Concern concern(Check check, String format, Object... arguments) {
    return new Concern(check, String.format(Locale.ROOT, format, arguments));
  }

  /** The worst value of each diagnostic over the parameters, and where it was seen. */
  private static final class Worst {
    double tau = Double.NEGATIVE_INFINITY;
    int tauChain;
    String tauName;
    double rHat = Double.NEGATIVE_INFINITY;
    String rHatName;
    double bulk = Double.POSITIVE_INFINITY;
    String bulkName;
    double tail = Double.POSITIVE_INFINITY;
    String tailName;

    static Worst of(ChainRun chain, SearchProblem problem) {
      Worst worst = new Worst();
      double[][] tauByChain = chain.tauByChain();
      double[] rHat = chain.rHat();
      double[] bulk = chain.bulkEffectiveSampleSizes();
      double[] tail = chain.tailEffectiveSampleSizes();
      for (int i = 0; i < problem.dimension(); i++) {
        String name = problem.name(i);
        for (int c = 0; c < tauByChain.length; c++) {
          if (!(tauByChain[c][i] <= worst.tau)) {
            worst.tau = tauByChain[c][i];
            worst.tauChain = c;
            worst.tauName = name;
          }
        }
        if (!(rHat[i] <= worst.rHat)) {
          worst.rHat = rHat[i];
          worst.rHatName = name;
        }
        if (!(bulk[i] >= worst.bulk)) {
          worst.bulk = bulk[i];
          worst.bulkName = name;
        }
        if (!(tail[i] >= worst.tail)) {
          worst.tail = tail[i];
          worst.tailName = name;
        }
      }
      return worst;
    }
  }
}

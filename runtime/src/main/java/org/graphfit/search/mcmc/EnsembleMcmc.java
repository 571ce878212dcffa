// Long because it carries its public Builder, each of whose options is documented (about half the
// file); the sampler itself is EnsembleSampler, its settings EnsembleSettings.
package org.graphfit.search.mcmc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import org.graphfit.search.mcmc.EnsembleSettings.Initialization;

/**
 * Ensemble MCMC as a search, made with {@link #builder()}:
 *
 * <pre>{@code
 * Result<Gaussian> result = EnsembleMcmc.builder().chains(4).seed(1).build().fit(model, analysis);
 * }</pre>
 *
 * <p>The affine-invariant ensemble sampler's thinned, burnt-in draws of its independent chains
 * become equal-weight samples; diagnostics are the acceptance fraction, the largest autocorrelation
 * time, the largest R-hat, the smallest bulk and tail effective sample sizes and whether the run
 * met its stop rule. A run that did not meet it carries one concern per failed part: {@link
 * Check#CONVERGENCE} (chains shorter than {@code tauFactor} autocorrelation times, or tau not yet
 * stable), {@link Check#R_HAT} and {@link Check#EFFECTIVE_SAMPLE_SIZE}.
 */
public final class EnsembleMcmc extends EngineSearch<EnsembleSettings> {
  private EnsembleMcmc(EnsembleSettings settings, SearchOptions options) {
    super(settings, options);
  }

  /**
   * A builder holding the defaults (see {@link EnsembleSettings}) and {@link
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
    return "EnsembleMcmc";
  }

  @Override
  public EnsembleMcmc withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    ChainRun chain = new EnsembleSampler(settings()).run(problem, runner, checkpoints);
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
    } else if (!(chain.steps() > settings().tauFactor() * worst.tau)) {
      concerns.add(
          concern(
              Check.CONVERGENCE,
              "the chains stopped after %d steps, before every chain was %.0f autocorrelation"
                  + " times long (tau of %s is %.3g in chain %d, so %.0f steps are needed): the"
                  + " samples are correlated and may not cover the posterior; raise maxSteps",
              chain.steps(),
              settings().tauFactor(),
              worst.tauName,
              worst.tau,
              worst.tauChain,
              Math.ceil(settings().tauFactor() * worst.tau)));
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
    if (!(worst.rHat < settings().maxRHat())) {
      concerns.add(
          concern(
              Check.R_HAT,
              "R-hat of %s is %.4g across the %d chains (limit %.3g): the chains disagree, so they"
                  + " have not mixed or are stuck in different modes; raise maxSteps, and if it"
                  + " stays high the posterior is probably multimodal: use nested sampling",
              worst.rHatName,
              worst.rHat,
              chain.chains(),
              settings().maxRHat()));
    }
    double minEss = settings().minEffectiveSamplesPerChain() * chain.chains();
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
              settings().minEffectiveSamplesPerChain(),
              bulkLow ? "" : " are fine but the credible intervals' ends"));
    }
    if (concerns.isEmpty()) {
      concerns.add(
          concern(
              Check.CONVERGENCE,
              "the chains stopped after %d steps, before their autocorrelation times settled to"
                  + " within %.3g between two checks; raise maxSteps",
              chain.steps(),
              settings().tauTolerance()));
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

  /** Collects settings and options; every setter validates its argument. */
  public static final class Builder extends SearchBuilder<Builder> {
    int chains = 4;
    int walkers;
    double stretchScale = 2;
    int maxSteps = 100_000;
    Initialization initialization = Initialization.PRIOR;
    double[] ballCenter;
    double ballWidth = 1e-3;
    int maxStartTries = 1000;
    long seed = 1;
    int burnIn = EnsembleSettings.AUTOMATIC;
    int thin = EnsembleSettings.AUTOMATIC;
    int checkpointInterval = 500;
    double tauFactor = 50;
    double tauTolerance = 0.01;
    int checkInterval = 100;
    double maxRHat = ChainDiagnostics.RECOMMENDED_MAX_R_HAT;
    double minEffectiveSamplesPerChain = 100;

    Builder(SearchOptions options) {
      super(options);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Sets the number of independent ensembles. One chain still gets a split R-hat (its first half
     * against its second) but cannot show chains stuck in different modes: use at least two.
     *
     * @param chains the chain count, at least 1
     * @return this builder
     */
    public Builder chains(int chains) {
      this.chains = positive("chains", chains);
      return this;
    }

    /**
     * Sets the number of walkers of each chain; it must be even, and greater than the dimension
     * when the sampler runs.
     *
     * @param walkers the walker count per chain, positive and even
     * @return this builder
     */
    public Builder walkers(int walkers) {
      if (walkers < 2 || walkers % 2 != 0) {
        throw new IllegalArgumentException(
            "walkers must be a positive even number (the ensemble is split in two halves) but was "
                + walkers);
      }
      this.walkers = walkers;
      return this;
    }

    /**
     * Sets the stretch scale {@code a}.
     *
     * @param stretchScale a finite number greater than 1
     * @return this builder
     */
    public Builder stretchScale(double stretchScale) {
      if (!(stretchScale > 1) || !Double.isFinite(stretchScale)) {
        throw new IllegalArgumentException(
            "stretchScale must be a finite number greater than 1 but was " + stretchScale);
      }
      this.stretchScale = stretchScale;
      return this;
    }

    /**
     * Sets the step limit.
     *
     * @param maxSteps a positive number of steps
     * @return this builder
     */
    public Builder maxSteps(int maxSteps) {
      this.maxSteps = positive("maxSteps", maxSteps);
      return this;
    }

    /**
     * Starts the walkers from draws of the prior.
     *
     * @return this builder
     */
    public Builder startFromPrior() {
      this.initialization = Initialization.PRIOR;
      this.ballCenter = null;
      return this;
    }

    /**
     * Starts the walkers in a Gaussian ball.
     *
     * @param center the ball's center, finite values, one per dimension
     * @param width the ball's standard deviation in parameter units, positive and finite
     * @return this builder
     */
    public Builder startInBall(double[] center, double width) {
      Objects.requireNonNull(center, "center");
      for (double value : center) {
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              "the ball center must be finite but was " + Arrays.toString(center));
        }
      }
      if (!(width > 0) || !Double.isFinite(width)) {
        throw new IllegalArgumentException(
            "the ball width must be positive and finite but was " + width);
      }
      this.initialization = Initialization.BALL;
      this.ballCenter = center.clone();
      this.ballWidth = width;
      return this;
    }

    /**
     * Sets the number of tries per walker to find a valid start.
     *
     * @param maxStartTries a positive number
     * @return this builder
     */
    public Builder maxStartTries(int maxStartTries) {
      this.maxStartTries = positive("maxStartTries", maxStartTries);
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param seed any number
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets a fixed burn-in.
     *
     * @param burnIn the number of discarded steps, zero or more
     * @return this builder
     */
    public Builder burnIn(int burnIn) {
      if (burnIn < 0) {
        throw new IllegalArgumentException("burnIn must not be negative but was " + burnIn);
      }
      this.burnIn = burnIn;
      return this;
    }

    /**
     * Sets a fixed thinning.
     *
     * @param thin keep every {@code thin}-th step, at least 1
     * @return this builder
     */
    public Builder thin(int thin) {
      this.thin = positive("thin", thin);
      return this;
    }

    /**
     * Sets the checkpoint interval.
     *
     * @param checkpointInterval a positive number of steps
     * @return this builder
     */
    public Builder checkpointInterval(int checkpointInterval) {
      this.checkpointInterval = positive("checkpointInterval", checkpointInterval);
      return this;
    }

    /**
     * Sets the convergence rule: more than {@code tauFactor * tau} steps, and tau changed by less
     * than {@code tauTolerance} (relative) since the previous check, made every {@code
     * checkInterval} steps.
     *
     * @param tauFactor a finite factor, at least 1 (emcee recommends 50)
     * @param tauTolerance a relative tolerance in {@code (0, 1)} (emcee uses 0.01)
     * @param checkInterval a positive number of steps
     * @return this builder
     */
    public Builder convergence(double tauFactor, double tauTolerance, int checkInterval) {
      if (!(tauFactor >= 1) || !Double.isFinite(tauFactor)) {
        throw new IllegalArgumentException(
            "tauFactor must be a finite number of at least 1 but was " + tauFactor);
      }
      if (!(tauTolerance > 0 && tauTolerance < 1)) {
        throw new IllegalArgumentException(
            "tauTolerance must lie strictly between 0 and 1 but was " + tauTolerance);
      }
      this.tauFactor = tauFactor;
      this.tauTolerance = tauTolerance;
      this.checkInterval = positive("checkInterval", checkInterval);
      return this;
    }

    /**
     * Sets the mixing part of the convergence rule: R-hat below {@code maxRHat} and bulk and tail
     * effective sample sizes of at least {@code minEffectiveSamplesPerChain} times the number of
     * chains, for every parameter.
     *
     * @param maxRHat a finite limit greater than 1 (Vehtari et al. recommend 1.01)
     * @param minEffectiveSamplesPerChain a finite number, zero or more (Vehtari et al. recommend
     *     100)
     * @return this builder
     */
    public Builder mixing(double maxRHat, double minEffectiveSamplesPerChain) {
      if (!(maxRHat > 1) || !Double.isFinite(maxRHat)) {
        throw new IllegalArgumentException(
            "maxRHat must be a finite number greater than 1 but was " + maxRHat);
      }
      if (!(minEffectiveSamplesPerChain >= 0) || !Double.isFinite(minEffectiveSamplesPerChain)) {
        throw new IllegalArgumentException(
            "minEffectiveSamplesPerChain must be finite and not negative but was "
                + minEffectiveSamplesPerChain);
      }
      this.maxRHat = maxRHat;
      this.minEffectiveSamplesPerChain = minEffectiveSamplesPerChain;
      return this;
    }

    /**
     * The search.
     *
     * @return the immutable search
     * @throws IllegalArgumentException if a fixed burn-in is not less than the maximum steps, or an
     *     option is out of range
     */
    public EnsembleMcmc build() {
      if (burnIn != EnsembleSettings.AUTOMATIC && burnIn >= maxSteps) {
        throw new IllegalArgumentException(
            "burnIn ("
                + burnIn
                + ") must be less than maxSteps ("
                + maxSteps
                + ") or no step would be kept; lower burnIn or raise maxSteps");
      }
      return new EnsembleMcmc(new EnsembleSettings(this), options());
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }
  }
}

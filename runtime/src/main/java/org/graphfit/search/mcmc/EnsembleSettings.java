package org.graphfit.search.mcmc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graphfit.search.EngineSettings;
import org.graphfit.search.SearchOptions;

/**
 * The immutable settings of an {@link EnsembleSampler}, made with {@link EnsembleMcmc#builder()}.
 * Every value has a default; the builder rejects invalid values with a message naming the setting,
 * and the sampler checks the settings that depend on the problem's dimension (walker count, ball
 * center) when it runs. The sampler runs {@link #chains()} independent ensembles of {@link
 * #walkers(int)} walkers each.
 */
public final class EnsembleSettings implements EngineSettings {
  /** How the walkers' starting points are chosen. */
  public enum Initialization {
    /**
     * Around a given point: each coordinate is the center plus the width times a standard normal.
     */
    BALL,
    /** Independent draws from the prior (through the unit-cube transform). */
    PRIOR
  }

  /** The marker of a burn-in or thinning chosen from the autocorrelation time. */
  static final int AUTOMATIC = -1;

  /** The least default number of walkers per chain. */
  private static final int DEFAULT_MIN_WALKERS = 8;

  private final int chains;
  private final int walkers;
  private final double stretchScale;
  private final int maxSteps;
  private final Initialization initialization;
  private final double[] ballCenter;
  private final double ballWidth;
  private final int maxStartTries;
  private final long seed;
  private final int burnIn;
  private final int thin;
  private final int checkpointInterval;
  private final double tauFactor;
  private final double tauTolerance;
  private final int checkInterval;
  private final double maxRHat;
  private final double minEffectiveSamplesPerChain;

  EnsembleSettings(EnsembleMcmc.Builder builder) {
    this.chains = builder.chains;
    this.walkers = builder.walkers;
    this.stretchScale = builder.stretchScale;
    this.maxSteps = builder.maxSteps;
    this.initialization = builder.initialization;
    this.ballCenter = builder.ballCenter == null ? null : builder.ballCenter.clone();
    this.ballWidth = builder.ballWidth;
    this.maxStartTries = builder.maxStartTries;
    this.seed = builder.seed;
    this.burnIn = builder.burnIn;
    this.thin = builder.thin;
    this.checkpointInterval = builder.checkpointInterval;
    this.tauFactor = builder.tauFactor;
    this.tauTolerance = builder.tauTolerance;
    this.checkInterval = builder.checkInterval;
    this.maxRHat = builder.maxRHat;
    this.minEffectiveSamplesPerChain = builder.minEffectiveSamplesPerChain;
  }

  /**
   * A builder holding these settings and the given options.
   *
   * @param options the search's options
   * @return the builder
   */
  EnsembleMcmc.Builder toBuilder(SearchOptions options) {
    EnsembleMcmc.Builder copy = new EnsembleMcmc.Builder(options);
    copy.chains = chains;
    copy.walkers = walkers;
    copy.stretchScale = stretchScale;
    copy.maxSteps = maxSteps;
    copy.initialization = initialization;
    copy.ballCenter = ballCenter == null ? null : ballCenter.clone();
    copy.ballWidth = ballWidth;
    copy.maxStartTries = maxStartTries;
    copy.seed = seed;
    copy.burnIn = burnIn;
    copy.thin = thin;
    copy.checkpointInterval = checkpointInterval;
    copy.tauFactor = tauFactor;
    copy.tauTolerance = tauTolerance;
    copy.checkInterval = checkInterval;
    copy.maxRHat = maxRHat;
    copy.minEffectiveSamplesPerChain = minEffectiveSamplesPerChain;
    return copy;
  }

  /**
   * The number of independent ensembles. Each starts on its own (from the prior by default) and
   * moves with its own generators; R-hat compares them.
   *
   * @return the chain count (default 4)
   */
  public int chains() {
    return chains;
  }

  /**
   * The number of walkers of each chain for a problem of the given dimension: the configured count,
   * or {@code max(2 * dimension + 2, 8)} by default.
   *
   * @param dimension the problem's dimension
   * @return the walker count per chain
   * @throws IllegalArgumentException if the configured count is not greater than the dimension
   */
  public int walkers(int dimension) {
    if (walkers == 0) {
      return Math.max(2 * dimension + 2, DEFAULT_MIN_WALKERS);
    }
    if (walkers <= dimension) {
      throw new IllegalArgumentException(
          "walkers must be greater than the dimension "
              + dimension
              + " but was "
              + walkers
              + "; use at least "
              + (2 * dimension + 2));
    }
    return walkers;
  }

  /**
   * The stretch move's scale {@code a}: proposals stretch by a factor {@code z} with density
   * proportional to {@code 1 / sqrt(z)} on {@code [1/a, a]}.
   *
   * @return the scale, greater than 1 (default 2)
   */
  public double stretchScale() {
    return stretchScale;
  }

  /**
   * The largest number of ensemble steps.
   *
   * @return the step limit (default 100 000)
   */
  public int maxSteps() {
    return maxSteps;
  }

  /**
   * How the walkers start.
   *
   * @return the initialization (default {@link Initialization#PRIOR})
   */
  public Initialization initialization() {
    return initialization;
  }

  /**
   * The center of the starting ball.
   *
   * @return a copy of the center, or null for the prior medians
   */
  public double[] ballCenter() {
    return ballCenter == null ? null : ballCenter.clone();
  }

  /**
   * The standard deviation of the starting ball, in parameter units, the same in every dimension.
   *
   * @return the width (default 1e-3)
   */
  public double ballWidth() {
    return ballWidth;
  }

  /**
   * The number of tries per walker to find a start with a finite log posterior.
   *
   * @return the try limit (default 1000)
   */
  public int maxStartTries() {
    return maxStartTries;
  }

  /**
   * The seed from which every walker's generator is derived.
   *
   * @return the seed (default 1)
   */
  public long seed() {
    return seed;
  }

  /**
   * The number of initial steps discarded, or automatic: {@code 2 * max(tau)}, at most half the
   * chain.
   *
   * @return the burn-in, or {@code -1} for automatic
   */
  public int burnIn() {
    return burnIn;
  }

  /**
   * Keep every how many steps after burn-in, or automatic: {@code max(1, floor(min(tau) / 2))}.
   *
   * @return the thinning, or {@code -1} for automatic
   */
  public int thin() {
    return thin;
  }

  /**
   * Save a checkpoint every how many steps.
   *
   * @return the interval (default 500)
   */
  public int checkpointInterval() {
    return checkpointInterval;
  }

  /**
   * Converged needs more steps than this many autocorrelation times in every parameter.
   *
   * @return the factor (default 50)
   */
  public double tauFactor() {
    return tauFactor;
  }

  /**
   * Converged needs every autocorrelation time to have changed by less than this fraction since the
   * previous check.
   *
   * @return the relative tolerance (default 0.01)
   */
  public double tauTolerance() {
    return tauTolerance;
  }

  /**
   * Estimate the autocorrelation times and test convergence every how many steps.
   *
   * @return the interval (default 100)
   */
  public int checkInterval() {
    return checkInterval;
  }

  /**
   * Converged needs the rank-normalised split R-hat of every parameter across the chains ({@link
   * ChainDiagnostics#rHat()}) to be below this.
   *
   * @return the limit (default 1.01, Vehtari et al.'s recommendation)
   */
  public double maxRHat() {
    return maxRHat;
  }

  /**
   * Converged needs the bulk and the tail effective sample size of every parameter to be at least
   * this many per chain ({@link ChainDiagnostics}).
   *
   * @return the minimum per chain (default 100, so 400 for four chains, as Vehtari et al. recommend
   *     for reliable R-hat and Monte Carlo errors)
   */
  public double minEffectiveSamplesPerChain() {
    return minEffectiveSamplesPerChain;
  }

  /**
   * The settings that determine the result, by name in a stable order, for {@code search.json} and
   * the output identifier (the checkpoint interval is left out: it changes no result).
   *
   * @return the settings
   */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("chains", chains);
    map.put("walkers", walkers == 0 ? "default" : walkers);
    map.put("stretch_scale", stretchScale);
    map.put("max_steps", maxSteps);
    // these two keys keep their first spelling: they enter the output identifier, and renaming
    // them would make every stored MCMC fit unreachable
    map.put("initialisation", initialization.name());
    if (initialization == Initialization.BALL) {
      map.put("ball_centre", ballCenter.clone());
      map.put("ball_width", ballWidth);
    }
    map.put("max_start_tries", maxStartTries);
    map.put("seed", seed);
    map.put("burn_in", burnIn == AUTOMATIC ? "auto" : burnIn);
    map.put("thin", thin == AUTOMATIC ? "auto" : thin);
    map.put("tau_factor", tauFactor);
    map.put("tau_tolerance", tauTolerance);
    map.put("check_interval", checkInterval);
    map.put("max_r_hat", maxRHat);
    map.put("min_ess_per_chain", minEffectiveSamplesPerChain);
    return map;
  }

  @Override
  public String toString() {
    return "EnsembleSettings[chains="
        + chains
        + ", walkers="
        + (walkers == 0 ? "default" : walkers)
        + ", a="
        + stretchScale
        + ", maxSteps="
        + maxSteps
        + ", init="
        + initialization
        + (initialization == Initialization.BALL
            ? " center=" + Arrays.toString(ballCenter) + " width=" + ballWidth
            : "")
        + ", seed="
        + seed
        + ", burnIn="
        + (burnIn == AUTOMATIC ? "auto" : burnIn)
        + ", thin="
        + (thin == AUTOMATIC ? "auto" : thin)
        + ", tauFactor="
        + tauFactor
        + ", maxRHat="
        + maxRHat
        + ", minEssPerChain="
        + minEffectiveSamplesPerChain
        + "]";
  }
}

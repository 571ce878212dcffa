package org.graphfit.search.mcmc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable settings of an {@link EnsembleSampler}, made with {@link #builder()}. Every value
 * has a default; the builder rejects invalid values with a message naming the setting, and the
 * sampler checks the settings that depend on the problem's dimension (walker count, ball centre)
 * when it runs. The sampler runs {@link #chains()} independent ensembles of {@link #walkers(int)}
 * walkers each.
 */
public final class EnsembleSettings {
  /** How the walkers' starting points are chosen. */
  public enum Initialisation {
    /**
     * Around a given point: each coordinate is the centre plus the width times a standard normal.
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
  private final Initialisation initialisation;
  private final double[] ballCentre;
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

  private EnsembleSettings(Builder builder) {
    this.chains = builder.chains;
    this.walkers = builder.walkers;
    this.stretchScale = builder.stretchScale;
    this.maxSteps = builder.maxSteps;
    this.initialisation = builder.initialisation;
    this.ballCentre = builder.ballCentre == null ? null : builder.ballCentre.clone();
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
   * These settings with another seed.
   *
   * @param newSeed the seed
   * @return a copy that differs only in its seed
   */
  public EnsembleSettings withSeed(long newSeed) {
    Builder copy = new Builder();
    copy.chains = chains;
    copy.walkers = walkers;
    copy.stretchScale = stretchScale;
    copy.maxSteps = maxSteps;
    copy.initialisation = initialisation;
    copy.ballCentre = ballCentre == null ? null : ballCentre.clone();
    copy.ballWidth = ballWidth;
    copy.maxStartTries = maxStartTries;
    copy.seed = newSeed;
    copy.burnIn = burnIn;
    copy.thin = thin;
    copy.checkpointInterval = checkpointInterval;
    copy.tauFactor = tauFactor;
    copy.tauTolerance = tauTolerance;
    copy.checkInterval = checkInterval;
    copy.maxRHat = maxRHat;
    copy.minEffectiveSamplesPerChain = minEffectiveSamplesPerChain;
    return new EnsembleSettings(copy);
  }

  /**
   * A builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
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
   * @return the initialisation (default {@link Initialisation#PRIOR})
   */
  public Initialisation initialisation() {
    return initialisation;
  }

  /**
   * The centre of the starting ball.
   *
   * @return a copy of the centre, or null for the prior medians
   */
  public double[] ballCentre() {
    return ballCentre == null ? null : ballCentre.clone();
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
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("chains", chains);
    map.put("walkers", walkers == 0 ? "default" : walkers);
    map.put("stretch_scale", stretchScale);
    map.put("max_steps", maxSteps);
    map.put("initialisation", initialisation.name());
    if (initialisation == Initialisation.BALL) {
      map.put("ball_centre", ballCentre.clone());
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
        + initialisation
        + (initialisation == Initialisation.BALL
            ? " centre=" + Arrays.toString(ballCentre) + " width=" + ballWidth
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

  /** Collects settings; every setter validates its argument. */
  public static final class Builder {
    private int chains = 4;
    private int walkers;
    private double stretchScale = 2;
    private int maxSteps = 100_000;
    private Initialisation initialisation = Initialisation.PRIOR;
    private double[] ballCentre;
    private double ballWidth = 1e-3;
    private int maxStartTries = 1000;
    private long seed = 1;
    private int burnIn = AUTOMATIC;
    private int thin = AUTOMATIC;
    private int checkpointInterval = 500;
    private double tauFactor = 50;
    private double tauTolerance = 0.01;
    private int checkInterval = 100;
    private double maxRHat = ChainDiagnostics.RECOMMENDED_MAX_R_HAT;
    private double minEffectiveSamplesPerChain = 100;

    private Builder() {}

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
      this.initialisation = Initialisation.PRIOR;
      this.ballCentre = null;
      return this;
    }

    /**
     * Starts the walkers in a Gaussian ball.
     *
     * @param centre the ball's centre, finite values, one per dimension
     * @param width the ball's standard deviation in parameter units, positive and finite
     * @return this builder
     */
    public Builder startInBall(double[] centre, double width) {
      Objects.requireNonNull(centre, "centre");
      for (double value : centre) {
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException(
              "the ball centre must be finite but was " + Arrays.toString(centre));
        }
      }
      if (!(width > 0) || !Double.isFinite(width)) {
        throw new IllegalArgumentException(
            "the ball width must be positive and finite but was " + width);
      }
      this.initialisation = Initialisation.BALL;
      this.ballCentre = centre.clone();
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
     * The settings.
     *
     * @return the immutable settings
     * @throws IllegalArgumentException if a fixed burn-in is not less than the maximum steps
     */
    public EnsembleSettings build() {
      if (burnIn != AUTOMATIC && burnIn >= maxSteps) {
        throw new IllegalArgumentException(
            "burnIn ("
                + burnIn
                + ") must be less than maxSteps ("
                + maxSteps
                + ") or no step would be kept; lower burnIn or raise maxSteps");
      }
      return new EnsembleSettings(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }
  }
}

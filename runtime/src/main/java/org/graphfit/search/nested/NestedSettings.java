package org.graphfit.search.nested;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable configuration of a {@link NestedSampler}, made with {@link #builder()}. Defaults
 * follow dynesty: 500 live points, multi-ellipsoid bounds, automatic choice of proposal, stopping
 * when the estimated remaining evidence is below {@code dlogz = 0.1}.
 */
public final class NestedSettings {
  /** How the live points are bounded. */
  public enum Bound {
    /** The unit cube itself. */
    NONE,
    /** One ellipsoid around all live points. */
    SINGLE,
    /** Several ellipsoids found by recursive two-means splitting. */
    MULTI
  }

  /** How a replacement live point is proposed. */
  public enum Sample {
    /**
     * Chosen by dimension and cost: uniform up to 3 dimensions; from 4 to 20 dimensions uniform
     * while it costs fewer likelihood calls per new point than its fallback would ({@link
     * NestedSettings#switchEfficiency(int)}), then, for good, random walks up to 10 dimensions and
     * random-direction slices above; random-direction slices above 20 dimensions. Uniform sampling
     * within a cross-validated bound is the most accurate (on a 20-D Gaussian of correlation 0.95
     * it is unbiased in 300k calls where 20 slices per point are 2 sigma high in 1.7M), so it is
     * kept as long as it is also the cheaper; the switch keeps curved or multimodal posteriors from
     * costing it millions of calls.
     */
    AUTO,
    /** Uniform within the bound. */
    UNIFORM,
    /** A random walk from a live point with a step scale adapted towards acceptance one half. */
    RWALK,
    /** Slice sampling along each principal axis of the bounding ellipsoid in turn. */
    SLICE,
    /** Slice sampling along random directions shaped by the bounding ellipsoid. */
    RSLICE;

    /**
     * The method a run starts with: this one, or for {@link #AUTO} the method chosen by dimension.
     *
     * @param dimension the problem's dimension
     * @return a method other than {@link #AUTO}
     */
    public Sample resolve(int dimension) {
      if (this != AUTO) {
        return this;
      }
      return dimension <= 20 ? UNIFORM : RSLICE;
    }

    /**
     * The method a run switches to when uniform sampling becomes inefficient: for {@link #AUTO} in
     * 4 to 20 dimensions, random walks up to 10 dimensions and random-direction slices above; for
     * any other case the method itself (no switch).
     *
     * @param dimension the problem's dimension
     * @return the fallback method
     */
    public Sample fallback(int dimension) {
      if (this != AUTO || dimension <= 3 || dimension > 20) {
        return resolve(dimension);
      }
      return dimension <= 10 ? RWALK : RSLICE;
    }
  }

  private final int liveCount;
  private final Bound bound;
  private final Sample sample;
  private final double dlogz;
  private final long seed;
  private final long maxIterations;
  private final long maxCalls;
  private final long updateInterval;
  private final double enlarge;
  private final int folds;
  private final int walks;
  private final int slices;
  private final long firstUpdateCalls;
  private final double firstUpdateEfficiency;
  private final long checkpointInterval;

  /** The largest default batch size: enough for two threads, more is for the caller to ask. */
  private static final int MAX_DEFAULT_BATCH_SIZE = 12;

  private final int batchSize;
  private final double targetEffectiveSamples;
  private final int maxBatches;
  private final int batchLiveCount;
  private final double posteriorFraction;

  private NestedSettings(Builder b) {
    this.liveCount = b.liveCount;
    this.bound = b.bound;
    this.sample = b.sample;
    this.dlogz = b.dlogz;
    this.seed = b.seed;
    this.maxIterations = b.maxIterations;
    this.maxCalls = b.maxCalls;
    this.updateInterval = b.updateInterval;
    this.enlarge = b.enlarge;
    this.folds = b.folds;
    this.walks = b.walks;
    this.slices = b.slices;
    this.firstUpdateCalls = b.firstUpdateCalls;
    this.firstUpdateEfficiency = b.firstUpdateEfficiency;
    this.checkpointInterval = b.checkpointInterval;
    this.batchSize = b.batchSize;
    this.targetEffectiveSamples = b.targetEffectiveSamples;
    this.maxBatches = b.maxBatches;
    this.batchLiveCount = b.batchLiveCount;
    this.posteriorFraction = b.posteriorFraction;
  }

  /**
   * These settings with another seed.
   *
   * @param newSeed the seed
   * @return a copy that differs only in its seed
   */
  public NestedSettings withSeed(long newSeed) {
    Builder copy = copy();
    copy.seed = newSeed;
    return new NestedSettings(copy);
  }

  /**
   * These settings with another number of live points, for a batch of dynamic nested sampling; an
   * automatic batch size follows the new count.
   */
  NestedSettings withLiveCount(int newLiveCount) {
    Builder copy = copy();
    copy.liveCount = newLiveCount;
    return new NestedSettings(copy);
  }

  private Builder copy() {
    Builder copy = new Builder();
    copy.liveCount = liveCount;
    copy.bound = bound;
    copy.sample = sample;
    copy.dlogz = dlogz;
    copy.seed = seed;
    copy.maxIterations = maxIterations;
    copy.maxCalls = maxCalls;
    copy.updateInterval = updateInterval;
    copy.enlarge = enlarge;
    copy.folds = folds;
    copy.walks = walks;
    copy.slices = slices;
    copy.firstUpdateCalls = firstUpdateCalls;
    copy.firstUpdateEfficiency = firstUpdateEfficiency;
    copy.checkpointInterval = checkpointInterval;
    copy.batchSize = batchSize;
    copy.targetEffectiveSamples = targetEffectiveSamples;
    copy.maxBatches = maxBatches;
    copy.batchLiveCount = batchLiveCount;
    copy.posteriorFraction = posteriorFraction;
    return copy;
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
   * The defaults.
   *
   * @return settings with every default
   */
  public static NestedSettings defaults() {
    return builder().build();
  }

  /**
   * The number of live points.
   *
   * @return the live point count, default 500
   */
  public int nLive() {
    return liveCount;
  }

  /**
   * The bounding method.
   *
   * @return the bound, default {@link Bound#MULTI}
   */
  public Bound bound() {
    return bound;
  }

  /**
   * The proposal method as configured.
   *
   * @return the method, default {@link Sample#AUTO}
   */
  public Sample sample() {
    return sample;
  }

  /**
   * The stopping threshold on the estimated remaining log evidence.
   *
   * @return dlogz, default 0.1
   */
  public double dlogz() {
    return dlogz;
  }

  /**
   * The seed of the random generator.
   *
   * @return the seed, default 0
   */
  public long seed() {
    return seed;
  }

  /**
   * The iteration limit.
   *
   * @return the maximum number of dead points, default unlimited ({@link Long#MAX_VALUE})
   */
  public long maxIterations() {
    return maxIterations;
  }

  /**
   * The likelihood call limit, checked after each batch of proposals.
   *
   * @return the maximum number of calls, default unlimited ({@link Long#MAX_VALUE})
   */
  public long maxCalls() {
    return maxCalls;
  }

  /**
   * The number of likelihood calls between bound updates for a method in a given dimension: the
   * configured value, or by default, as dynesty, {@code 0.15 walks nLive} for random walks, {@code
   * 0.9 d slices nLive} for slices and {@code 2 slices nLive} for random slices, and {@code 1.5
   * max(1, d / 5) nLive} for uniform proposals (dynesty's 1.5 nLive up to 5 dimensions; fewer
   * refits above, where a refit costs more than the calls it saves). Uniform sampling also refits
   * early when its efficiency drops.
   *
   * @param method the proposal method in use (not {@link Sample#AUTO})
   * @param dimension the problem's dimension
   * @return the update interval in calls, at least 1
   */
  public long updateInterval(Sample method, int dimension) {
    if (updateInterval > 0) {
      return updateInterval;
    }
    double factor =
        switch (method) {
          case UNIFORM -> 1.5 * Math.max(1, dimension / 5.0);
          case RWALK -> 0.15 * walks;
          case SLICE -> 0.9 * dimension * slices(method, dimension);
          default -> 2.0 * slices(method, dimension);
        };
    return Math.max(1, Math.round(factor * liveCount));
  }

  /**
   * The likelihood calls a random-direction slice costs on average: at least two to step out, one
   * or more to shrink (4.7 measured on a 20-D Gaussian).
   */
  static final double CALLS_PER_SLICE = 4;

  /**
   * The efficiency (new points per call) of uniform sampling below which {@link Sample#AUTO}
   * switches to its fallback in a given dimension: one over the fallback's expected calls per new
   * point, {@link #walks()} for random walks and {@code 4 slices} for random-direction slices, so
   * that uniform sampling, the more accurate, is left only when it costs more.
   *
   * @param dimension the problem's dimension
   * @return the efficiency, 0 where {@code AUTO} does not switch
   */
  public double switchEfficiency(int dimension) {
    Sample fallback = sample.fallback(dimension);
    if (fallback == sample.resolve(dimension)) {
      return 0;
    }
    return switch (fallback) {
      case RWALK -> 1.0 / walks;
      case RSLICE -> 1.0 / (CALLS_PER_SLICE * slices(fallback, dimension));
      case SLICE -> 1.0 / (CALLS_PER_SLICE * dimension * slices(fallback, dimension));
      default -> 0;
    };
  }

  /**
   * The factor by which each bounding ellipsoid's volume is enlarged.
   *
   * @return the enlargement, default 1.25
   */
  public double enlarge() {
    return enlarge;
  }

  /**
   * The number of cross-validation folds that size the bound for uniform proposals in a given
   * dimension: each ellipsoid, fitted to its live points less one fold, must grow to contain that
   * fold's points, and it is grown by the largest such factor over the folds (or by {@link
   * #enlarge()}, whichever is larger); 0 keeps the fixed enlargement alone. By default 5 from 4
   * dimensions up, where an ellipsoid enlarged by the fixed factor misses up to 0.8% of an
   * ellipsoidal region (500 points, 20 dimensions) and more of others (the seed example's joint
   * fit), and 0 below, where the fixed factor is a radius factor of at least 1.077, the 2-D
   * benchmark problems (shells, eggbox) are unbiased with it, and folds cost the eggbox 2.5 times
   * the calls. Walks and slices use the bound only to shape their moves and are not affected.
   *
   * @param dimension the problem's dimension
   * @return the folds
   */
  public int folds(int dimension) {
    if (folds >= 0) {
      return folds;
    }
    return dimension <= 3 ? 0 : 5;
  }

  /**
   * The number of random-walk steps per proposal.
   *
   * @return the walks, default 25
   */
  public int walks() {
    return walks;
  }

  /**
   * The number of slice updates per proposal for a method in a given dimension: the configured
   * value, or by default 5 sweeps over all axes for {@link Sample#SLICE} and {@code max(5, 3
   * dimension)} random directions for {@link Sample#RSLICE}. Fewer random directions leave new
   * points correlated with their start and bias the evidence upwards: on the 12-D hierarchical toys
   * of {@code EpHierarchicalBenchmark} {@code dimension} slices are 0.56 too high on average and
   * {@code 3 dimension} 0.08 (9 problems, reported error 0.37); PolyChord recommends about {@code 5
   * dimension} for evidences.
   *
   * @param method the proposal method in use (not {@link Sample#AUTO})
   * @param dimension the problem's dimension
   * @return the slices
   */
  public int slices(Sample method, int dimension) {
    if (slices > 0) {
      return slices;
    }
    return method == Sample.RSLICE ? Math.max(5, 3 * dimension) : 5;
  }

  /**
   * The number of likelihood calls after which, once the efficiency has also fallen below {@link
   * #firstUpdateEfficiency()}, sampling switches from the unit cube to the bound.
   *
   * @return the calls, default {@code 2 nLive}
   */
  public long firstUpdateCalls() {
    return firstUpdateCalls >= 0 ? firstUpdateCalls : 2L * liveCount;
  }

  /**
   * The efficiency (iterations per call) below which sampling switches from the unit cube to the
   * bound.
   *
   * @return the efficiency, default 0.1
   */
  public double firstUpdateEfficiency() {
    return firstUpdateEfficiency;
  }

  /**
   * The number of iterations between checkpoints.
   *
   * @return the interval, default 1000
   */
  public long checkpointInterval() {
    return checkpointInterval;
  }

  /**
   * The number of proposals evaluated concurrently in one batch, all made against the same live
   * points and used in order. Results depend on it but not on the number of threads. A proposal
   * that is no longer above the constraint once earlier ones of its batch raised it is discarded,
   * which costs about {@code (batch - 1) / (2 nLive)} of the calls; fewer proposals than twice the
   * threads leave threads idle while the slowest proposal of a batch finishes.
   *
   * @return the batch size; by default {@code nLive / 40} between 1 and 12, so 12 at the default
   *     500 live points (about 1% more calls than one at a time, and 1.8-1.9 times faster on two
   *     threads for expensive likelihoods), whatever the number of threads
   */
  public int batchSize() {
    return batchSize > 0 ? batchSize : defaultBatchSize(liveCount);
  }

  /**
   * The default batch size for a number of live points: {@code nLive / 40} between 1 and {@value
   * #MAX_DEFAULT_BATCH_SIZE}, which keeps the stale proposals under about 1% of the calls.
   */
  static int defaultBatchSize(int liveCount) {
    return Math.max(1, Math.min(MAX_DEFAULT_BATCH_SIZE, liveCount / 40));
  }

  /**
   * Whether the run is dynamic: after the static run, batches of live points are added where the
   * posterior mass is until {@link #targetEffectiveSamples()} is reached (see {@link
   * DynamicNestedSampler}).
   *
   * @return true if a target effective sample size was set
   */
  public boolean dynamic() {
    return targetEffectiveSamples > 0;
  }

  /**
   * The effective sample size (Kish's {@code 1 / sum w^2}) at which dynamic nested sampling stops
   * adding batches.
   *
   * @return the target, 0 (the default) for a static run
   */
  public double targetEffectiveSamples() {
    return targetEffectiveSamples;
  }

  /**
   * The most batches dynamic nested sampling adds after the static run.
   *
   * @return the batch limit, default 20
   */
  public int maxBatches() {
    return maxBatches;
  }

  /**
   * The number of live points of each batch of dynamic nested sampling.
   *
   * @return the batch's live points, by default {@link #nLive()}
   */
  public int batchLiveCount() {
    return batchLiveCount > 0 ? batchLiveCount : liveCount;
  }

  /**
   * The share of the weight function that dynamic nested sampling gives to the posterior rather
   * than the evidence (dynesty's {@code pfrac}): each batch covers the likelihood range where
   * {@code f p_i + (1 - f) z_i} exceeds 0.8 of its maximum, with {@code p_i} the posterior weight
   * of the dead point {@code i} and {@code z_i} the evidence beyond it per live point. 1 spends
   * every batch on the posterior's bulk, 0 on the evidence.
   *
   * @return the fraction in {@code [0, 1]}, default 0.8
   */
  public double posteriorFraction() {
    return posteriorFraction;
  }

  /**
   * The settings that determine the result, in a stable order, as written to {@code search.json}
   * and hashed into the output identifier; automatic values read {@code "auto"}. The checkpoint
   * interval is left out: it changes no result, so changing it keeps a fit resumable. The settings
   * of dynamic nested sampling appear only for a dynamic run, so a static fit keeps its identifier.
   *
   * @return the settings by name
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n_live", liveCount);
    map.put("bound", bound.name());
    map.put("sample", sample.name());
    map.put("dlogz", dlogz);
    map.put("seed", seed);
    map.put("max_iterations", maxIterations);
    map.put("max_calls", maxCalls);
    map.put("update_interval", updateInterval > 0 ? updateInterval : "auto");
    map.put("enlarge", enlarge);
    map.put("folds", folds >= 0 ? folds : "auto");
    map.put("walks", walks);
    map.put("slices", slices > 0 ? slices : "auto");
    map.put("first_update_calls", firstUpdateCalls >= 0 ? firstUpdateCalls : "auto");
    map.put("first_update_efficiency", firstUpdateEfficiency);
    map.put("batch_size", batchSize > 0 ? batchSize : "auto");
    if (dynamic()) {
      map.put("target_effective_samples", targetEffectiveSamples);
      map.put("max_batches", maxBatches);
      map.put("batch_live_points", batchLiveCount > 0 ? batchLiveCount : "auto");
      map.put("posterior_fraction", posteriorFraction);
    }
    return map;
  }

  @Override
  public String toString() {
    return "NestedSettings{nLive="
        + liveCount
        + ", bound="
        + bound
        + ", sample="
        + sample
        + ", dlogz="
        + dlogz
        + ", seed="
        + seed
        + ", batchSize="
        + batchSize()
        + "}";
  }

  /**
   * Collects and validates settings; every setter rejects bad values with a message naming them.
   */
  public static final class Builder {
    private int liveCount = 500;
    private Bound bound = Bound.MULTI;
    private Sample sample = Sample.AUTO;
    private double dlogz = 0.1;
    private long seed;
    private long maxIterations = Long.MAX_VALUE;
    private long maxCalls = Long.MAX_VALUE;
    private long updateInterval = -1;
    private double enlarge = 1.25;
    private int folds = -1;
    private int walks = 25;
    private int slices = -1;
    private long firstUpdateCalls = -1;
    private double firstUpdateEfficiency = 0.1;
    private long checkpointInterval = 1000;
    private int batchSize;
    private double targetEffectiveSamples;
    private int maxBatches = 20;
    private int batchLiveCount;
    private double posteriorFraction = 0.8;

    private Builder() {}

    /**
     * Sets the number of live points.
     *
     * @param value at least 2
     * @return this builder
     */
    public Builder nLive(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("nLive must be at least 2 but was " + value);
      }
      this.liveCount = value;
      return this;
    }

    /**
     * Sets the bounding method.
     *
     * @param value the bound
     * @return this builder
     */
    public Builder bound(Bound value) {
      this.bound = Objects.requireNonNull(value, "bound");
      return this;
    }

    /**
     * Sets the proposal method.
     *
     * @param value the method
     * @return this builder
     */
    public Builder sample(Sample value) {
      this.sample = Objects.requireNonNull(value, "sample");
      return this;
    }

    /**
     * Sets the stopping threshold on the remaining log evidence.
     *
     * @param value positive and finite
     * @return this builder
     */
    public Builder dlogz(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("dlogz must be positive and finite but was " + value);
      }
      this.dlogz = value;
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param value any seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the iteration limit.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxIterations(long value) {
      this.maxIterations = positive("maxIterations", value);
      return this;
    }

    /**
     * Sets the likelihood call limit.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxCalls(long value) {
      this.maxCalls = positive("maxCalls", value);
      return this;
    }

    /**
     * Sets the number of likelihood calls between bound updates.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder updateInterval(long value) {
      this.updateInterval = positive("updateInterval", value);
      return this;
    }

    /**
     * Sets the volume enlargement factor of the bounding ellipsoids.
     *
     * @param value at least 1 and finite
     * @return this builder
     */
    public Builder enlarge(double value) {
      if (!(value >= 1) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "enlarge must be at least 1 and finite but was " + value);
      }
      this.enlarge = value;
      return this;
    }

    /**
     * Sets the number of cross-validation folds that size the bound of uniform proposals.
     *
     * @param value 0 (the fixed enlargement alone) or at least 2
     * @return this builder
     */
    public Builder folds(int value) {
      if (value < 0 || value == 1) {
        throw new IllegalArgumentException("folds must be 0 or at least 2 but was " + value);
      }
      this.folds = value;
      return this;
    }

    /**
     * Sets the number of random-walk steps per proposal.
     *
     * @param value at least 2
     * @return this builder
     */
    public Builder walks(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("walks must be at least 2 but was " + value);
      }
      this.walks = value;
      return this;
    }

    /**
     * Sets the number of slice updates per proposal.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder slices(int value) {
      this.slices = (int) positive("slices", value);
      return this;
    }

    /**
     * Sets the calls before sampling may switch from the unit cube to the bound.
     *
     * @param value at least 0
     * @return this builder
     */
    public Builder firstUpdateCalls(long value) {
      if (value < 0) {
        throw new IllegalArgumentException(
            "firstUpdateCalls must not be negative but was " + value);
      }
      this.firstUpdateCalls = value;
      return this;
    }

    /**
     * Sets the efficiency below which sampling switches from the unit cube to the bound.
     *
     * @param value in {@code (0, 1]}
     * @return this builder
     */
    public Builder firstUpdateEfficiency(double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException(
            "firstUpdateEfficiency must be in (0, 1] but was " + value);
      }
      this.firstUpdateEfficiency = value;
      return this;
    }

    /**
     * Sets the number of iterations between checkpoints.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder checkpointInterval(long value) {
      this.checkpointInterval = positive("checkpointInterval", value);
      return this;
    }

    /**
     * Sets the number of proposals evaluated concurrently per batch instead of the default chosen
     * from the live points (see {@link NestedSettings#batchSize()}).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder batchSize(int value) {
      this.batchSize = (int) positive("batchSize", value);
      return this;
    }

    /**
     * Makes the run dynamic: after the static run, batches of live points are added over the
     * likelihood range where the posterior mass is until Kish's effective sample size of the merged
     * run reaches the target (or {@link #maxBatches(int)} batches or {@link #maxCalls(long)} calls
     * were spent).
     *
     * @param value positive and finite
     * @return this builder
     */
    public Builder targetEffectiveSamples(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "targetEffectiveSamples must be positive and finite but was " + value);
      }
      this.targetEffectiveSamples = value;
      return this;
    }

    /**
     * Sets the most batches a dynamic run adds.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxBatches(int value) {
      this.maxBatches = (int) positive("maxBatches", value);
      return this;
    }

    /**
     * Sets the number of live points of each batch of a dynamic run.
     *
     * @param value at least 2
     * @return this builder
     */
    public Builder batchLiveCount(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("batchLiveCount must be at least 2 but was " + value);
      }
      this.batchLiveCount = value;
      return this;
    }

    /**
     * Sets the share of the weight function given to the posterior rather than the evidence.
     *
     * @param value in {@code [0, 1]}
     * @return this builder
     */
    public Builder posteriorFraction(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("posteriorFraction must be in [0, 1] but was " + value);
      }
      this.posteriorFraction = value;
      return this;
    }

    /**
     * The settings.
     *
     * @return the immutable settings
     */
    public NestedSettings build() {
      return new NestedSettings(this);
    }

    private static long positive(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
      }
      return value;
    }
  }
}

package org.graphfit.search.nested;

import java.util.LinkedHashMap;
import java.util.Map;
import org.graphfit.search.EngineSettings;
import org.graphfit.search.SearchOptions;

/**
 * The immutable configuration of a {@link NestedSampler}, made with {@link
 * NestedSampling#builder()}. Defaults follow dynesty: 500 live points, multi-ellipsoid bounds,
 * automatic choice of proposal, stopping when the estimated remaining evidence is below {@code
 * dlogz = 0.1}.
 */
public final class NestedSettings implements EngineSettings {
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
     * while it costs fewer likelihood calls per new point than its fallback would (one over {@link
     * #walks()} for random walks, one over 4 calls per slice for slices), then, for good, random
     * walks up to 10 dimensions and random-direction slices above; random-direction slices above 20
     * dimensions. Uniform sampling within a cross-validated bound is the most accurate (on a 20-D
     * Gaussian of correlation 0.95 it is unbiased in 300k calls where 20 slices per point are 2
     * sigma high in 1.7M), so it is kept as long as it is also the cheaper; the switch keeps curved
     * or multimodal posteriors from costing it millions of calls.
     */
    AUTO,
    /** Uniform within the bound. */
    UNIFORM,
    /** A random walk from a live point with a step scale adapted towards acceptance one half. */
    RWALK,
    /** Slice sampling along each principal axis of the bounding ellipsoid in turn. */
    SLICE,
    /** Slice sampling along random directions shaped by the bounding ellipsoid. */
    RSLICE
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

  NestedSettings(NestedSampling.Builder b) {
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
   * These settings with another number of live points, for a batch of dynamic nested sampling; an
   * automatic batch size follows the new count.
   */
  NestedSettings withLiveCount(int newLiveCount) {
    NestedSampling.Builder copy = toBuilder(SearchOptions.defaults());
    copy.liveCount = newLiveCount;
    return new NestedSettings(copy);
  }

  /**
   * A builder holding these settings and the given options.
   *
   * @param options the search's options
   * @return the builder
   */
  NestedSampling.Builder toBuilder(SearchOptions options) {
    NestedSampling.Builder copy = new NestedSampling.Builder(options);
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
   * threads leave threads idle while the slowest proposal of a batch finishes. Walks and slices
   * adapt their scale once per batch, from the moves of all its proposals.
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
  @Override
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
}

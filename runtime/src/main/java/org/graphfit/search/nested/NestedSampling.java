package org.graphfit.search.nested;

import java.util.ArrayList;
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
import org.graphfit.search.nested.NestedSettings.Bound;
import org.graphfit.search.nested.NestedSettings.Sample;

// Long because the public Builder documents each of its twenty-one options (about 300 lines); the
// search itself is its run and the concerns it reports, the algorithm NestedSampler's and the
// dynamic batches DynamicNestedSampler's.
/**
 * Nested sampling as a search, made with {@link #builder()}:
 *
 * <pre>{@code
 * Result<Gaussian> result =
 *     NestedSampling.builder().nLive(500).seed(1).threads(2).build().fit(model, analysis);
 * }</pre>
 *
 * <p>The {@link NestedSampler}'s weighted dead and final live points become the samples, the log
 * evidence and its error are reported, and the diagnostics are the information, the iterations and
 * the effective sample size. A run that stopped at its call or iteration limit, whose walks or
 * slices got stuck, or whose new live points were inserted at likelihood ranks that are not uniform
 * ({@link InsertionRankTest}), carries a {@link Concern}.
 *
 * <p>With {@link NestedSettings#targetEffectiveSamples()} set, the {@link DynamicNestedSampler}
 * runs instead: the samples are those of the merged run, the self-checks those of its static run,
 * and a run that stopped short of its target carries a concern.
 *
 * <p>Proposals are evaluated in batches of {@link NestedSettings#batchSize()} on the search's
 * threads; the batch size, not the thread count, determines the result. The default batch (12
 * proposals at 500 live points) keeps two threads busy; on more cores set it to a few times the
 * number of threads.
 */
public final class NestedSampling extends EngineSearch<NestedSettings> {
  private NestedSampling(NestedSettings settings, SearchOptions options) {
    super(settings, options);
  }

  /**
   * A builder holding the defaults: dynesty's settings (see {@link NestedSettings}) and {@link
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
    return "NestedSampling";
  }

  @Override
  public NestedSampling withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    NestedRun run;
    NestedRun checked;
    DynamicRun dynamic = null;
    if (settings().dynamic()) {
      dynamic = new DynamicNestedSampler(settings()).run(problem, runner, checkpoints);
      run = dynamic.merged();
      checked = dynamic.initial();
    } else {
      run = new NestedSampler(settings()).run(problem, runner, checkpoints);
      checked = run;
    }
    int n = run.size();
    double[][] vectors = new double[n][];
    double[] weights = new double[n];
    double[] logWeights = run.logWeights();
    for (int k = 0; k < n; k++) {
      vectors[k] = run.vector(k);
      weights[k] = Math.exp(logWeights[k]);
    }
    Samples samples = Samples.of(problem, vectors, run.logLikelihoods(), weights);
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("information", run.information());
    diagnostics.put("iterations", (double) run.iterations());
    diagnostics.put("effective_sample_size", run.effectiveSampleSize());
    diagnostics.put("remaining_dlogz", run.remainingLogZ());
    diagnostics.put("converged", run.converged() ? 1.0 : 0.0);
    diagnostics.put("stuck_proposals", (double) run.stuckProposals());
    InsertionRankTest ranks = InsertionRankTest.of(checked.insertionRanks(), settings().nLive());
    diagnostics.put("insertion_rank_p", ranks.adjustedP());
    diagnostics.put("ancestors", run.ancestors());
    diagnostics.put("neutral_ancestors", run.neutralAncestors());
    diagnostics.put("lineage_variance", run.lineageVariance());
    List<Concern> concerns = concerns(checked, ranks);
    if (dynamic != null) {
      diagnostics.put("batches", (double) dynamic.batches());
      diagnostics.put("static_effective_sample_size", checked.effectiveSampleSize());
      diagnostics.put("static_log_evidence", checked.logZ());
      if (!dynamic.reachedTarget()) {
        concerns.add(
            new Concern(
                Check.EFFECTIVE_SAMPLE_SIZE,
                String.format(
                    Locale.ROOT,
                    "dynamic nested sampling stopped after %d batches and %d likelihood calls with"
                        + " an effective sample size of %.1f, below its target of %.1f: raise"
                        + " maxBatches or maxCalls, or lower targetEffectiveSamples",
                    dynamic.batches(),
                    run.calls(),
                    run.effectiveSampleSize(),
                    settings().targetEffectiveSamples())));
      }
      if (dynamic.batchStuckProposals() > 0.05 * (run.iterations() - checked.iterations())) {
        concerns.add(
            new Concern(
                Check.STUCK_PROPOSALS,
                dynamic.batchStuckProposals()
                    + " new live points of the dynamic batches copy an existing one because their"
                    + " random walk or slice got stuck; raise walks or slices, or use uniform"
                    + " sampling"));
      }
    }
    return new SearchRun(samples, run.logZ(), run.logZError(), diagnostics, concerns);
  }

  /**
   * What to do about a bottleneck: enough live points that the region holds about {@link
   * Lineages#FEW_ANCESTORS} times as many, evidence batches through it, or nested sampling per
   * factor.
   */
  private String bottleneckAdvice(NestedRun run) {
    long liveCount =
        Math.round(
            Math.ceil(
                    settings().nLive()
                        * Lineages.FEW_ANCESTORS
                        / Math.max(run.ancestors(), 0.1)
                        / 100)
                * 100);
    return String.format(
        Locale.ROOT,
        "raise nLive to about %d (so that the region holds %.0f live points rather than %.1f), or"
            + " add batches that start below it with dynamic nested sampling"
            + " (targetEffectiveSamples with posteriorFraction 0, each batch as many live points"
            + " again), or, for a factor graph, fit with expectation propagation and nested"
            + " sampling per factor, whose low-dimensional fits do not share the bottleneck",
        liveCount,
        Lineages.FEW_ANCESTORS,
        run.ancestors());
  }

  /** The self-checks of a static run, or of the static run of a dynamic one. */
  private List<Concern> concerns(NestedRun run, InsertionRankTest ranks) {
    List<Concern> concerns = new ArrayList<>();
    if (ranks.failed(InsertionRankTest.FALSE_ALARM)) {
      concerns.add(
          new Concern(
              Check.INSERTION_RANK,
              ranks.describe()
                  + ": new live points were not drawn from the whole prior above the likelihood"
                  + " constraint, so the evidence and posterior may be wrong (a correct run fails"
                  + " this test with probability "
                  + InsertionRankTest.FALSE_ALARM
                  + "); raise nLive, or walks or slices"));
    }
    if (run.bottleneck()) {
      concerns.add(
          new Concern(
              Check.LINEAGE_BOTTLENECK,
              run.describeBottleneck()
                  + ": a region of the posterior grew out of a few live points that moves could not"
                  + " reach from elsewhere (a phase transition or separated modes), so its share of"
                  + " the evidence is uncertain beyond the usual error: "
                  + bottleneckAdvice(run)));
    }
    if (run.stuckProposals() > 0.05 * run.iterations()) {
      concerns.add(
          new Concern(
              Check.STUCK_PROPOSALS,
              run.stuckProposals()
                  + " of "
                  + run.iterations()
                  + " new live points copy an existing one because their random walk or slice got"
                  + " stuck; raise walks or slices, or use uniform sampling"));
    }
    if (!run.converged()) {
      concerns.add(
          new Concern(
              Check.CONVERGENCE,
              String.format(
                  Locale.ROOT,
                  "nested sampling stopped at its iteration or call limit with %.3g of log evidence"
                      + " still in the live points (dlogz %.3g); the evidence and its error are not"
                      + " trustworthy: raise maxCalls or maxIterations",
                  run.remainingLogZ(),
                  settings().dlogz())));
    }
    return concerns;
  }

  /**
   * Collects and validates the sampler's settings and the options every search shares ({@link
   * SearchBuilder}); every setter rejects bad values with a message naming them.
   */
  public static final class Builder extends SearchBuilder<Builder> {
    int liveCount = 500;
    Bound bound = Bound.MULTI;
    Sample sample = Sample.AUTO;
    double dlogz = 0.1;
    long seed;
    long maxIterations = Long.MAX_VALUE;
    long maxCalls = Long.MAX_VALUE;
    long updateInterval = -1;
    double enlarge = 1.25;
    int folds = -1;
    int walks = 25;
    int slices = -1;
    long firstUpdateCalls = -1;
    double firstUpdateEfficiency = 0.1;
    long checkpointInterval = 1000;
    int batchSize;
    double targetEffectiveSamples;
    int maxBatches = 20;
    int batchLiveCount;
    double posteriorFraction = 0.8;

    Builder(SearchOptions options) {
      super(options);
    }

    @Override
    protected Builder self() {
      return this;
    }

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
     * The search.
     *
     * @return the immutable search
     * @throws IllegalArgumentException if an option is out of range
     */
    public NestedSampling build() {
      return new NestedSampling(new NestedSettings(this), options());
    }

    private static long positive(String name, long value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
      }
      return value;
    }
  }
}

// Long because the class Javadoc is the algorithm's reference (factors, sweeps, damping, checks,
// convergence, evidence, output) and the public Builder documents each of its twenty options; the
// driver itself is EpRun, the settings EpSettings.
package org.graphfit.ep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.nested.NestedSampling;

/**
 * Expectation propagation on a {@link FactorGraph}: a Gaussian mean-field approximation in latent
 * space, refined sweep by sweep.
 *
 * <p><b>Factors.</b> Each free parameter's prior is a factor, except for a parameter contained in
 * exactly one {@link AnalysisFactor} and no hierarchy, whose prior that analysis factor includes in
 * its fit; each {@link AnalysisFactor} is a factor over its model's free parameters; each {@link
 * HierarchicalFactor} is split into one factor per drawn parameter over that parameter and the free
 * hyper-parameters ({@link #factorsOf(FactorGraph)}). Prior and hierarchical factors are updated by
 * deterministic quadrature; analysis factors by a Laplace approximation in latent space, or by a
 * sampler whose prior is the cavity.
 *
 * <p><b>A sweep.</b> A sweep updates every factor once, in blocks ({@link SweepSchedule}): first
 * all prior and analysis factors, then the hierarchical factors in blocks of 1, 2, 4, 8, ...
 * factors. Exact prior factors (Gaussian and log-Gaussian priors) are never updated: they appear
 * once in the history, as {@link UpdateStatus#FIXED} in sweep 1. Within a block every factor's
 * cavity (global approximation divided by its message) is taken from the same approximation and all
 * fits run concurrently on a {@link FactorExecutor}; the results are applied in factor order (as
 * they arrive, while later fits still run, with the local executor; {@link MessageUpdater}): the
 * new message is the projection of the tilted distribution divided by the cavity, damped towards
 * the old one ({@code new = old^damping · projection^(1-damping)} in natural parameters); a
 * factor's first successful update replaces its flat starting message undamped. Seeds are derived
 * from {@code (seed, sweep, factor)}, so results are identical for any number of threads.
 *
 * <p>An update that fails or whose moments are not finite keeps the old message and is retried next
 * sweep; its status is recorded. An analysis factor whose own fit fails ({@link
 * UpdateStatus#FAILED} or {@link UpdateStatus#NON_FINITE_MOMENTS}) in {@link
 * Builder#maxFailures(int)} sweeps with no success between (a dataset whose likelihood always
 * throws or returns NaN), is excluded: it keeps its last message (the flat start if it never
 * succeeded, which drops its data from the fit), is no longer updated, its final status is {@link
 * UpdateStatus#EXCLUDED} and {@link EpResult#excludedFactors()} names it.
 *
 * <p><b>Keeping the approximation proper.</b> Messages of negative precision are kept, except that
 * an analysis factor's message to a variable whose prior factor is updated by quadrature is set
 * flat when its precision is negative ({@link UpdateAdjustment#SET_FLAT}); an update that would
 * lower a variable's global precision below half of its value at the start of the sweep has its
 * step halved ({@link UpdateAdjustment#STEP_SHORTENED}) until it does not, and after ten halvings
 * it is rejected ({@link UpdateStatus#IMPROPER_RESULT}) and the old message kept (see {@link
 * MessageUpdater}).
 *
 * <p><b>Corrected marginals.</b> Sampled analysis factors also return, per variable, a {@link
 * MarginalTerm} (their tilted marginal estimated from the samples, over their cavity); where every
 * factor of a variable gave one, {@link EpResult} reports the {@link CorrectedMarginal}, the prior
 * times the terms, beyond EP's Gaussian. It does not feed back into the messages.
 *
 * <p><b>Laplace fits checked.</b> Every Laplace fit of an analysis factor is checked against the
 * factor's tilted density by importance sampling ({@link LaplaceCheck}: {@value
 * LaplaceCheck#SAMPLES} likelihood calls, confirmed with {@value LaplaceCheck#CONFIRMATION_SAMPLES}
 * more when it fails): where the importance estimates of the log normaliser or the moments disagree
 * with Laplace's (a mode or a plateau the Laplace Gaussian misses), the factor is fitted by the
 * fallback sampler, nested sampling with {@value #FALLBACK_LIVE_POINTS} live points seeded from the
 * update's seed, in that update and every later one ({@link LaplaceMismatch#SAMPLE}, the default);
 * {@link LaplaceMismatch#WARN} keeps the Laplace fit and reports the factor ({@link
 * EpResult#concerns()}), {@link LaplaceMismatch#IGNORE} skips the check.
 *
 * <p><b>Convergence.</b> After a sweep EP asks how far every factor is from its fixed point, not
 * how far the damped approximation moved ({@link ConvergenceCriterion}): each update's residual is
 * the KL divergence of the global approximation its undamped projection would give from the one the
 * update started from, whatever the damping. EP has converged when no update of the sweep failed
 * (excluded factors are no longer updated, so EP can converge without them; they stay reported) and
 * the largest residual is below the tolerance, or, with sampled factors, below the noise floor
 * their moment standard errors explain and no longer shrinking ({@link
 * Convergence#CONVERGED_TO_NOISE_FLOOR}, with the floor in {@link EpResult#noiseFloor()}).
 * Otherwise it stops after the maximum number of sweeps, unconverged. After converging to the noise
 * floor, EP averages: its sampled updates get weight {@code 1/k} in the {@code k}-th further sweep,
 * until the noise the sampled factors leave in every variable's precision is small ({@link
 * Builder#maxAveragingSweeps(int)}); each sampled projection's precision is corrected for the bias
 * its noise gives its inverse ({@link SampledFit}), and once more by the scatter the averaging
 * sweeps measure.
 *
 * <p><b>Evidence.</b> Every factor is approximated by a scaled Gaussian site, scaled at its last
 * successful update to integrate against that update's cavity to what the factor does; the log
 * evidence is the integral of their product ({@link EpResult#logEvidence()}).
 *
 * <p><b>History.</b> The driver holds only the updates of the sweep under way and the sweep
 * summaries: after every sweep the updates go to the output folder's {@code files/history.bin}
 * (read back on demand by {@link EpResult#history()}), or, without an output folder, to an
 * in-memory history of at most {@link Builder#historyInMemory(long)} updates.
 *
 * <p><b>Output.</b> With {@link Builder#output(Path, String)} the fit is written to {@code
 * <root>/<name>/<identifier>/} ({@link #outputPath(FactorGraph)}), checkpointed after every sweep,
 * resumed from its checkpoint and, once complete, loaded instead of refitted (see {@link
 * #fit(FactorGraph, Function)}).
 *
 * <pre>{@code
 * EpResult result = ExpectationPropagation.builder().threads(2).seed(1).build().fit(graph);
 * }</pre>
 */
public final class ExpectationPropagation {
  /** The largest damping accepted; see {@link Builder#damping(double)}. */
  static final double MAX_DAMPING = 0.95;

  /** The live points of the default fallback sampler of Laplace fits that fail their check. */
  static final int FALLBACK_LIVE_POINTS = 100;

  /** The default of {@link Builder#maxAveragingSweeps(int)}. */
  static final int DEFAULT_AVERAGING_SWEEPS = 100;

  /** The default number of updates a fit without an output folder keeps in memory. */
  static final int HISTORY_IN_MEMORY = 200_000;

  private final EpSettings settings;

  private ExpectationPropagation(EpSettings settings) {
    this.settings = settings;
  }

  /**
   * A builder with the defaults: damping 0.5, 50 sweeps, exclusion after 5 failed fits with no
   * success between, tolerance 1e-6, one thread, seed 0, Laplace fits of analysis factors without
   * their own search, each checked against its tilted density and replaced by nested sampling with
   * {@value #FALLBACK_LIVE_POINTS} live points where it fails ({@link LaplaceMismatch#SAMPLE}), and
   * at most {@value #HISTORY_IN_MEMORY} updates of history in memory without an output folder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this EP's settings, to derive a differently configured EP from it.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  EpSettings settings() {
    return settings;
  }

  /**
   * The EP factors of a graph, indexed by factor id: one prior factor per free parameter that is
   * not a single analysis factor's own (in free-parameter order), then one factor per analysis
   * factor (in graph order), then one per drawn parameter of each hierarchical factor. A
   * distributed executor rebuilds this list on a worker.
   *
   * @param graph the graph
   * @return the factors
   */
  public List<EpFactor> factorsOf(FactorGraph graph) {
    return EpFactors.of(graph, graph.layout(), settings);
  }

  /**
   * The sampler of analysis factors without their own search, or null for Laplace fits.
   *
   * @return the sampler, to be reseeded per update, or null
   */
  ProblemSearch sampler() {
    return settings.sampler();
  }

  /**
   * What is done with Laplace fits that fail their check.
   *
   * @return the action
   */
  LaplaceMismatch laplaceMismatch() {
    return settings.laplaceMismatch();
  }

  /**
   * The sampler that replaces Laplace fits that fail their check.
   *
   * @return the sampler, to be reseeded per update
   */
  ProblemSearch laplaceFallback() {
    return settings.laplaceFallback();
  }

  /**
   * The folder this EP writes a graph's fit to, if it writes output: {@code
   * <root>/<name>/<identifier>/}, where the identifier hashes the graph's structure ({@link
   * ModelLayout#description()} of its layout, its hierarchies' families and the engines of factors
   * with their own search), every analysis factor's data identity ({@link
   * org.graphfit.analysis.DataIdentity#describe}), the settings that determine the result (damping,
   * maximum sweeps, maximum failures, tolerance, whether sweeps may converge to their noise floor,
   * seed, whether corrected marginals are estimated, the sampler's engine for seed 0, what is done
   * with Laplace fits that fail their check and the fallback sampler's engine for seed 0; not the
   * threads or the history kept in memory) and the tag.
   *
   * @param graph the graph
   * @return the folder, or empty without output
   */
  public Optional<Path> outputPath(FactorGraph graph) {
    return Optional.ofNullable(EpFitIdentity.folder(graph, graph.layout(), settings))
        .map(EpFolder::path);
  }

  /**
   * Fits a graph with factor updates on a local thread pool.
   *
   * @param graph the graph
   * @return the result
   * @see #fit(FactorGraph, Function)
   */
  public EpResult fit(FactorGraph graph) {
    return fit(graph, factors -> LocalFactorExecutor.of(factors, settings.threads()));
  }

  /**
   * Fits a graph with factor updates run by the given executor.
   *
   * <p>With an output folder ({@link Builder#output(Path, String)}) the state is checkpointed
   * atomically after every sweep, and a fit that finds a checkpoint continues with the next sweep,
   * ending exactly as an uninterrupted fit with the same settings would (approximation, summaries,
   * history and evidence; only wall times differ). A folder holding a completed fit is loaded
   * instead: no factor is fitted and the executor is not made. The loaded result is rebuilt from
   * the final state stored with the fit, so its approximation, summaries, statuses, history,
   * sweeps, evidence and seconds are those of the original fit; its graph is the one passed here,
   * which the identifier guarantees has the same structure and, for analyses that state their data
   * identity, the same data. Every file read back is checked against the digest recorded when it
   * was written (see {@link EpFolder}); the fit holds the folder's lock while it reads and writes
   * there ({@link Builder#lockWait(Duration)}).
   *
   * @param graph the graph
   * @param executors makes the executor from the factor list of {@link #factorsOf(FactorGraph)}
   * @return the result
   * @throws IllegalStateException if the folder's stored result is damaged, its checkpoint belongs
   *     to another fit, or another fit writes the folder
   * @throws IllegalArgumentException before anything is fitted, if an analysis factor's own search
   *     is not a {@link ProblemSearch} or writes an output folder (see {@link
   *     AnalysisFactor#withSearch})
   */
  public EpResult fit(FactorGraph graph, Function<List<EpFactor>, FactorExecutor> executors) {
    return new EpRun(settings).fit(graph, executors);
  }

  /** Collects settings; every setter validates its argument. */
  public static final class Builder {
    private double damping = 0.5;
    private int maxSweeps = 50;
    private int maxAveragingSweeps = DEFAULT_AVERAGING_SWEEPS;
    private int maxFailures = 5;
    private double tolerance = 1e-6;
    private int threads = 1;
    private long seed;
    private boolean correctedMarginals = true;
    private ProblemSearch sampler;
    private Path outputRoot;
    private String outputName;
    private String tag = "";
    private LaplaceMismatch laplaceMismatch = LaplaceMismatch.SAMPLE;
    private ProblemSearch laplaceFallback =
        NestedSampling.builder().nLive(FALLBACK_LIVE_POINTS).threads(1).build();
    private long historyInMemory = HISTORY_IN_MEMORY;
    private boolean noiseFloorConvergence = true;
    private Duration lockWait = Duration.ZERO;
    private FactorOutput factorOutput = FactorOutput.AUTO;
    private boolean report = true;
    private EpHooks hooks = (paths, result) -> {};
    private boolean keepSearchOutput;

    private Builder() {}

    private Builder(EpSettings settings) {
      this.damping = settings.damping();
      this.maxSweeps = settings.maxSweeps();
      this.maxAveragingSweeps = settings.maxAveragingSweeps();
      this.maxFailures = settings.maxFailures();
      this.tolerance = settings.tolerance();
      this.threads = settings.threads();
      this.seed = settings.seed();
      this.correctedMarginals = settings.correctedMarginals();
      this.sampler = settings.sampler();
      this.outputRoot = settings.outputRoot();
      this.outputName = settings.outputName();
      this.tag = settings.tag();
      this.laplaceMismatch = settings.laplaceMismatch();
      this.laplaceFallback = settings.laplaceFallback();
      this.historyInMemory = settings.historyInMemory();
      this.noiseFloorConvergence = settings.noiseFloorConvergence();
      this.lockWait = settings.lockWait();
      this.factorOutput = settings.factorOutput();
      this.report = settings.report();
      this.hooks = settings.hooks();
      this.keepSearchOutput = settings.keepSearchOutput();
    }

    /**
     * Whether the folder of an analysis factor fitted by sampling ({@link #sampler} or its own
     * search) also holds that search's last output, in {@code factors/<name>/search/}: {@code
     * model.results}, {@code files/samples.csv} and {@code files/samples_summary.json} of its last
     * successful update (its tilted distribution: the factor's likelihood with the cavity as
     * prior). Off by default: every sampled update then returns its samples, which costs memory
     * (all factors' last samples are kept until the fit ends, and are part of the checkpoint, so a
     * resumed fit writes the same output) and, with a distributed executor, the samples' transfer
     * back to the driver. It changes no result and needs {@link FactorOutput#RESULTS} or more.
     *
     * @param enabled true to keep the samples
     * @return this builder
     */
    public Builder keepSearchOutput(boolean enabled) {
      this.keepSearchOutput = enabled;
      return this;
    }

    /**
     * What a fit with an output folder saves besides its own files, before its manifest (see {@link
     * EpHooks}); nothing by default.
     *
     * @param hooks the hooks
     * @return this builder
     */
    public Builder hooks(EpHooks hooks) {
      this.hooks = Objects.requireNonNull(hooks, "hooks");
      return this;
    }

    /**
     * What a fit with an output folder writes for each analysis factor in {@code factors/<name>/}
     * (default {@link FactorOutput#AUTO}: results up to {@value FactorOutput#AUTO_MOST_FACTORS}
     * analysis factors). It does not enter the output identifier: a completed fit is loaded as it
     * was written.
     *
     * @param output what to write
     * @return this builder
     */
    public Builder factorOutput(FactorOutput output) {
      this.factorOutput = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * Whether a fit with an output folder writes {@code report.html} (the default; it needs an
     * {@link EpReportWriter} on the class path, such as module {@code graphfit-plot}'s).
     *
     * @param enabled false for no report
     * @return this builder
     */
    public Builder report(boolean enabled) {
      this.report = enabled;
      return this;
    }

    /**
     * The weight of the old message in each update, in natural parameters. EP's convergence test
     * does not depend on the damping (see {@link ExpectationPropagation}), but a damping {@code d}
     * moves each message only {@code 1 - d} of the way per sweep, so the sweeps needed grow like
     * {@code 1 / (1 - d)}: above {@value ExpectationPropagation#MAX_DAMPING} a fit stops at its
     * sweep limit long before its fixed point (on the hierarchical example, 15 sweeps at 0.5, 81 at
     * 0.9 and 162 at 0.95), so such dampings are refused.
     *
     * @param damping in {@code [0, 0.95]}; 0 is undamped EP
     * @return this builder
     */
    public Builder damping(double damping) {
      if (!(damping >= 0 && damping <= MAX_DAMPING)) {
        throw new IllegalArgumentException(
            "damping must be in [0, "
                + MAX_DAMPING
                + "] but was "
                + damping
                + "; a damping d moves each message 1 - d of the way per sweep, so EP needs about"
                + " 1 / (1 - d) times the sweeps of undamped EP to reach its fixed point");
      }
      this.damping = damping;
      return this;
    }

    /**
     * The most sweeps.
     *
     * @param maxSweeps at least 1
     * @return this builder
     */
    public Builder maxSweeps(int maxSweeps) {
      if (maxSweeps < 1) {
        throw new IllegalArgumentException("maxSweeps must be at least 1 but was " + maxSweeps);
      }
      this.maxSweeps = maxSweeps;
      return this;
    }

    /**
     * The most sweeps averaged after EP has converged to the noise floor of its sampled factors
     * (default {@value ExpectationPropagation#DEFAULT_AVERAGING_SWEEPS}; 0 stops at that
     * convergence, as EP did before). At its floor a sampled factor's message still carries the
     * noise of its last sample, and the noises of the factors sharing a variable add up: the
     * relative variance of the variable's precision is about {@code Σ_f Var(v̂_f)/v_f²} (0.1 for 50
     * factors of 200 live points sharing one centre, so that its sd is uncertain by about 16%). So
     * EP sweeps on, giving the {@code k}-th sweep's sampled updates (messages, evidence terms,
     * marginal terms) weight {@code 1/k}: a stochastic approximation whose state is the average of
     * the {@code k} updates, with {@code 1/k} of one update's variance. It stops once every
     * variable's relative precision sd is below {@value EpConcerns#PRECISION_NOISE_TARGET}, or
     * after this many sweeps; a variable then still above {@value EpConcerns#PRECISION_NOISE_LIMIT}
     * is a {@link org.graphfit.search.Check#NOISE_BIAS} concern. The averaging sweeps do not count
     * towards {@link #maxSweeps(int)}. Fits without sampled factors never average. {@value
     * EpConcerns#PRECISION_NOISE_LIMIT} is the concern's limit: the sd of such a variable is
     * uncertain by about 5%, as much as the sd of one nested-sampling fit of a few hundred live
     * points, and is not a concern; the averaging goes on to half that.
     *
     * @param maxAveragingSweeps at least 0
     * @return this builder
     */
    public Builder maxAveragingSweeps(int maxAveragingSweeps) {
      if (maxAveragingSweeps < 0) {
        throw new IllegalArgumentException(
            "maxAveragingSweeps must be at least 0 but was " + maxAveragingSweeps);
      }
      this.maxAveragingSweeps = maxAveragingSweeps;
      return this;
    }

    /**
     * After how many sweeps whose fit failed, with no success between, an analysis factor is
     * excluded (see {@link ExpectationPropagation}); {@link Integer#MAX_VALUE} retries a failing
     * factor until the last sweep. Prior and hierarchical factors are never excluded.
     *
     * @param maxFailures at least 1
     * @return this builder
     */
    public Builder maxFailures(int maxFailures) {
      if (maxFailures < 1) {
        throw new IllegalArgumentException(
            "maxFailures must be at least 1 but was "
                + maxFailures
                + "; use Integer.MAX_VALUE to never exclude a failing factor");
      }
      this.maxFailures = maxFailures;
      return this;
    }

    /**
     * The convergence tolerance on the largest residual of a sweep: the KL divergence, per factor
     * and variable, of the global approximation an undamped update would give from the current one
     * (see {@link ExpectationPropagation}). With sampled factors a sweep may also converge to its
     * noise floor.
     *
     * @param tolerance positive
     * @return this builder
     */
    public Builder tolerance(double tolerance) {
      if (!(tolerance > 0)) {
        throw new IllegalArgumentException("tolerance must be positive but was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * The number of threads of the local executor; results do not depend on it.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * The seed from which every factor fit's seed is derived.
     *
     * @param seed any number
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Whether sampled analysis factors estimate the marginal terms of {@link CorrectedMarginal}s
     * (the default). Without them summaries report EP's Gaussian and each sampled update saves one
     * log-spline fit per variable not in a hierarchy; the messages, and so EP itself, are the same.
     *
     * @param enabled false to skip the terms
     * @return this builder
     */
    public Builder correctedMarginals(boolean enabled) {
      this.correctedMarginals = enabled;
      return this;
    }

    /**
     * Fits analysis factors that have no own search by sampling their tilted distribution with this
     * search (e.g. {@code NestedSampling.builder().nLive(200).build()}), reseeded for each update
     * ({@link ProblemSearch#withSeed(long)}; its own seed is not used) and run on its own threads,
     * instead of by a Laplace approximation. A factor with its own search ({@link
     * AnalysisFactor#withSearch}) always uses that one, in the same way; a fit whose factor has a
     * search that is not a {@link ProblemSearch}, or one with an output folder, is refused when it
     * is built (see {@link ExpectationPropagation#fit(FactorGraph, Function)}). With many threads
     * for EP, give the sampler one thread ({@code threads(1)}): each factor's update then runs on
     * one of EP's threads.
     *
     * @param search the sampler, without an output folder
     * @return this builder
     * @throws IllegalArgumentException if the search writes an output folder
     */
    public Builder sampler(ProblemSearch search) {
      this.sampler =
          FactorSearches.withoutOutput(Objects.requireNonNull(search, "search"), "the sampler");
      return this;
    }

    /**
     * Writes the fit to {@code <root>/<name>/<identifier>/} (see {@link
     * ExpectationPropagation#outputPath(FactorGraph)}), checkpoints it after every sweep, resumes
     * it from its checkpoint and loads it, instead of fitting again, once it has completed (see
     * {@link ExpectationPropagation#fit(FactorGraph, Function)}).
     *
     * @param root the output root, e.g. {@code output}
     * @param name the fit's name, e.g. {@code seed/ep}: letters, digits, {@code _ . -}, folders
     *     separated by {@code /} (checked when fitting)
     * @return this builder
     */
    public Builder output(Path root, String name) {
      this.outputRoot = Objects.requireNonNull(root, "root");
      this.outputName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * A tag that enters the output identifier, to keep otherwise identical fits apart (e.g. for
     * analyses that state no data identity).
     *
     * @param tag any text; empty by default
     * @return this builder
     */
    public Builder tag(String tag) {
      this.tag = Objects.requireNonNull(tag, "tag");
      return this;
    }

    /**
     * Whether a sweep whose residuals are below its sampled factors' noise floor, though not below
     * the tolerance, ends the fit as {@link Convergence#CONVERGED_TO_NOISE_FLOOR} (the default; see
     * {@link ExpectationPropagation}). With false, a fit with sampled factors runs until the
     * tolerance is met or for {@link #maxSweeps(int)} sweeps.
     *
     * @param enabled false to require the tolerance
     * @return this builder
     */
    public Builder noiseFloorConvergence(boolean enabled) {
      this.noiseFloorConvergence = enabled;
      return this;
    }

    /**
     * What to do with an analysis factor whose Laplace fit fails its importance check against the
     * factor's tilted density (see {@link ExpectationPropagation}); {@link LaplaceMismatch#SAMPLE}
     * by default. Factors with a sampler are not Laplace-fitted and not checked.
     *
     * @param action the action
     * @return this builder
     */
    public Builder onLaplaceMismatch(LaplaceMismatch action) {
      this.laplaceMismatch = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * The sampler that replaces the Laplace fits that fail their check with {@link
     * LaplaceMismatch#SAMPLE}, reseeded for each update; by default nested sampling with {@value
     * ExpectationPropagation#FALLBACK_LIVE_POINTS} live points on one thread.
     *
     * @param search the sampler, without an output folder
     * @return this builder
     * @throws IllegalArgumentException if the search writes an output folder
     */
    public Builder laplaceFallback(ProblemSearch search) {
      this.laplaceFallback =
          FactorSearches.withoutOutput(
              Objects.requireNonNull(search, "search"), "the Laplace fallback");
      return this;
    }

    /**
     * How many updates of the history a fit without an output folder keeps in memory: after each
     * sweep the earliest sweeps' updates are dropped while more are held (the last sweep's are
     * always kept; {@link EpResult#historyDropped()} counts the dropped ones). The sweep summaries
     * are always kept. A fit with an output folder keeps no history in memory: it appends every
     * sweep's updates to {@code files/history.bin} and reads them from there on demand. About 100
     * bytes per update; {@value ExpectationPropagation#HISTORY_IN_MEMORY} by default.
     *
     * @param updates at least 1; {@link Long#MAX_VALUE} keeps everything
     * @return this builder
     */
    public Builder historyInMemory(long updates) {
      if (updates < 1) {
        throw new IllegalArgumentException("historyInMemory must be at least 1 but was " + updates);
      }
      this.historyInMemory = updates;
      return this;
    }

    /**
     * How long a fit waits when another fit (another process or thread) writes its output folder,
     * instead of failing at once; a fit that completed meanwhile is then loaded.
     *
     * @param wait how long to wait; zero (the default) to fail at once
     * @return this builder
     */
    public Builder lockWait(Duration wait) {
      if (Objects.requireNonNull(wait, "wait").isNegative()) {
        throw new IllegalArgumentException("the lock wait must not be negative but was " + wait);
      }
      this.lockWait = wait;
      return this;
    }

    /**
     * The configured EP.
     *
     * @return the instance
     */
    public ExpectationPropagation build() {
      return new ExpectationPropagation(
          new EpSettings(
              damping,
              maxSweeps,
              maxAveragingSweeps,
              maxFailures,
              tolerance,
              threads,
              seed,
              correctedMarginals,
              sampler,
              outputRoot,
              outputName,
              tag,
              laplaceMismatch,
              laplaceFallback,
              historyInMemory,
              noiseFloorConvergence,
              lockWait,
              factorOutput,
              report,
              hooks,
              keepSearchOutput));
    }
  }
}

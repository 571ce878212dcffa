package org.graphfit.ep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.log.Log;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.graphfit.prior.Prior;
import org.graphfit.search.Concern;
import org.graphfit.search.Search;
import org.graphfit.search.SearchEngine;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.nested.NestedSettings;

/**
 * Expectation propagation on a {@link FactorGraph}: a Gaussian mean-field approximation in latent
 * space, refined sweep by sweep.
 *
 * <p><b>Factors.</b> Each free parameter's prior is a factor, except for a parameter contained in
 * exactly one {@link AnalysisFactor} and no hierarchy, whose prior that analysis factor includes in
 * its fit; each {@link AnalysisFactor} is a factor over its model's free parameters; each {@link
 * HierarchicalFactor} is split into one factor per drawn parameter over that parameter and the free
 * hyper-parameters (see the package description). Prior and hierarchical factors are updated by
 * deterministic quadrature; analysis factors by a Laplace approximation in latent space, or by a
 * sampler whose prior is the cavity.
 *
 * <p><b>A sweep.</b> A sweep updates every factor once, in blocks: first all prior and analysis
 * factors, then the hierarchical factors in blocks of 1, 2, 4, 8, ... factors. Exact prior factors
 * (Gaussian and log-Gaussian priors) are never updated: they appear once in the history, as {@link
 * UpdateStatus#FIXED} in sweep 1. Within a block every factor's cavity (global approximation
 * divided by its message) is taken from the same approximation and all fits run concurrently on a
 * {@link FactorExecutor}; the results are applied in factor order (as they arrive, while later fits
 * still run, with the local executor): the new message is the projection of the tilted distribution
 * divided by the cavity, damped towards the old one ({@code new = old^damping ·
 * projection^(1-damping)} in natural parameters); a factor's first successful update replaces its
 * flat starting message undamped. Seeds are derived from {@code (seed, sweep, factor)}, so results
 * are identical for any number of threads.
 *
 * <p><b>Why blocks.</b> The parent factors of a hierarchy share the hyper-parameters. Updated all
 * at once against one approximation, each of N parent factors would see the parent mean (and,
 * before the analysis factors have reported, its drawn parameter) at the wide prior; each then
 * sends the scale a weak message "the spread is already explained, shrink", and the product of N
 * such messages collapses the scale before the data can speak: at 10,000 datasets this drove the
 * scale from 10 to 0.5 (with the drawn parameters deferred but the mean not informed; fully
 * concurrent, to 0.9). Analysis factors first, then doubling blocks of parent factors, inform the
 * hyper-parameters progressively while keeping almost all the work concurrent (the expensive
 * analysis fits form one block; parent factors are cheap quadratures, about log2 N blocks).
 *
 * <p>An update that fails or whose moments are not finite keeps the old message and is retried next
 * sweep; its status is recorded. An analysis factor whose own fit fails ({@link
 * UpdateStatus#FAILED} or {@link UpdateStatus#NON_FINITE_MOMENTS}) in {@link
 * Builder#maxFailures(int)} sweeps with no success between (a dataset whose likelihood always
 * throws or returns NaN), is excluded: it keeps its last message (the flat start if it never
 * succeeded, which drops its data from the fit), is no longer updated, its final status is {@link
 * UpdateStatus#EXCLUDED} and {@link EpResult#excludedFactors()} names it.
 *
 * <p><b>Keeping the approximation proper.</b> Messages of negative precision are kept (an
 * exact-moment EP needs them), except that an analysis factor's message to a variable whose prior
 * factor is updated by quadrature is set flat, noted in the history, when its precision is
 * negative: that prior factor needs a proper cavity, against which its bounded,
 * exponentially-tailed latent density can be normalised. Every variable's global approximation must
 * also stay proper, and concurrent updates computed against the same approximation can jointly
 * overshoot (each lowers a shared variable's precision a little, together they cancel it). So,
 * applied in order, an update may lower a variable's global precision to no less than half of its
 * value at the start of the sweep; if it would, its step is halved (extra damping, noted in the
 * history) until it does not, and after ten halvings it is rejected ({@link
 * UpdateStatus#IMPROPER_RESULT}) and the old message kept.
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
 * how far the damped approximation moved ({@link ConvergenceTest}): each update's residual is the
 * KL divergence of the global approximation its undamped projection would give from the one the
 * update started from, whatever the damping. EP has converged when no update of the sweep failed
 * (excluded factors are no longer updated, so EP can converge without them; they stay reported) and
 * the largest residual is below the tolerance, or, with sampled factors, below the noise floor
 * their moment standard errors explain and no longer shrinking ({@link
 * Convergence#CONVERGED_TO_NOISE_FLOOR}, with the floor in {@link EpResult#noiseFloor()}).
 * Otherwise it stops after the maximum number of sweeps, unconverged.
 *
 * <p><b>Evidence.</b> With every factor {@code f} approximated by a scaled Gaussian site {@code s_f
 * m_f}, {@code Z ≈ prod_f s_f ∫ prod_f m_f = exp(A(q) + sum_f log s_f)} where {@code A} is the
 * Gaussian log normaliser ({@link GaussianMessage#logNormaliser()}) of the unnormalised product
 * {@code q} of the messages. Each site is scaled at its last successful update so that it
 * integrates against that update's cavity to what the factor does: {@code log s_f = log Ẑ_f -
 * A(cavity_f · m_f)} with {@code Ẑ_f = ∫ f · exp(kernel of cavity_f)} ({@link
 * FactorResult#logNormaliser()}) and {@code m_f} the message applied ({@link
 * EpUpdate#logEvidenceTerm()}). The scale and the message come from the same update, so the
 * estimate is that of one well-defined approximation; pairing the scale with the final cavity's
 * normaliser instead (as EP did before) broke down where a cavity is ill-conditioned, the
 * difference of two nearly equal precisions (an outlier whose parent factor sends a message of
 * negative precision): 5.9 and 0.9 nats on two of 30 problems of {@code EpHierarchicalBenchmark}.
 * {@code Ẑ_f} is exact for priors and hierarchical factors (quadrature), Laplace's estimate on the
 * Laplace path and the sampler's evidence for nested sampling. The estimate is NaN when a factor
 * gives no evidence (e.g. MCMC). A factor excluded before any successful update is left out: the
 * estimate is then that of the graph without its data.
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
  /** The history note of an update whose analysis message was set flat. */
  static final String FLAT_NOTE = "a message of negative precision set flat";

  private static final Log LOG = Log.of(ExpectationPropagation.class);

  /**
   * The smallest fraction of its sweep-start precision a variable's global approximation may keep.
   */
  private static final double MIN_PRECISION_RATIO = 0.5;

  /** How often an update's step is halved before the update is rejected. */
  private static final int MAX_STEP_HALVINGS = 10;

  /** The largest damping accepted; see {@link Builder#damping(double)}. */
  static final double MAX_DAMPING = 0.95;

  /**
   * How far (KL divergence, per variable) a factor's cavity may move from the one of its last
   * passed Laplace check before its Laplace fits are checked again.
   */
  static final double CHECKED_CAVITY_KL = 0.05;

  /** The live points of the default fallback sampler of Laplace fits that fail their check. */
  static final int FALLBACK_LIVE_POINTS = 100;

  /** The default number of updates a fit without an output folder keeps in memory. */
  static final int HISTORY_IN_MEMORY = 200_000;

  private final double damping;
  private final int maxSweeps;
  private final int maxFailures;
  private final double tolerance;
  private final int threads;
  private final long seed;
  private final boolean correctedMarginals;
  private final LongFunction<SearchEngine> sampler;
  private final Path outputRoot;
  private final String outputName;
  private final String tag;
  private final LaplaceMismatch laplaceMismatch;
  private final LongFunction<SearchEngine> laplaceFallback;
  private final long historyInMemory;
  private final boolean noiseFloorConvergence;
  private final Duration lockWait;

  private ExpectationPropagation(Builder builder) {
    this.damping = builder.damping;
    this.maxSweeps = builder.maxSweeps;
    this.maxFailures = builder.maxFailures;
    this.tolerance = builder.tolerance;
    this.threads = builder.threads;
    this.seed = builder.seed;
    this.correctedMarginals = builder.correctedMarginals;
    this.sampler = builder.sampler;
    this.outputRoot = builder.outputRoot;
    this.outputName = builder.outputName;
    this.tag = builder.tag;
    this.laplaceMismatch = builder.laplaceMismatch;
    this.laplaceFallback = builder.laplaceFallback;
    this.historyInMemory = builder.historyInMemory;
    this.noiseFloorConvergence = builder.noiseFloorConvergence;
    this.lockWait = builder.lockWait;
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
   * The EP factors of a graph, indexed by factor id: one prior factor per free parameter that is
   * not a single analysis factor's own (in free-parameter order), then one factor per analysis
   * factor (in graph order), then one per drawn parameter of each hierarchical factor. A
   * distributed executor rebuilds this list on a worker.
   *
   * @param graph the graph
   * @return the factors
   */
  public List<EpFactor> factorsOf(FactorGraph graph) {
    return factorsOf(graph, graph.layout());
  }

  private List<EpFactor> factorsOf(FactorGraph graph, ModelLayout<CollectionInstance> layout) {
    List<String> paths = layout.freeParameterPaths();
    List<Parameter> free = layout.freeParameters();
    Map<Parameter, Integer> indices = new IdentityHashMap<>();
    for (int v = 0; v < free.size(); v++) {
      indices.put(free.get(v), v);
    }
    // Identity first (linear scans of the layout would make this quadratic), then shared keys.
    ToIntFunction<Parameter> indexOf =
        parameter -> {
          Integer index = indices.get(parameter);
          return index != null ? index : layout.indexOf(parameter);
        };
    // A variable in exactly one analysis factor and no hierarchy is that factor's own: its prior
    // goes into the factor's fit instead of a prior factor of its own.
    int[] analysisFactors = new int[layout.priorCount()];
    for (FactorKey<?> key : graph.factors()) {
      for (Parameter parameter : key.factor().model().layout().freeParameters()) {
        analysisFactors[indexOf.applyAsInt(parameter)]++;
      }
    }
    boolean[] inHierarchy = new boolean[layout.priorCount()];
    for (HierarchicalFactor hierarchy : graph.hierarchicalFactors()) {
      List<Parameter> drawn = hierarchy.drawnParameters();
      for (int i = 0; i < drawn.size(); i++) {
        if (drawn.get(i).isRelation()) {
          throw new IllegalStateException(
              "hierarchical factor '"
                  + hierarchy.name()
                  + "' draws a relation (drawn parameter "
                  + i
                  + "); expectation propagation draws free parameters only: fit this graph"
                  + " jointly (graph.fit(search)), or draw the relation's free parameters");
        }
        inHierarchy[indexOf.applyAsInt(drawn.get(i))] = true;
      }
      for (Parameter parameter : hierarchy.hyperParameters()) {
        if (!parameter.isFixed()) {
          inHierarchy[indexOf.applyAsInt(parameter)] = true;
        }
      }
    }
    boolean[] own = new boolean[layout.priorCount()];
    for (int v = 0; v < own.length; v++) {
      own[v] = analysisFactors[v] == 1 && !inHierarchy[v];
    }
    List<EpFactor> factors = new ArrayList<>();
    for (int v = 0; v < layout.priorCount(); v++) {
      if (!own[v]) {
        factors.add(new PriorFactor("prior:" + paths.get(v), v, layout.prior(v)));
      }
    }
    for (FactorKey<?> key : graph.factors()) {
      factors.add(likelihood(indexOf, paths, own, inHierarchy, key.name(), key.factor()));
    }
    for (HierarchicalFactor hierarchy : graph.hierarchicalFactors()) {
      List<Parameter> hyper = hierarchy.hyperParameters();
      int[] hyperVariables = new int[hyper.size()];
      Prior[] hyperPriors = new Prior[hyper.size()];
      double[] fixed = new double[hyper.size()];
      for (int h = 0; h < hyper.size(); h++) {
        Parameter parameter = hyper.get(h);
        hyperVariables[h] = parameter.isFixed() ? -1 : indexOf.applyAsInt(parameter);
        if (parameter.isFixed()) {
          fixed[h] = parameter.fixedValue();
        } else {
          hyperPriors[h] = layout.prior(hyperVariables[h]);
        }
      }
      List<Parameter> drawn = hierarchy.drawnParameters();
      for (int i = 0; i < drawn.size(); i++) {
        int variable = indexOf.applyAsInt(drawn.get(i));
        factors.add(
            new ParentFactor(
                hierarchy.name() + "[" + i + "]",
                hierarchy.distribution(),
                variable,
                layout.prior(variable),
                hyperVariables,
                hyperPriors,
                fixed));
      }
    }
    return factors;
  }

  private <T> EpFactor likelihood(
      ToIntFunction<Parameter> indexOf,
      List<String> paths,
      boolean[] own,
      boolean[] inHierarchy,
      String name,
      AnalysisFactor<T> factor) {
    ModelLayout<T> local = factor.model().layout();
    List<Integer> variables = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean[] ownPrior = new boolean[local.priorCount()];
    // a hierarchy's parent factors give no marginal terms, so its variables get no corrected
    // marginal and their terms would be wasted work
    boolean[] marginalTerms = new boolean[local.priorCount()];
    for (Parameter parameter : local.freeParameters()) {
      int index = indexOf.applyAsInt(parameter);
      ownPrior[variables.size()] = own[index];
      marginalTerms[variables.size()] = correctedMarginals && !inHierarchy[index];
      variables.add(index);
      names.add(paths.get(index));
    }
    return LikelihoodFactor.of(
        name,
        variables,
        names,
        ownPrior,
        marginalTerms,
        local,
        factor,
        sampler,
        laplaceMismatch,
        laplaceFallback);
  }

  /**
   * The sampler of analysis factors without their own search, or null for Laplace fits.
   *
   * @return the engine for a seed, or null
   */
  LongFunction<SearchEngine> sampler() {
    return sampler;
  }

  /**
   * What is done with Laplace fits that fail their check.
   *
   * @return the action
   */
  LaplaceMismatch laplaceMismatch() {
    return laplaceMismatch;
  }

  /**
   * The sampler that replaces Laplace fits that fail their check.
   *
   * @return the engine for a seed
   */
  LongFunction<SearchEngine> laplaceFallback() {
    return laplaceFallback;
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
    return Optional.ofNullable(folder(graph, graph.layout())).map(EpFolder::path);
  }

  private EpFolder folder(FactorGraph graph, ModelLayout<CollectionInstance> layout) {
    if (outputRoot == null) {
      return null;
    }
    Map<String, Object> description = layout.description();
    List<Map<String, Object>> hierarchies = new ArrayList<>();
    for (HierarchicalFactor hierarchy : graph.hierarchicalFactors()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", hierarchy.name());
      entry.put("family", hierarchy.distribution().familyName());
      entry.put("drawn", hierarchy.drawnParameters().size());
      hierarchies.add(entry);
    }
    description.put("hierarchies", hierarchies);
    Map<String, Object> ownSearches = new LinkedHashMap<>();
    for (FactorKey<?> key : graph.factors()) {
      if (key.factor().search().isPresent() && key.factor().search().get() instanceof Search own) {
        ownSearches.put(key.name(), engineDescription(own.engine()));
      }
    }
    description.put("own_searches", ownSearches);
    Map<String, Object> data = new LinkedHashMap<>();
    for (FactorKey<?> key : graph.factors()) {
      data.put(key.name(), DataIdentity.describe(key.factor().analysis()));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("damping", damping);
    settings.put("max_sweeps", maxSweeps);
    settings.put("max_failures", maxFailures);
    settings.put("tolerance", tolerance);
    settings.put("seed", seed);
    settings.put("corrected_marginals", correctedMarginals);
    settings.put("sampler", sampler == null ? null : engineDescription(sampler.apply(0)));
    settings.put("noise_floor_convergence", noiseFloorConvergence);
    settings.put("laplace_mismatch", laplaceMismatch.name());
    settings.put("laplace_fallback", engineDescription(laplaceFallback.apply(0)));
    return new EpFolder(
        OutputFolder.of(
            outputRoot, outputName, tag, description, data, "ExpectationPropagation", settings));
  }

  private static Map<String, Object> engineDescription(SearchEngine engine) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("search", engine.name());
    description.put("settings", engine.settings());
    return description;
  }

  /**
   * Fits a graph with factor updates on a local thread pool.
   *
   * @param graph the graph
   * @return the result
   * @see #fit(FactorGraph, Function)
   */
  public EpResult fit(FactorGraph graph) {
    return fit(graph, factors -> LocalFactorExecutor.of(factors, threads));
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
   */
  public EpResult fit(FactorGraph graph, Function<List<EpFactor>, FactorExecutor> executors) {
    long start = System.nanoTime();
    ModelLayout<CollectionInstance> layout = graph.layout();
    List<EpFactor> factors = factorsOf(graph, layout);
    int variables = layout.priorCount();
    EpFolder folder = folder(graph, layout);
    if (folder == null) {
      return run(graph, layout, factors, executors, null, start);
    }
    try (FitLock lock = folder.lock(lockWait)) {
      if (folder.isComplete()) {
        LOG.info("loading the completed EP fit in {}", folder.path());
        EpState state = folder.completed(factors, variables);
        EpResult result =
            new EpResult(
                graph,
                layout,
                factors,
                state,
                folder.history(state.history),
                tolerance,
                state.earlierSeconds);
        logConcerns(result);
        return result;
      }
      return run(graph, layout, factors, executors, folder, start);
    }
  }

  /** Fits from the folder's checkpoint or afresh, checkpointing after every sweep with a folder. */
  private EpResult run(
      FactorGraph graph,
      ModelLayout<CollectionInstance> layout,
      List<EpFactor> factors,
      Function<List<EpFactor>, FactorExecutor> executors,
      EpFolder folder,
      long start) {
    int variables = layout.priorCount();
    EpState state = null;
    if (folder != null) {
      state = folder.checkpoint(factors, variables).orElse(null);
      folder.writeStart(layout.info());
      if (state != null) {
        LOG.info("resuming the EP fit in {} after sweep {}", folder.path(), state.sweepCount());
      }
    }
    if (state == null) {
      state = EpState.start(factors, variables);
    }
    MemoryHistory memory = folder == null ? new MemoryHistory(historyInMemory) : null;
    List<List<Integer>> blocks = blocks(factors);
    boolean[] quadraturePrior = new boolean[variables];
    for (EpFactor factor : factors) {
      if (factor instanceof PriorFactor prior && !prior.isFixed()) {
        quadraturePrior[prior.variables().get(0)] = true;
      }
    }
    ConvergenceTest test = new ConvergenceTest(tolerance, noiseFloorConvergence);
    try (FactorExecutor executor = executors.apply(List.copyOf(factors));
        EpProgress progress = EpProgress.start(maxSweeps, tolerance)) {
      for (int sweep = state.sweepCount() + 1;
          sweep <= maxSweeps && !state.convergence.converged();
          sweep++) {
        sweep(state, factors, blocks, quadraturePrior, executor, sweep, test, progress);
        if (folder != null) {
          folder.saveCheckpoint(state, state.earlierSeconds + PriorFactor.seconds(start));
        } else {
          memory.append(state.pending);
          state.pending.clear();
        }
      }
    }
    EpResult result =
        new EpResult(
            graph,
            layout,
            factors,
            state,
            folder != null ? folder.history(folder.historyReference()) : memory,
            tolerance,
            state.earlierSeconds + PriorFactor.seconds(start));
    logConcerns(result);
    if (folder != null) {
      folder.writeResult(result, state);
      LOG.info("wrote {}", folder.path());
    }
    return result;
  }

  private static void logConcerns(EpResult result) {
    for (Concern concern : result.concerns()) {
      LOG.warn("EP result is not trustworthy: {}", concern);
    }
  }

  /** Runs one sweep: every block's tasks, their updates applied in order, then the test. */
  private void sweep(
      EpState state,
      List<EpFactor> factors,
      List<List<Integer>> blocks,
      boolean[] quadraturePrior,
      FactorExecutor executor,
      int sweep,
      ConvergenceTest test,
      EpProgress progress) {
    long sweepStart = System.nanoTime();
    MeanField field = state.field;
    progress.sweep(sweep, state.statuses);
    SweepResults results =
        new SweepResults(
            state, factors, quadraturePrior, sweep, executor.getClass(), test, progress);
    for (List<Integer> block : blocks) {
      List<FactorTask> tasks = new ArrayList<>(block.size());
      for (int f : block) {
        if (state.statuses[f] != UpdateStatus.EXCLUDED) {
          GaussianMessage[] cavity = field.cavity(f);
          tasks.add(
              new FactorTask(
                  f,
                  sweep,
                  seedOf(seed, sweep, f),
                  cavity,
                  field.current(f),
                  state.fallback[f],
                  moved(cavity, state.checkedCavity[f])));
        }
      }
      if (!tasks.isEmpty()) {
        results.startBlock(tasks);
        executor.execute(tasks, results);
        results.endBlock();
      }
    }
    field.recompute();
    double sum = 0;
    double max = 0;
    for (int v = 0; v < field.variableCount(); v++) {
      double kl = field.global(v).klDivergence(results.before.get(v));
      sum += kl;
      max = Math.max(max, kl);
    }
    results.endSweep();
    double floor = test.noiseFloor(results.noise);
    state.sweeps.add(
        new EpSweep(
            sweep,
            sum,
            max,
            results.residual,
            floor,
            results.sampledResidual <= floor && results.deterministicWithinFloor,
            results.failing,
            results.factorSeconds,
            PriorFactor.seconds(sweepStart)));
    state.convergence = test.verdict(state.sweeps);
    progress.swept(results.residual);
  }

  /**
   * Applies the results of one sweep, block by block, in task order as the executor hands them
   * over: the message update, the factor's status, failure count and evidence terms, the history.
   */
  private final class SweepResults implements Consumer<FactorResult> {
    private final EpState state;
    private final List<EpFactor> factors;
    private final boolean[] quadraturePrior;
    private final int sweep;
    private final String executorName;
    private final EpProgress progress;

    /** The global approximation at the start of the sweep. */
    final List<GaussianMessage> before;

    /** The number of failed updates so far. */
    int failing;

    /** The largest residual so far. */
    double residual;

    /** The largest residual of a sampled update so far. */
    double sampledResidual;

    /** The largest expected sampling noise of a sampled projection so far. */
    double noise;

    /**
     * Whether every deterministic update so far was within the tolerance or within the noise floor
     * of the noise its cavity inherits from sampled factors.
     */
    boolean deterministicWithinFloor = true;

    /** Per variable, the sampling noise its approximation inherited in this sweep. */
    private final double[] inherited;

    private final ConvergenceTest test;

    /** The seconds of the factor fits so far. */
    double factorSeconds;

    private List<FactorTask> tasks = List.of();
    private int handed;

    SweepResults(
        EpState state,
        List<EpFactor> factors,
        boolean[] quadraturePrior,
        int sweep,
        Class<?> executorClass,
        ConvergenceTest test,
        EpProgress progress) {
      this.state = state;
      this.progress = progress;
      this.factors = factors;
      this.quadraturePrior = quadraturePrior;
      this.sweep = sweep;
      this.executorName = executorClass.getSimpleName();
      this.before = state.field.globals();
      this.inherited = new double[state.variableNoise.length];
      this.test = test;
    }

    /**
     * The sampling noise an update's cavity inherits: the largest over its variables of what their
     * approximations carry from sampled factors, in the previous sweep or this one so far.
     */
    private double inheritedNoise(int f) {
      double largest = 0;
      for (int v : state.field.scope(f)) {
        largest = Math.max(largest, Math.max(inherited[v], state.variableNoise[v]));
      }
      return largest;
    }

    /**
     * Adds an applied update's noise to its variables: a message's noise reaches a variable's
     * approximation in proportion to the square of the message's share of the variable's precision,
     * so a factor among thousands that share a variable barely moves it.
     */
    private void propagate(int f, double noise) {
      int[] scope = state.field.scope(f);
      for (int k = 0; k < scope.length; k++) {
        double share =
            Math.min(
                1,
                Math.abs(state.field.message(f, k).precision())
                    / state.field.global(scope[k]).precision());
        inherited[scope[k]] += share * share * noise;
      }
    }

    /**
     * Ends the sweep: what its variables inherited becomes the noise of the next sweep's cavities.
     */
    void endSweep() {
      System.arraycopy(inherited, 0, state.variableNoise, 0, inherited.length);
    }

    void startBlock(List<FactorTask> blockTasks) {
      this.tasks = blockTasks;
      this.handed = 0;
    }

    void endBlock() {
      if (handed != tasks.size()) {
        throw new IllegalStateException(
            executorName + " returned " + handed + " results for " + tasks.size() + " tasks");
      }
    }

    @Override
    public void accept(FactorResult result) {
      if (handed == tasks.size()) {
        throw new IllegalStateException(
            executorName + " returned more results than the " + tasks.size() + " tasks");
      }
      FactorTask task = tasks.get(handed++);
      if (result.factor() != task.factor()) {
        throw new IllegalStateException(
            executorName
                + " returned the result of factor "
                + result.factor()
                + " for the task of factor "
                + task.factor()
                + "; results must come back in task order");
      }
      int f = task.factor();
      EpUpdate update =
          apply(
              state.field,
              before,
              quadraturePrior,
              sweep,
              factors.get(f),
              task,
              result,
              state.updated[f] ? damping : 0);
      state.updated[f] |= update.status() == UpdateStatus.OK;
      // an unchecked Laplace fit keeps the verdict of the factor's last check
      if (!(result.fit() == FactorResult.Fit.LAPLACE
          && !task.check()
          && state.fits[f] == FactorResult.Fit.LAPLACE_MISMATCH)) {
        state.fits[f] = result.fit();
      }
      if (update.status() == UpdateStatus.OK
          && task.check()
          && result.fit() == FactorResult.Fit.LAPLACE
          && laplaceMismatch != LaplaceMismatch.IGNORE) {
        state.checkedCavity[f] = task.cavity();
      }
      if (update.status() == UpdateStatus.OK) {
        state.evidenceTerms[f] = update.logEvidenceTerm();
        state.marginalTerms[f] = result.marginalTerms();
        state.flattened[f] = update.message().contains(FLAT_NOTE);
        state.varianceNoise[f] = result.noise() == null ? null : result.noise().variance().clone();
      }
      if (result.fit() == FactorResult.Fit.FALLBACK_SAMPLER && !state.fallback[f]) {
        state.fallback[f] = true;
        LOG.warn(
            "EP factor {}: its Laplace fit does not match its tilted distribution, so it is fitted"
                + " by the fallback sampler from now on ({})",
            factors.get(f).name(),
            result.message());
      }
      state.statuses[f] = update.status();
      // only an analysis factor's own failures count: an improper cavity or result comes from
      // other factors' messages and may pass
      if (update.status() == UpdateStatus.OK) {
        state.failures[f] = 0;
      } else if (isOwnFailure(factors.get(f), update.status())) {
        state.failures[f]++;
      }
      if (state.failures[f] >= maxFailures) {
        state.exclude(f);
        String note = "excluded after " + maxFailures + " failed fits with no success between";
        LOG.warn("EP factor {} {}: {}", factors.get(f).name(), note, update.message());
        update =
            new EpUpdate(
                update.sweep(),
                update.factor(),
                update.status(),
                update.kl(),
                update.residual(),
                update.noise(),
                update.logEvidenceTerm(),
                update.seconds(),
                notes(update.message(), note));
      }
      failing += update.status().isFailing() ? 1 : 0;
      residual = Math.max(residual, update.residual());
      if (update.status() == UpdateStatus.OK) {
        double cavityNoise = inheritedNoise(f);
        if (result.fit().sampled()) {
          noise = Math.max(noise, update.noise());
          sampledResidual = Math.max(sampledResidual, update.residual());
          propagate(f, Math.max(update.noise(), cavityNoise));
        } else {
          deterministicWithinFloor &= test.within(update.residual(), cavityNoise);
          propagate(f, cavityNoise);
          if (cavityNoise > 0) {
            update =
                new EpUpdate(
                    update.sweep(),
                    update.factor(),
                    update.status(),
                    update.kl(),
                    update.residual(),
                    cavityNoise,
                    update.logEvidenceTerm(),
                    update.seconds(),
                    update.message());
          }
        }
      }
      factorSeconds += update.seconds();
      state.pending.add(update);
      progress.updated(update.residual());
    }
  }

  /** Whether a status is an analysis factor's own failure, which counts towards its exclusion. */
  private static boolean isOwnFailure(EpFactor factor, UpdateStatus status) {
    return factor instanceof LikelihoodFactor<?>
        && (status == UpdateStatus.FAILED || status == UpdateStatus.NON_FINITE_MOMENTS);
  }

  /**
   * The blocks of a sweep: all prior (but fixed) and analysis factors, then the hierarchical
   * factors in blocks of 1, 2, 4, ... factors.
   */
  private static List<List<Integer>> blocks(List<EpFactor> factors) {
    List<List<Integer>> blocks = new ArrayList<>();
    List<Integer> local = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f) instanceof ParentFactor) {
        parents.add(f);
      } else if (!(factors.get(f) instanceof PriorFactor prior && prior.isFixed())) {
        local.add(f);
      }
    }
    blocks.add(local);
    for (int from = 0, size = 1; from < parents.size(); from += size, size *= 2) {
      blocks.add(parents.subList(from, Math.min(parents.size(), from + size)));
    }
    return blocks;
  }

  /**
   * The log normaliser a factor's cavity contributes to its normalised tilted log normaliser and to
   * the EP evidence: none for a variable whose prior the factor includes (its cavity is flat), NaN
   * for an improper cavity.
   *
   * @param cavity the cavity message
   * @param ownPrior whether the factor includes the variable's prior
   * @return the log normaliser, 0 or NaN
   */
  static double cavityLogNormaliser(GaussianMessage cavity, boolean ownPrior) {
    return ownPrior ? 0 : cavity.isProper() ? cavity.logNormaliser() : Double.NaN;
  }

  /** Joins the non-empty notes of an update with semicolons. */
  static String notes(String... notes) {
    StringJoiner joined = new StringJoiner("; ");
    for (String note : notes) {
      if (!note.isEmpty()) {
        joined.add(note);
      }
    }
    return joined.toString();
  }

  /**
   * Applies one result: the damped new message (with its step shortened where it would make a
   * variable's global approximation too narrow a fraction of its sweep-start precision), and the
   * update's record: the KL of the change, the residual (the KL of the undamped update's global
   * approximation, cavity times undamped message, from the task's global approximation), the
   * projection's sampling noise and the site's evidence term {@code log Ẑ_f - A(cavity · message)}
   * with the message actually applied.
   */
  private EpUpdate apply(
      MeanField field,
      List<GaussianMessage> before,
      boolean[] quadraturePrior,
      int sweep,
      EpFactor factor,
      FactorTask task,
      FactorResult result,
      double damping) {
    int f = task.factor();
    if (result.status() != UpdateStatus.OK) {
      return new EpUpdate(
          sweep,
          factor.name(),
          result.status(),
          0,
          0,
          0,
          Double.NaN,
          result.seconds(),
          result.message());
    }
    GaussianMessage[] moments = result.moments();
    GaussianMessage[] cavity = task.cavity();
    GaussianMessage[] target = new GaussianMessage[moments.length];
    boolean clipped = false;
    double residual = 0;
    double noise = 0;
    for (int k = 0; k < moments.length; k++) {
      if (moments[k] == null || !moments[k].isProper()) {
        return new EpUpdate(
            sweep,
            factor.name(),
            UpdateStatus.NON_FINITE_MOMENTS,
            0,
            0,
            0,
            Double.NaN,
            result.seconds(),
            "projection " + moments[k]);
      }
      target[k] = moments[k].divide(cavity[k]);
      if (target[k].precision() < 0
          && factor instanceof LikelihoodFactor
          && quadraturePrior[field.scope(f)[k]]) {
        clipped = true;
        target[k] = GaussianMessage.UNIFORM;
      }
      residual = Math.max(residual, residual(cavity[k].times(target[k]), task.current()[k]));
      if (result.noise() != null) {
        noise = Math.max(noise, result.noise().kl()[k]);
      }
    }
    int[] scope = field.scope(f);
    double step = 1;
    for (int attempt = 0; attempt <= MAX_STEP_HALVINGS; attempt++, step /= 2) {
      GaussianMessage[] replacement = new GaussianMessage[target.length];
      for (int k = 0; k < target.length; k++) {
        replacement[k] = target[k].dampedFrom(field.message(f, k), 1 - step * (1 - damping));
      }
      GaussianMessage[] tentative = field.tentative(f, replacement);
      boolean acceptable = true;
      for (int k = 0; k < tentative.length && acceptable; k++) {
        acceptable =
            tentative[k].precision() >= MIN_PRECISION_RATIO * before.get(scope[k]).precision();
      }
      if (acceptable) {
        double kl = 0;
        for (int k = 0; k < tentative.length; k++) {
          kl += tentative[k].klDivergence(field.global(scope[k]));
        }
        field.replace(f, replacement);
        return new EpUpdate(
            sweep,
            factor.name(),
            UpdateStatus.OK,
            kl,
            residual,
            noise,
            siteTerm(result.logNormaliser(), cavity, replacement),
            result.seconds(),
            notes(
                result.message(),
                step < 1 ? "step shortened to " + step : "",
                clipped ? FLAT_NOTE : ""));
      }
    }
    return new EpUpdate(
        sweep,
        factor.name(),
        UpdateStatus.IMPROPER_RESULT,
        0,
        residual,
        noise,
        Double.NaN,
        result.seconds(),
        "even a step of "
            + 2 * step
            + " would take a variable's global precision below "
            + MIN_PRECISION_RATIO
            + " of its value at the start of the sweep");
  }

  /**
   * Whether a cavity has moved away from the one of the factor's last passed Laplace check, so that
   * its next Laplace fit is to be checked: no check yet, or a variable whose cavity is improper now
   * or was then, or whose KL divergence from then exceeds {@value #CHECKED_CAVITY_KL}. Flat
   * cavities (variables whose prior the factor includes) never move.
   */
  private static boolean moved(GaussianMessage[] cavity, GaussianMessage[] checked) {
    if (checked == null) {
      return true;
    }
    for (int k = 0; k < cavity.length; k++) {
      if (cavity[k].equals(checked[k])) {
        continue;
      }
      if (!cavity[k].isProper() || !checked[k].isProper()) {
        return true;
      }
      double kl = cavity[k].klDivergence(checked[k]);
      if (!(kl <= CHECKED_CAVITY_KL)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The KL divergence of an undamped update's global approximation from the one it started from,
   * infinite where that approximation is improper, never negative.
   */
  private static double residual(GaussianMessage undamped, GaussianMessage current) {
    if (!undamped.isProper()) {
      return Double.POSITIVE_INFINITY;
    }
    double kl = undamped.klDivergence(current);
    // rounding can leave a KL of two equal Gaussians slightly negative
    return Double.isNaN(kl) ? Double.POSITIVE_INFINITY : Math.max(0, kl);
  }

  /**
   * A site's log scale {@code log s_f = log Ẑ_f - A(cavity · message)}: the factor's normaliser
   * under the update's unnormalised cavity over that of the message applied, so that the scaled
   * site {@code s_f m_f} integrates against the cavity to what the factor does. The cavity times
   * the applied message is a convex combination (in natural parameters) of the update's starting
   * approximation and its projection, so it is proper; where a message was set flat and the cavity
   * is improper, the term is NaN and so is the evidence.
   */
  static double siteTerm(
      double logNormaliser, GaussianMessage[] cavity, GaussianMessage[] message) {
    double term = logNormaliser;
    for (int k = 0; k < message.length; k++) {
      GaussianMessage product = cavity[k].times(message[k]);
      term -= product.isProper() ? product.logNormaliser() : Double.NaN;
    }
    return term;
  }

  /** A seed for one factor in one sweep: SplitMix64 mixing of the three numbers. */
  static long seedOf(long seed, int sweep, int factor) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + sweep) + 0xBF58476D1CE4E5B9L * (1 + (long) factor);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Collects settings; every setter validates its argument. */
  public static final class Builder {
    private double damping = 0.5;
    private int maxSweeps = 50;
    private int maxFailures = 5;
    private double tolerance = 1e-6;
    private int threads = 1;
    private long seed;
    private boolean correctedMarginals = true;
    private LongFunction<SearchEngine> sampler;
    private Path outputRoot;
    private String outputName;
    private String tag = "";
    private LaplaceMismatch laplaceMismatch = LaplaceMismatch.SAMPLE;
    private LongFunction<SearchEngine> laplaceFallback =
        s ->
            NestedSampling.of(NestedSettings.builder().nLive(FALLBACK_LIVE_POINTS).seed(s).build());
    private long historyInMemory = HISTORY_IN_MEMORY;
    private boolean noiseFloorConvergence = true;
    private Duration lockWait = Duration.ZERO;

    private Builder() {}

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
     * Fits analysis factors that have no own search by sampling their tilted distribution with the
     * engine made for each fit's seed (e.g. {@code s -> NestedSampling.of(...seed(s)...)}) instead
     * of by a Laplace approximation. A factor with its own {@link Search} always uses that search's
     * engine.
     *
     * @param engines the engine for a seed
     * @return this builder
     */
    public Builder sampler(LongFunction<SearchEngine> engines) {
      this.sampler = Objects.requireNonNull(engines, "engines");
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
     * LaplaceMismatch#SAMPLE}, made for each fit's seed; by default nested sampling with {@value
     * ExpectationPropagation#FALLBACK_LIVE_POINTS} live points.
     *
     * @param engines the engine for a seed
     * @return this builder
     */
    public Builder laplaceFallback(LongFunction<SearchEngine> engines) {
      this.laplaceFallback = Objects.requireNonNull(engines, "engines");
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
      return new ExpectationPropagation(this);
    }
  }
}

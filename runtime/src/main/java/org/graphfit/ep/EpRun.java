package org.graphfit.ep;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.graph.FactorGraph;
import org.graphfit.log.Log;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.Concern;
import org.graphfit.search.SearchFolder;

/**
 * The sweeps of one EP fit: from a completed fit's folder, its checkpoint or the start, sweep by
 * sweep ({@link SweepSchedule} orders the updates, {@link SweepResults} applies them, {@link
 * ConvergenceCriterion} judges each sweep) until EP converges or reaches its sweep limit, then,
 * where it converged to the noise floor of sampled factors, the averaging sweeps ({@link
 * ExpectationPropagation.Builder#maxAveragingSweeps(int)}), checkpointing after every sweep with an
 * output folder.
 */
final class EpRun {
  private static final Log LOG = Log.of(ExpectationPropagation.class);

  private final EpSettings settings;

  /**
   * A run with these settings.
   *
   * @param settings the settings
   */
  EpRun(EpSettings settings) {
    this.settings = settings;
  }

  /**
   * Fits a graph: loads its completed fit, resumes it from its checkpoint or fits it afresh; see
   * {@link ExpectationPropagation#fit(FactorGraph, Function)}.
   *
   * @param graph the graph
   * @param executors makes the executor from the factor list
   * @return the result
   */
  EpResult fit(FactorGraph graph, Function<List<EpFactor>, FactorExecutor> executors) {
    long start = System.nanoTime();
    ModelLayout<CollectionInstance> layout = graph.layout();
    List<EpFactor> factors = EpFactors.of(graph, layout, settings);
    int variables = layout.priorCount();
    EpFolder folder = EpFitIdentity.folder(graph, layout, settings);
    if (folder == null) {
      return run(graph, layout, factors, executors, null, start);
    }
    try (SearchFolder.Lock lock = folder.lock(settings.lockWait())) {
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
                settings.tolerance(),
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
    FactorOutput output = settings.factorOutput().resolve(graph.factors().size());
    if (folder != null && output != settings.factorOutput() && !output.folders()) {
      LOG.info(
          "{} analysis factors: no factor folders in {} (more than {}); ask for them with"
              + " builder().factorOutput(FactorOutput.RESULTS)",
          graph.factors().size(),
          folder.path(),
          FactorOutput.AUTO_MOST_FACTORS);
    }
    EpFactorFiles factorFiles =
        folder != null && output.folders()
            ? new EpFactorFiles(factors, graph.factors(), folder.resultFiles())
            : null;
    if (folder != null) {
      state = folder.checkpoint(factors, variables).orElse(null);
      folder.writeStart(layout.info());
      if (output.hooks()) {
        factorFiles.saveData(folder.paths());
      }
      if (state != null) {
        LOG.info("resuming the EP fit in {} after sweep {}", folder.path(), state.sweepCount());
      }
    }
    if (state == null) {
      state = EpState.start(factors, variables);
    }
    MemoryHistory memory = folder == null ? new MemoryHistory(settings.historyInMemory()) : null;
    SweepSchedule schedule = new SweepSchedule(factors, settings.seed());
    boolean[] quadraturePrior = new boolean[variables];
    for (EpFactor factor : factors) {
      if (factor.needsProperCavity()) {
        quadraturePrior[factor.variables().get(0)] = true;
      }
    }
    ConvergenceCriterion criterion =
        new ConvergenceCriterion(settings.tolerance(), settings.noiseFloorConvergence());
    try (FactorExecutor executor = executors.apply(List.copyOf(factors));
        EpProgress progress = EpProgress.start(settings.maxSweeps(), settings.tolerance())) {
      for (int sweep = state.sweepCount() + 1; another(state, sweep); sweep++) {
        sweep(state, factors, schedule, quadraturePrior, executor, sweep, criterion, progress);
        if (folder != null) {
          folder.saveCheckpoint(state, state.earlierSeconds + PriorFactor.seconds(start));
        } else {
          memory.append(state.pending);
          state.pending.clear();
        }
      }
    }
    correctByMeasuredNoise(state);
    EpResult result =
        new EpResult(
            graph,
            layout,
            factors,
            state,
            folder != null ? folder.history(folder.historyReference()) : memory,
            settings.tolerance(),
            state.earlierSeconds + PriorFactor.seconds(start));
    logConcerns(result);
    if (folder != null) {
      EpState last = state;
      folder.writeResult(
          result,
          last,
          factorFiles == null ? Map.of() : factorFiles.folders(),
          paths -> saveResults(paths, graph, layout, result, last, factorFiles, output.hooks()));
      LOG.info("wrote {}", folder.path());
    }
    return result;
  }

  /**
   * Writes the factors' folders, calls the hooks of {@link FactorOutput#RESULTS_AND_HOOKS} and
   * writes the report, before the manifest.
   */
  private void saveResults(
      FitPaths paths,
      FactorGraph graph,
      ModelLayout<CollectionInstance> layout,
      EpResult result,
      EpState state,
      EpFactorFiles factorFiles,
      boolean hooks) {
    if (factorFiles != null) {
      factorFiles.write(paths, result, state, hooks);
    }
    if (hooks) {
      double[] means = new double[layout.priorCount()];
      for (int v = 0; v < means.length; v++) {
        means[v] = result.summaries().get(v).mean();
      }
      paths
          .hooks()
          .call(
              "combined visualize(FINAL)",
              () ->
                  graph.hooks().visualize(paths, layout.instanceFromVector(means), FitStage.FINAL));
    }
    paths.hooks().call("saveResults", () -> settings.hooks().saveResults(paths, result));
    if (settings.report() && !Files.exists(paths.folder().resolve("report.html"))) {
      EpReportWriter.find()
          .ifPresent(
              writer ->
                  paths
                      .hooks()
                      .call("report", () -> writer.write(paths, result, paths.hooks().failures())));
    }
  }

  /**
   * Whether to run the sweep: before convergence, up to the sweep limit; after convergence to the
   * noise floor, while a variable's precision noise is above its limit and averaging sweeps remain.
   */
  private boolean another(EpState state, int sweep) {
    if (state.convergence == Convergence.CONVERGED_TO_NOISE_FLOOR) {
      if (state.averagedSweeps >= settings.maxAveragingSweeps()) {
        return false;
      }
      double limit = EpConcerns.PRECISION_NOISE_TARGET * EpConcerns.PRECISION_NOISE_TARGET;
      for (double noise : state.precisionNoise()) {
        if (noise > limit) {
          return true;
        }
      }
      return false;
    }
    return sweep <= settings.maxSweeps() && !state.convergence.converged();
  }

  /**
   * After the averaging sweeps, corrects each averaged sampled message by the part of its
   * precision's bias that the weights missed: its updates' scatter measured a relative variance
   * {@code r} of the projected precision (see {@link EpState#empiricalNoise}) where each update was
   * corrected by its weights' {@code r̂}, so the averaged projection's precision {@code p̄} is
   * lowered by a further {@code (r - r̂) p̄} (capped at {@value SampledFit#MAX_CORRECTION} of it),
   * its mean kept; the factor's marginal terms get the same widening and its evidence term is
   * recomputed with the corrected message. Done once: the state records it.
   */
  private static void correctByMeasuredNoise(EpState state) {
    if (state.noiseCorrected || state.averagedSweeps < EpState.LEAST_REPEATS) {
      return;
    }
    MeanField field = state.field;
    for (int f = 0; f < field.factorCount(); f++) {
      int scope = field.scope(f).length;
      boolean changed = false;
      GaussianMessage[] messages = new GaussianMessage[scope];
      GaussianMessage[] widenings = new GaussianMessage[scope];
      for (int k = 0; k < scope; k++) {
        messages[k] = field.message(f, k);
        double measured = state.empiricalNoise(f, k);
        if (Double.isNaN(measured) || state.varianceNoise[f] == null) {
          continue;
        }
        double[] sums = state.projectionSums[f][k];
        double excess =
            Math.max(
                -SampledFit.MAX_CORRECTION,
                Math.min(SampledFit.MAX_CORRECTION, measured - state.varianceNoise[f][k]));
        double precision = sums[3] / sums[0];
        double mean = sums[4] / sums[0];
        GaussianMessage widening =
            GaussianMessage.ofNatural(-excess * precision, -excess * precision * mean);
        messages[k] = messages[k].times(widening);
        widenings[k] = widening;
        changed = true;
      }
      if (changed && properAfter(field, f, messages)) {
        for (int k = 0; k < scope && state.marginalTerms[f] != null; k++) {
          MarginalTerm term = state.marginalTerms[f][k];
          if (term != null && widenings[k] != null) {
            state.marginalTerms[f][k] =
                new MarginalTerm(term.message().times(widenings[k]), term.correction());
          }
        }
        field.replace(f, messages);
        if (state.averagedCavity[f] != null) {
          state.evidenceTerms[f] =
              MessageUpdater.siteTerm(
                  state.averagedLogNormalizer[f], state.averagedCavity[f], messages);
        }
      }
    }
    field.recompute();
    state.noiseCorrected = true;
  }

  /** Whether replacing a factor's messages leaves every global approximation of its proper. */
  private static boolean properAfter(MeanField field, int f, GaussianMessage[] messages) {
    for (GaussianMessage global : field.tentative(f, messages)) {
      if (!global.isProper()) {
        return false;
      }
    }
    return true;
  }

  private static void logConcerns(EpResult result) {
    for (Concern concern : result.concerns()) {
      LOG.warn("EP result is not trustworthy: {}", concern);
    }
  }

  /** Runs one sweep: every block's tasks, their updates applied in order, then the criterion. */
  private void sweep(
      EpState state,
      List<EpFactor> factors,
      SweepSchedule schedule,
      boolean[] quadraturePrior,
      FactorExecutor executor,
      int sweep,
      ConvergenceCriterion criterion,
      EpProgress progress) {
    long sweepStart = System.nanoTime();
    boolean averaging = state.convergence == Convergence.CONVERGED_TO_NOISE_FLOOR;
    MeanField field = state.field;
    progress.sweep(sweep, state.statuses);
    SweepResults results =
        new SweepResults(
            settings,
            state,
            factors,
            quadraturePrior,
            sweep,
            averaging ? 1.0 / (state.averagedSweeps + 1) : 0,
            executor.getClass(),
            criterion,
            progress);
    for (List<Integer> block : schedule.blocks()) {
      List<FactorTask> tasks = schedule.tasks(block, state, sweep);
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
    double floor = criterion.noiseFloor(results.noise);
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
    if (averaging) {
      state.averagedSweeps++;
    } else {
      state.convergence = criterion.verdict(state.sweeps);
    }
    progress.swept(results.residual);
  }
}

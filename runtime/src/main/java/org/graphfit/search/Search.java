package org.graphfit.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.analysis.HookLog;
import org.graphfit.log.Log;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;

/**
 * A {@link NonLinearSearch} made of an engine plus how to run it: the number of threads and,
 * optionally, an output folder. With an output folder ({@link OutputFolder}) a completed fit of the
 * same model, data ({@link Analysis#dataIdentity()}), settings and tag is loaded instead of
 * refitted, its files checked against the digests recorded when they were written, and an
 * interrupted one resumes from its checkpoint; both are logged at INFO. The fit holds the folder's
 * lock while it reads and writes there, so a second fit of the same folder fails with an error
 * naming the holder, or waits for it ({@link #withLockWait(Duration)}).
 *
 * <p>A fit with an output folder also calls the analysis's hooks ({@link Analysis#saveData}, {@link
 * Analysis#visualize} during the fit every {@link #withVisualizeInterval(Duration)} and at the end,
 * {@link ResultSaver#saveResults} for an analysis that saves results, such as a graph's), then
 * writes {@code report.html} through a {@link ReportWriter} found on the class path unless a hook
 * wrote one, and {@code files/hooks.json} (the hooks that threw); all of it before the manifest,
 * which lists every file below the folder. Hooks never change the result. Immutable; the {@code
 * with} methods return copies.
 *
 * <pre>{@code
 * NonLinearSearch search = Search.of(NestedSampling.of(NestedSettings.builder().nLive(500).seed(1).build()))
 *     .withOutput(Path.of("output"), "seed/joint")
 *     .withThreads(2);
 * Result<Gaussian> result = search.fit(GaussianModel.withDefaults(), analysis);
 * }</pre>
 */
public final class Search implements NonLinearSearch {
  private static final Log LOG = Log.of(Search.class);

  private final SearchEngine engine;
  private final int threads;
  private final Path outputRoot;
  private final String outputName;
  private final String tag;
  private final Duration lockWait;
  private final Duration visualizeInterval;
  private final boolean report;

  private Search(
      SearchEngine engine,
      int threads,
      Path outputRoot,
      String outputName,
      String tag,
      Duration lockWait,
      Duration visualizeInterval,
      boolean report) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.threads = threads;
    this.outputRoot = outputRoot;
    this.outputName = outputName;
    this.tag = tag;
    this.lockWait = lockWait;
    this.visualizeInterval = visualizeInterval;
    this.report = report;
  }

  /** The default time between two {@link FitStage#DURING} hook calls. */
  public static final Duration DEFAULT_VISUALIZE_INTERVAL = Duration.ofSeconds(30);

  /**
   * A search with one thread per processor and no output folder.
   *
   * @param engine the algorithm
   * @return the search
   */
  public static Search of(SearchEngine engine) {
    return new Search(
        engine,
        Runtime.getRuntime().availableProcessors(),
        null,
        null,
        "",
        Duration.ZERO,
        DEFAULT_VISUALIZE_INTERVAL,
        true);
  }

  /**
   * A copy that evaluates likelihoods on the given number of threads. Results do not depend on it.
   *
   * @param threads at least 1
   * @return the copy
   */
  public Search withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    return new Search(
        engine, threads, outputRoot, outputName, tag, lockWait, visualizeInterval, report);
  }

  /**
   * A copy that writes {@code <root>/<name>/<identifier>/}.
   *
   * @param root the output root
   * @param name the fit's name, e.g. {@code seed/joint}
   * @return the copy
   */
  public Search withOutput(Path root, String name) {
    return new Search(
        engine,
        threads,
        Objects.requireNonNull(root, "root"),
        name,
        tag,
        lockWait,
        visualizeInterval,
        report);
  }

  /**
   * A copy whose output identifier also depends on a user tag.
   *
   * @param tag any text
   * @return the copy
   */
  public Search withTag(String tag) {
    return new Search(
        engine,
        threads,
        outputRoot,
        outputName,
        Objects.requireNonNull(tag, "tag"),
        lockWait,
        visualizeInterval,
        report);
  }

  /**
   * A copy that, when another fit (another process or thread) writes its output folder, waits up to
   * the given time for it to end instead of failing at once; a fit that completed meanwhile is then
   * loaded.
   *
   * @param wait how long to wait, zero (the default) to fail at once
   * @return the copy
   */
  public Search withLockWait(Duration wait) {
    if (Objects.requireNonNull(wait, "wait").isNegative()) {
      throw new IllegalArgumentException("the lock wait must not be negative but was " + wait);
    }
    return new Search(
        engine, threads, outputRoot, outputName, tag, wait, visualizeInterval, report);
  }

  /**
   * A copy that calls the analysis's {@link FitStage#DURING} hook ({@link Analysis#visualize}) with
   * the best instance so far every {@code interval} (default {@link #DEFAULT_VISUALIZE_INTERVAL})
   * on a thread of its own; zero never calls it. The result does not depend on it. Hooks run only
   * for fits with an output folder.
   *
   * @param interval the time between calls, zero for none
   * @return the copy
   */
  public Search withVisualizeInterval(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").isNegative()) {
      throw new IllegalArgumentException(
          "the visualize interval must not be negative but was " + interval);
    }
    return new Search(engine, threads, outputRoot, outputName, tag, lockWait, interval, report);
  }

  /**
   * A copy that writes, or does not write, {@code report.html} into the fit folder when the fit
   * completes (on by default; it needs a {@link ReportWriter} on the class path, such as module
   * {@code graphfit-plot}'s).
   *
   * @param enabled false for no report
   * @return the copy
   */
  public Search withReport(boolean enabled) {
    return new Search(
        engine, threads, outputRoot, outputName, tag, lockWait, visualizeInterval, enabled);
  }

  /**
   * The engine.
   *
   * @return the algorithm
   */
  public SearchEngine engine() {
    return engine;
  }

  /**
   * The output folder this search would use for a model and analysis, if it writes output.
   *
   * @param layout the model's layout
   * @param analysis the analysis, whose {@link Analysis#dataIdentity()} enters the identifier
   * @return the folder, or null without output
   */
  public OutputFolder outputFolder(ModelLayout<?> layout, Analysis<?> analysis) {
    if (outputRoot == null) {
      return null;
    }
    return OutputFolder.of(
        outputRoot,
        outputName,
        tag,
        layout.description(),
        Map.of("analysis", DataIdentity.describe(analysis)),
        engine.name(),
        engine.settings());
  }

  @Override
  public <T> Result<T> fit(Model<T> model, Analysis<T> analysis) {
    ModelLayout<T> layout = model.layout();
    List<DerivedQuantity<T>> quantities = DerivedSamples.checked(analysis);
    OutputFolder folder = outputFolder(layout, analysis);
    if (folder == null) {
      return run(layout, analysis, null, null);
    }
    try (FitLock lock = folder.lock(lockWait)) {
      if (folder.isComplete()) {
        LOG.info("loading the completed fit in {}", folder.path());
        Result<T> loaded = folder.loadResult(layout, names(quantities));
        folder.removeLeftovers();
        if (loaded.derivedSamples().isEmpty() && !quantities.isEmpty()) {
          return withDerived(loaded, quantities);
        }
        return loaded;
      }
      folder.writeStart(layout.info());
      FitPaths paths = folder.paths("");
      HookLog hooks = paths.hooks();
      hooks.call("saveData", () -> analysis.saveData(paths));
      Result<T> result;
      if (visualizeInterval.isZero()) {
        result = run(layout, analysis, folder, null);
      } else {
        try (DuringFit<T> during = DuringFit.start(analysis, layout, paths, visualizeInterval)) {
          result = run(layout, analysis, folder, during);
        }
      }
      folder.beginResult();
      folder.writeResultFiles(result);
      hooks.call(
          "visualize(FINAL)",
          () -> analysis.visualize(paths, result.maxLogLikelihoodInstance(), FitStage.FINAL));
      if (analysis instanceof ResultSaver<?> saver) {
        @SuppressWarnings("unchecked") // the analysis of T saves results of T
        ResultSaver<T> typed = (ResultSaver<T>) saver;
        hooks.call(
            "saveResults", () -> typed.saveResults(paths, result, OutputFolder::resultFiles));
      }
      if (report && !folder.exists("report.html")) {
        ReportWriter.find()
            .ifPresent(
                writer ->
                    hooks.call("report", () -> writer.write(paths, result, hooks.failures())));
      }
      folder.writeHookFailures();
      folder.completeResult();
      LOG.info("wrote {}", folder.path());
      return result;
    }
  }

  private <T> Result<T> run(
      ModelLayout<T> layout, Analysis<T> analysis, OutputFolder folder, DuringFit<T> during) {
    SearchProblem problem = SearchProblems.of(layout, analysis);
    SearchProblem searched = during == null ? problem : during.track(problem);
    CheckpointStore checkpoints =
        folder == null
            ? CheckpointStore.none()
            : new CountingCheckpointStore(folder.checkpoint(), problem.failures(), folder.path());
    long start = System.nanoTime();
    SearchRun run;
    Samples derived = null;
    List<Concern> derivedConcerns = new ArrayList<>();
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      run = engine.run(searched, runner, checkpoints);
      List<DerivedQuantity<T>> quantities = DerivedSamples.checked(analysis);
      if (!quantities.isEmpty()) {
        derived =
            DerivedSamples.compute(layout, quantities, run.samples(), runner, derivedConcerns);
      }
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    LikelihoodFailures failures = problem.failures();
    if (failures.failures() > 0) {
      LOG.warn(
          "{} of {} likelihood calls failed and counted as zero likelihood; the first: {}",
          failures.failures(),
          failures.calls(),
          failures.firstMessage());
    }
    Result.Builder<T> builder =
        Result.builder(engine.name(), layout, run.samples())
            .logEvidence(run.logEvidence(), run.logEvidenceError())
            .cost(failures, seconds)
            .checks(run);
    if (derived != null) {
      builder.derivedSamples(derived);
      derivedConcerns.forEach(builder::concern);
    }
    Result<T> result = builder.build();
    for (Concern concern : result.concerns()) {
      LOG.warn("{} result is not trustworthy: {}", engine.name(), concern);
    }
    return result;
  }

  private static <T> List<String> names(List<DerivedQuantity<T>> quantities) {
    List<String> names = new ArrayList<>();
    for (DerivedQuantity<T> quantity : quantities) {
      names.add(quantity.name());
    }
    return names;
  }

  /** A loaded result whose folder predates the analysis's quantities: computed now, not stored. */
  private <T> Result<T> withDerived(Result<T> loaded, List<DerivedQuantity<T>> quantities) {
    List<Concern> concerns = new ArrayList<>();
    Samples derived;
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      derived =
          DerivedSamples.compute(loaded.layout(), quantities, loaded.samples(), runner, concerns);
    }
    return loaded.withDerivedSamples(derived, concerns);
  }
}

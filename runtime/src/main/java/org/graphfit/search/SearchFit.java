package org.graphfit.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.analysis.HookLog;
import org.graphfit.log.Log;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;

/**
 * What every {@link ProblemSearch} shares when it fits a model: the threads, the output folder
 * (loading a completed fit, resuming an interrupted one, the lock), the analysis's hooks, the
 * derived quantities, the analysis's {@link RunAudit} of the run (before the result is built and
 * written, its calls counted in the result's) and the report. See {@link SearchBuilder} for the
 * behaviour.
 */
final class SearchFit {
  private static final Log LOG = Log.of(ProblemSearch.class);

  private SearchFit() {}

  /** The output folder of a fit, or null without output. */
  static SearchFolder outputFolder(
      ProblemSearch search, ModelLayout<?> layout, Analysis<?> analysis) {
    SearchOptions options = search.options();
    if (!options.writesOutput()) {
      return null;
    }
    return Storage.get()
        .of(
            options.outputRoot(),
            options.outputName(),
            options.tag(),
            layout.description(),
            Map.of("analysis", DataIdentity.describe(analysis)),
            search.name(),
            search.settingsMap());
  }

  /** The path of {@link #outputFolder}, if any. */
  static Optional<Path> outputPath(
      ProblemSearch search, ModelLayout<?> layout, Analysis<?> analysis) {
    return Optional.ofNullable(outputFolder(search, layout, analysis)).map(SearchFolder::path);
  }

  /** Fits the model with the search and its options. */
  static <T> Result<T> fit(ProblemSearch search, Model<T> model, Analysis<T> analysis) {
    SearchOptions options = search.options();
    ModelLayout<T> layout = model.layout();
    List<DerivedQuantity<T>> quantities = DerivedSamples.checked(analysis);
    SearchFolder folder = outputFolder(search, layout, analysis);
    if (folder == null) {
      return run(search, layout, analysis, null, null);
    }
    try (SearchFolder.Lock lock = folder.lock(options.lockWait())) {
      if (folder.isComplete()) {
        LOG.info("loading the completed fit in {}", folder.path());
        Result<T> loaded = folder.loadResult(layout, names(quantities));
        folder.removeLeftovers();
        if (loaded.derivedSamples().isEmpty() && !quantities.isEmpty()) {
          return withDerived(options, loaded, quantities);
        }
        return loaded;
      }
      folder.writeStart(layout.info());
      FitPaths paths = folder.paths();
      HookLog hooks = paths.hooks();
      hooks.call("saveData", () -> analysis.saveData(paths));
      Result<T> result;
      if (options.visualizeInterval().isZero()) {
        result = run(search, layout, analysis, folder, null);
      } else {
        try (DuringFit<T> during =
            DuringFit.start(analysis, layout, paths, options.visualizeInterval())) {
          result = run(search, layout, analysis, folder, during);
        }
      }
      folder.writeResult(result);
      hooks.call(
          "visualize(FINAL)",
          () -> analysis.visualize(paths, result.maxLogLikelihoodInstance(), FitStage.FINAL));
      if (analysis instanceof ResultSaver<?> saver) {
        @SuppressWarnings("unchecked") // the analysis of T saves results of T
        ResultSaver<T> typed = (ResultSaver<T>) saver;
        hooks.call("saveResults", () -> typed.saveResults(paths, result, folder.resultFiles()));
      }
      if (options.report() && !folder.exists("report.html")) {
        ReportWriter.find()
            .ifPresent(
                writer ->
                    hooks.call("report", () -> writer.write(paths, result, hooks.failures())));
      }
      folder.complete();
      LOG.info("wrote {}", folder.path());
      return result;
    }
  }

  private static <T> Result<T> run(
      ProblemSearch search,
      ModelLayout<T> layout,
      Analysis<T> analysis,
      SearchFolder folder,
      DuringFit<T> during) {
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
    RunAudit.Findings audit = null;
    try (TaskRunner runner = TaskRunner.withThreads(search.options().threads())) {
      run = search.run(searched, runner, checkpoints);
      List<DerivedQuantity<T>> quantities = DerivedSamples.checked(analysis);
      if (!quantities.isEmpty()) {
        derived =
            DerivedSamples.compute(layout, quantities, run.samples(), runner, derivedConcerns);
      }
      if (analysis instanceof RunAudit auditor) {
        audit = auditor.audit(run.samples(), seed(search), runner);
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
        Result.builder(search.name(), layout, run.samples())
            .logEvidence(run.logEvidence(), run.logEvidenceError())
            .cost(
                failures.calls() + (audit == null ? 0 : audit.likelihoodCalls()),
                failures.failures(),
                failures.firstMessage(),
                seconds)
            .checks(run);
    if (audit != null) {
      audit.diagnostics().forEach(builder::diagnostic);
      audit.concerns().forEach(builder::concern);
    }
    if (derived != null) {
      builder.derivedSamples(derived);
      derivedConcerns.forEach(builder::concern);
    }
    Result<T> result = builder.build();
    for (Concern concern : result.concerns()) {
      LOG.warn("{} result is not trustworthy: {}", search.name(), concern);
    }
    return result;
  }

  /** The search's {@code seed} setting, or 0 for a search without one. */
  private static long seed(ProblemSearch search) {
    return search.settingsMap().get("seed") instanceof Number seed ? seed.longValue() : 0;
  }

  private static <T> List<String> names(List<DerivedQuantity<T>> quantities) {
    List<String> names = new ArrayList<>();
    for (DerivedQuantity<T> quantity : quantities) {
      names.add(quantity.name());
    }
    return names;
  }

  /** A loaded result whose folder predates the analysis's quantities: computed now, not stored. */
  private static <T> Result<T> withDerived(
      SearchOptions options, Result<T> loaded, List<DerivedQuantity<T>> quantities) {
    List<Concern> concerns = new ArrayList<>();
    Samples derived;
    try (TaskRunner runner = TaskRunner.withThreads(options.threads())) {
      derived =
          DerivedSamples.compute(loaded.layout(), quantities, loaded.samples(), runner, concerns);
    }
    return loaded.withDerivedSamples(derived, concerns);
  }
}

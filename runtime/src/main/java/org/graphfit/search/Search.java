package org.graphfit.search;

import java.nio.file.Path;
import java.util.Objects;
import org.graphfit.analysis.Analysis;
import org.graphfit.log.Log;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.OutputFolder;

/**
 * A {@link NonLinearSearch} made of an engine plus how to run it: the number of threads and,
 * optionally, an output folder. With an output folder a completed fit is loaded instead of
 * refitted, and an interrupted one resumes from its checkpoint. Immutable; the {@code with} methods
 * return copies.
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

  private Search(SearchEngine engine, int threads, Path outputRoot, String outputName, String tag) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.threads = threads;
    this.outputRoot = outputRoot;
    this.outputName = outputName;
    this.tag = tag;
  }

  /**
   * A search with one thread per processor and no output folder.
   *
   * @param engine the algorithm
   * @return the search
   */
  public static Search of(SearchEngine engine) {
    return new Search(engine, Runtime.getRuntime().availableProcessors(), null, null, "");
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
    return new Search(engine, threads, outputRoot, outputName, tag);
  }

  /**
   * A copy that writes {@code <root>/<name>/<identifier>/}.
   *
   * @param root the output root
   * @param name the fit's name, e.g. {@code seed/joint}
   * @return the copy
   */
  public Search withOutput(Path root, String name) {
    return new Search(engine, threads, Objects.requireNonNull(root, "root"), name, tag);
  }

  /**
   * A copy whose output identifier also depends on a user tag.
   *
   * @param tag any text
   * @return the copy
   */
  public Search withTag(String tag) {
    return new Search(engine, threads, outputRoot, outputName, Objects.requireNonNull(tag, "tag"));
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
   * The output folder this search would use for a model, if it writes output.
   *
   * @param layout the model's layout
   * @return the folder, or null without output
   */
  public OutputFolder outputFolder(ModelLayout<?> layout) {
    if (outputRoot == null) {
      return null;
    }
    return OutputFolder.of(outputRoot, outputName, tag, layout, engine.name(), engine.settings());
  }

  @Override
  public <T> Result<T> fit(Model<T> model, Analysis<T> analysis) {
    ModelLayout<T> layout = model.layout();
    OutputFolder folder = outputFolder(layout);
    if (folder != null && folder.isComplete()) {
      LOG.info("loading the completed fit in {}", folder.path());
      return folder.loadResult(layout);
    }
    SearchProblem problem = SearchProblems.of(layout, analysis);
    CheckpointStore checkpoints = CheckpointStore.none();
    if (folder != null) {
      folder.writeStart(layout);
      checkpoints = new CountingCheckpointStore(folder.checkpoint(), problem.failures());
    }
    long start = System.nanoTime();
    SearchRun run;
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      run = engine.run(problem, runner, checkpoints);
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
    Result<T> result =
        Result.builder(engine.name(), layout, run.samples())
            .logEvidence(run.logEvidence(), run.logEvidenceError())
            .cost(failures, seconds)
            .checks(run)
            .build();
    for (Concern concern : result.concerns()) {
      LOG.warn("{} result is not trustworthy: {}", engine.name(), concern);
    }
    if (folder != null) {
      folder.writeResult(result);
      LOG.info("wrote {}", folder.path());
    }
    return result;
  }
}

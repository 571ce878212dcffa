package org.graphfit.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.FitStage;

/**
 * The options every built-in search's builder shares ({@link SearchOptions}), with the same names
 * on every engine: {@code NestedSampling.builder()}, {@code EnsembleMcmc.builder()} and {@code
 * Optimization.builder()} extend it with their own settings.
 *
 * <p>With an output folder ({@link #output(Path, String)}) a completed fit of the same model, data
 * ({@link Analysis#dataIdentity()}), settings and tag is loaded instead of refitted, its files
 * checked against the digests recorded when they were written, and an interrupted one resumes from
 * its checkpoint; both are logged at INFO. The fit holds the folder's lock while it reads and
 * writes there, so a second fit of the same folder fails with an error naming the holder, or waits
 * for it ({@link #lockWait(Duration)}). Such a fit also calls the analysis's hooks ({@link
 * Analysis#saveData}, {@link Analysis#visualize} during the fit every {@link
 * #visualizeInterval(Duration)} and at the end, {@link ResultSaver#saveResults} for an analysis
 * that saves results, such as a graph's), then writes {@code report.html} through a {@link
 * ReportWriter} found on the class path unless a hook wrote one ({@link #report(boolean)}), and
 * {@code files/hooks.json} (the hooks that threw); all of it before the manifest, which lists every
 * file below the folder. Hooks never change the result.
 *
 * @param <B> the engine's builder
 */
public abstract class SearchBuilder<B extends SearchBuilder<B>> {
  private int threads;
  private Path outputRoot;
  private String outputName;
  private String tag;
  private Duration lockWait;
  private Duration visualizeInterval;
  private boolean report;

  /**
   * A builder starting from the given options.
   *
   * @param options the options, e.g. {@link SearchOptions#defaults()}
   */
  protected SearchBuilder(SearchOptions options) {
    this.threads = options.threads();
    this.outputRoot = options.outputRoot();
    this.outputName = options.outputName();
    this.tag = options.tag();
    this.lockWait = options.lockWait();
    this.visualizeInterval = options.visualizeInterval();
    this.report = options.report();
  }

  /**
   * This builder, as the engine's type.
   *
   * @return this
   */
  protected abstract B self();

  /**
   * The options collected so far, validated.
   *
   * @return the options
   * @throws IllegalArgumentException if an option is out of range
   */
  protected final SearchOptions options() {
    return new SearchOptions(
        threads, outputRoot, outputName, tag, lockWait, visualizeInterval, report);
  }

  /**
   * Evaluates likelihoods on the given number of threads (one per processor by default). Results do
   * not depend on it.
   *
   * @param threads at least 1
   * @return this builder
   */
  public final B threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    this.threads = threads;
    return self();
  }

  /**
   * Writes the fit to {@code <root>/<name>/<identifier>/}, where the identifier hashes the model,
   * the analysis's data identity, the search's name and settings and the tag.
   *
   * @param root the output root, e.g. {@code output}
   * @param name the fit's name, e.g. {@code seed/joint}
   * @return this builder
   */
  public final B output(Path root, String name) {
    this.outputRoot = Objects.requireNonNull(root, "root");
    this.outputName = Objects.requireNonNull(name, "name");
    return self();
  }

  /**
   * Writes no output folder (the default).
   *
   * @return this builder
   */
  public final B noOutput() {
    this.outputRoot = null;
    this.outputName = null;
    return self();
  }

  /**
   * A tag that enters the output identifier, to keep otherwise identical fits apart.
   *
   * @param tag any text; empty by default
   * @return this builder
   */
  public final B tag(String tag) {
    this.tag = Objects.requireNonNull(tag, "tag");
    return self();
  }

  /**
   * When another fit (another process or thread) writes the output folder, waits up to the given
   * time for it to end instead of failing at once; a fit that completed meanwhile is then loaded.
   *
   * @param wait how long to wait, zero (the default) to fail at once
   * @return this builder
   */
  public final B lockWait(Duration wait) {
    if (Objects.requireNonNull(wait, "wait").isNegative()) {
      throw new IllegalArgumentException("the lock wait must not be negative but was " + wait);
    }
    this.lockWait = wait;
    return self();
  }

  /**
   * Calls the analysis's {@link FitStage#DURING} hook ({@link Analysis#visualize}) with the best
   * instance so far every {@code interval} (default {@link
   * SearchOptions#DEFAULT_VISUALIZE_INTERVAL}) on a thread of its own; zero never calls it. The
   * result does not depend on it. Hooks run only for fits with an output folder.
   *
   * @param interval the time between calls, zero for none
   * @return this builder
   */
  public final B visualizeInterval(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").isNegative()) {
      throw new IllegalArgumentException(
          "the visualize interval must not be negative but was " + interval);
    }
    this.visualizeInterval = interval;
    return self();
  }

  /**
   * Writes, or does not write, {@code report.html} into the fit folder when the fit completes (on
   * by default; it needs a {@link ReportWriter} on the class path, such as module {@code
   * graphfit-plot}'s).
   *
   * @param enabled false for no report
   * @return this builder
   */
  public final B report(boolean enabled) {
    this.report = enabled;
    return self();
  }
}

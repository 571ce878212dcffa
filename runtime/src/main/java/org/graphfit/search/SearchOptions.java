package org.graphfit.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a search runs, as opposed to what it computes: the number of threads, the output folder and
 * its tag, how long to wait for another fit's lock, how often to call the analysis's visualize hook
 * during the fit and whether to write a report. Every built-in search holds one, set through its
 * builder ({@link SearchBuilder}); none of it changes the result, and only the output name and tag
 * enter the output identifier.
 *
 * @param threads the threads likelihoods are evaluated on, at least 1
 * @param outputRoot the output root, or null for no output folder
 * @param outputName the fit's name below the root, e.g. {@code seed/joint}, or null without output
 * @param tag text that enters the output identifier, empty by default
 * @param lockWait how long to wait for another fit of the same folder to end, zero to fail at once
 * @param visualizeInterval the time between two calls of the analysis's {@code visualize} hook
 *     during the fit, zero for none
 * @param report whether the fit folder gets a {@code report.html}
 */
public record SearchOptions(
    int threads,
    Path outputRoot,
    String outputName,
    String tag,
    Duration lockWait,
    Duration visualizeInterval,
    boolean report) {
  /** The default time between two calls of the analysis's {@code visualize} hook during a fit. */
  public static final Duration DEFAULT_VISUALIZE_INTERVAL = Duration.ofSeconds(30);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if threads are fewer than 1, a duration is negative, or only
   *     one of the output root and name is given
   */
  public SearchOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    if ((outputRoot == null) != (outputName == null)) {
      throw new IllegalArgumentException(
          "an output folder needs both a root and a name, but got root "
              + outputRoot
              + " and name "
              + outputName);
    }
    Objects.requireNonNull(tag, "tag");
    if (Objects.requireNonNull(lockWait, "lockWait").isNegative()) {
      throw new IllegalArgumentException("the lock wait must not be negative but was " + lockWait);
    }
    if (Objects.requireNonNull(visualizeInterval, "visualizeInterval").isNegative()) {
      throw new IllegalArgumentException(
          "the visualize interval must not be negative but was " + visualizeInterval);
    }
  }

  /**
   * The defaults: one thread per processor, no output folder, no tag, no lock wait, {@link
   * #DEFAULT_VISUALIZE_INTERVAL} and a report.
   *
   * @return the defaults
   */
  public static SearchOptions defaults() {
    return new SearchOptions(
        Runtime.getRuntime().availableProcessors(),
        null,
        null,
        "",
        Duration.ZERO,
        DEFAULT_VISUALIZE_INTERVAL,
        true);
  }

  /**
   * Whether the search writes an output folder.
   *
   * @return true with an output root
   */
  public boolean writesOutput() {
    return outputRoot != null;
  }
}

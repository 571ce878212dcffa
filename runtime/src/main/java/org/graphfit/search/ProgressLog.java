package org.graphfit.search;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic progress line for long fits, logged through SLF4J at INFO at most once per interval
 * (default 10 seconds), so a fit reports iterations, calls and its current estimate without
 * flooding the log; with no SLF4J binding, or the level off, it is silent and costs one clock read
 * per call.
 */
public final class ProgressLog {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

  private final String search;
  private final long intervalNanos;
  private long nextNanos;

  private ProgressLog(String search, long intervalNanos) {
    this.search = search;
    this.intervalNanos = intervalNanos;
    this.nextNanos = System.nanoTime() + intervalNanos;
  }

  /**
   * A progress log for one run of a search.
   *
   * @param search the search's name, shown at the start of each line
   * @return the log
   */
  public static ProgressLog of(String search) {
    return new ProgressLog(search, DEFAULT_INTERVAL_NANOS);
  }

  /**
   * Logs the line if the interval has passed since the last one.
   *
   * @param line builds the line, called only when it is logged
   */
  public void update(Supplier<String> line) {
    long now = System.nanoTime();
    if (now - nextNanos >= 0 && LOG.isInfoEnabled()) {
      nextNanos = now + intervalNanos;
      LOG.info("{}: {}", search, line.get());
    }
  }
}

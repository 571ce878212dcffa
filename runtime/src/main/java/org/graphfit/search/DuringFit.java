package org.graphfit.search;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.log.Log;
import org.graphfit.model.ModelLayout;

/**
 * Calls an analysis's {@link FitStage#DURING} hook while a search runs: a wrapped {@link
 * SearchProblem} remembers the best point evaluated so far (a volatile read per likelihood call; a
 * copy of the vector when it improves), and a daemon thread of its own hands it to the hook every
 * interval, skipping ticks without a better point. The search's threads never wait for the hook,
 * and the hook sees only a copy, so the fit's samples are the same with and without it.
 */
final class DuringFit<T> implements AutoCloseable {
  private static final Log LOG = Log.of(DuringFit.class);
  private static final long CLOSE_WAIT_SECONDS = 60;

  private final Analysis<T> analysis;
  private final ModelLayout<T> layout;
  private final FitPaths paths;
  private final ScheduledExecutorService thread;
  private volatile Tracker tracker;
  private long shownVersion;

  private DuringFit(
      Analysis<T> analysis, ModelLayout<T> layout, FitPaths paths, Duration interval) {
    this.analysis = analysis;
    this.layout = layout;
    this.paths = paths;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread daemon = new Thread(runnable, "graphfit-visualize");
              daemon.setDaemon(true);
              return daemon;
            });
    long nanos = interval.toNanos();
    thread.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Starts calling the hook every interval once {@link #track(SearchProblem)} has wrapped the
   * problem.
   *
   * @param analysis whose hook to call
   * @param layout makes the instance of the best point
   * @param paths where the hook writes
   * @param interval positive
   * @param <T> the instance type
   * @return the running caller; close it when the search ends
   */
  static <T> DuringFit<T> start(
      Analysis<T> analysis, ModelLayout<T> layout, FitPaths paths, Duration interval) {
    return new DuringFit<>(analysis, layout, paths, interval);
  }

  /** The problem, wrapped to remember its best point. */
  SearchProblem track(SearchProblem problem) {
    Tracker wrapped = new Tracker(problem);
    tracker = wrapped;
    return wrapped;
  }

  private void tick() {
    Tracker current = tracker;
    if (current == null) {
      return;
    }
    double[] best;
    long version;
    synchronized (current) {
      version = current.version;
      best = current.best;
    }
    if (best == null || version == shownVersion) {
      return;
    }
    shownVersion = version;
    paths
        .hooks()
        .call(
            "visualize(DURING)",
            () -> analysis.visualize(paths, layout.instanceFromVector(best), FitStage.DURING));
  }

  /** Stops the thread, waiting for a hook call in progress. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn(
            "a visualize(DURING) hook still runs after {} s; the fit goes on without waiting",
            CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A problem that remembers the point of highest log-likelihood evaluated. */
  private static final class Tracker extends ForwardingSearchProblem {
    private volatile double bestValue = Double.NEGATIVE_INFINITY;
    private double[] best;
    private long version;

    Tracker(SearchProblem problem) {
      super(problem);
    }

    @Override
    public double logLikelihood(double[] vector) {
      double value = super.logLikelihood(vector);
      if (value > bestValue) {
        synchronized (this) {
          if (value > bestValue) {
            best = vector.clone();
            bestValue = value;
            version++;
          }
        }
      }
      return value;
    }
  }
}

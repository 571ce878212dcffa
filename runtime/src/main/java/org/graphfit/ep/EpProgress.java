package org.graphfit.ep;

import java.util.Locale;
import org.graphfit.log.Progress;

/**
 * What an EP fit shows of its progress: the sweep against the most sweeps, the factor updates
 * applied in this sweep against the factors updated, the largest KL divergence of one update so far
 * in this sweep, and the largest change of a variable's global approximation over the last sweep
 * against the tolerance that stops the fit.
 */
final class EpProgress implements AutoCloseable {
  private static final int SWEEP = 0;
  private static final int DONE = 1;
  private static final int TOTAL = 2;
  private static final int LARGEST_UPDATE = 3;
  private static final int LAST_CHANGE = 4;
  private static final int SLOTS = 5;

  private final Progress progress;
  private int done;
  private double largestUpdate;

  private EpProgress(Progress progress) {
    this.progress = progress;
  }

  /** Starts showing the progress of a fit of at most {@code maxSweeps} sweeps. */
  static EpProgress start(int maxSweeps, double tolerance) {
    return new EpProgress(Progress.start("EP", SLOTS, p -> line(p, maxSweeps, tolerance)));
  }

  /** Records the start of a sweep over the factors whose status is not excluded. */
  void sweep(int sweep, UpdateStatus[] statuses) {
    int total = 0;
    for (UpdateStatus status : statuses) {
      total += status == UpdateStatus.EXCLUDED ? 0 : 1;
    }
    done = 0;
    largestUpdate = 0;
    progress.set(SWEEP, sweep);
    progress.set(TOTAL, total);
    progress.set(DONE, 0);
    progress.set(LARGEST_UPDATE, Double.NaN);
  }

  /** Records an applied factor update and its KL divergence (NaN if it failed). */
  void updated(double kl) {
    progress.set(DONE, ++done);
    if (kl > largestUpdate) {
      largestUpdate = kl;
      progress.set(LARGEST_UPDATE, kl);
    }
  }

  /** Records the largest KL divergence of a variable's global approximation over a sweep. */
  void swept(double largestChange) {
    progress.set(LAST_CHANGE, largestChange);
  }

  /** The line as it would be shown now. */
  String line() {
    return progress.line();
  }

  /** Stops showing the progress. */
  @Override
  public void close() {
    progress.finish();
  }

  static String line(Progress p, int maxSweeps, double tolerance) {
    double sweep = p.get(SWEEP);
    if (Double.isNaN(sweep)) {
      return "starting";
    }
    double update = p.get(LARGEST_UPDATE);
    double change = p.get(LAST_CHANGE);
    return String.format(
        Locale.ROOT,
        "sweep %.0f/%d, factors %.0f/%.0f, largest update KL %s, last sweep's change %s (stop"
            + " < %.3g)",
        sweep,
        maxSweeps,
        p.get(DONE),
        p.get(TOTAL),
        Double.isNaN(update) ? "-" : String.format(Locale.ROOT, "%.3g", update),
        Double.isNaN(change) ? "-" : String.format(Locale.ROOT, "%.3g", change),
        tolerance);
  }
}

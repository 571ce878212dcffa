package org.graphfit.ep;

import java.util.Locale;
import org.graphfit.log.Progress;

/**
 * What an EP fit shows of its progress: the sweep against the most sweeps, the factor updates
 * applied in this sweep against the factors updated, the largest residual of an update so far in
 * this sweep (the KL divergence by which its undamped update would move the global approximation:
 * zero at a fixed point), and the last sweep's residual against the tolerance that stops the fit.
 */
final class EpProgress implements AutoCloseable {
  private static final int SWEEP = 0;
  private static final int DONE = 1;
  private static final int TOTAL = 2;
  private static final int LARGEST_RESIDUAL = 3;
  private static final int LAST_RESIDUAL = 4;
  private static final int SLOTS = 5;

  private final Progress progress;
  private int done;
  private double largestResidual;

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
    largestResidual = Double.NaN;
    progress.set(SWEEP, sweep);
    progress.set(TOTAL, total);
    progress.set(DONE, 0);
    progress.set(LARGEST_RESIDUAL, Double.NaN);
  }

  /** Records an applied factor update and its residual (0 when its message was kept). */
  void updated(double residual) {
    progress.set(DONE, ++done);
    if (Double.isNaN(largestResidual) || residual > largestResidual) {
      largestResidual = residual;
      progress.set(LARGEST_RESIDUAL, residual);
    }
  }

  /** Records a sweep's residual, its updates' largest. */
  void swept(double residual) {
    progress.set(LAST_RESIDUAL, residual);
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
    return String.format(
        Locale.ROOT,
        "sweep %.0f/%d, factors %.0f/%.0f, residual so far %s, last sweep's %s (stop < %.3g)",
        sweep,
        maxSweeps,
        p.get(DONE),
        p.get(TOTAL),
        number(p.get(LARGEST_RESIDUAL)),
        number(p.get(LAST_RESIDUAL)),
        tolerance);
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3g", value);
  }
}

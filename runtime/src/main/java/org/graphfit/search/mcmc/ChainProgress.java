package org.graphfit.search.mcmc;

import java.util.Locale;
import org.graphfit.log.Progress;

/**
 * What an ensemble MCMC run shows of its progress: steps against the length its stop rule asks for,
 * {@code tauFactor} times the largest autocorrelation time estimated at the last check, that time,
 * the largest R-hat at the last check that computed it, the likelihood calls and a remaining time
 * to that length at the rate of this process so far (the length moves as tau is re-estimated, and
 * R-hat or the effective sample sizes may ask for more).
 */
final class ChainProgress {
  private static final int STEPS = 0;
  private static final int FIRST_STEP = 1;
  private static final int CALLS = 2;
  private static final int TAU = 3;
  private static final int R_HAT = 4;
  private static final int SLOTS = 5;

  private final Progress progress;

  private ChainProgress(Progress progress) {
    this.progress = progress;
  }

  /** Starts showing the progress of a run with the given settings. */
  static ChainProgress start(EnsembleSettings settings) {
    double tauFactor = settings.tauFactor();
    int maxSteps = settings.maxSteps();
    return new ChainProgress(
        Progress.start("EnsembleMcmc", SLOTS, p -> line(p, tauFactor, maxSteps, p.seconds())));
  }

  /** Records the steps and calls after a step. */
  void step(int steps, long calls) {
    if (Double.isNaN(progress.get(FIRST_STEP))) {
      progress.set(FIRST_STEP, steps - 1);
    }
    progress.set(STEPS, steps);
    progress.set(CALLS, calls);
  }

  /** Records the largest autocorrelation time over parameters and chains of a check. */
  void tau(double[] tauByChain) {
    double largest = Double.NaN;
    for (double tau : tauByChain) {
      largest = Double.isNaN(largest) ? tau : Math.max(largest, tau);
    }
    progress.set(TAU, largest);
  }

  /** Records the largest R-hat over parameters of a check. */
  void rHat(ChainDiagnostics[] diagnostics) {
    double largest = Double.NaN;
    for (ChainDiagnostics d : diagnostics) {
      largest = Double.isNaN(largest) ? d.rHat() : Math.max(largest, d.rHat());
    }
    progress.set(R_HAT, largest);
  }

  /** The line as it would be shown now. */
  String line() {
    return progress.line();
  }

  /** Stops showing the progress. */
  void finish() {
    progress.finish();
  }

  static String line(Progress p, double tauFactor, int maxSteps, double seconds) {
    double steps = p.get(STEPS);
    if (Double.isNaN(steps)) {
      return "drawing the walkers' starts";
    }
    double tau = p.get(TAU);
    double target = Math.min(maxSteps, tauFactor * tau);
    double rate = (steps - p.get(FIRST_STEP)) / seconds;
    String length =
        Double.isNaN(tau)
            ? String.format(Locale.ROOT, "step %.0f (tau not estimated yet)", steps)
            : String.format(
                Locale.ROOT, "step %.0f/%.0f (%.0f tau, tau %.1f)", steps, target, tauFactor, tau);
    double rHat = p.get(R_HAT);
    return String.format(
        Locale.ROOT,
        "%s, R-hat %s, %.0f calls, %s",
        length,
        Double.isNaN(rHat) ? "-" : String.format(Locale.ROOT, "%.3f", rHat),
        p.get(CALLS),
        Progress.eta(
            rate > 0 && !Double.isNaN(tau) ? Math.max(0, target - steps) / rate : Double.NaN));
  }
}

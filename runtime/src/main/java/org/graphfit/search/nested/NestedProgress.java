package org.graphfit.search.nested;

import java.util.Locale;
import org.graphfit.log.Progress;

/**
 * What a nested sampling run shows of its progress: iterations, likelihood calls, the log evidence
 * so far, the estimated remaining evidence {@code dlogz} against its stopping threshold, the
 * information gained so far and a remaining time.
 *
 * <p>The remaining time assumes that the largest live likelihood no longer grows, so that the
 * remaining evidence {@code log(1 + L_max X / Z)} falls only with the prior volume {@code X}, which
 * shrinks by {@code e} every {@code nLive} iterations: {@code nLive ln(expm1(remaining) /
 * expm1(dlogz))} iterations are left, at the rate of this process so far. That holds once the live
 * points have reached the posterior's bulk, after about {@code nLive H} iterations where {@code H}
 * is the information; before, the figure is rough.
 */
final class NestedProgress {
  private static final int ITERATION = 0;
  private static final int FIRST_ITERATION = 1;
  private static final int CALLS = 2;
  private static final int LOG_Z = 3;
  private static final int REMAINING = 4;
  private static final int INFORMATION = 5;
  private static final int MAX_LOG_L = 6;
  private static final int LOG_MEAN_LIVE = 7;
  private static final int SLOTS = 8;

  private final Progress progress;
  private final int liveCount;

  /** The dead points already summed into {@link #information}. */
  private int deadSeen;

  private double logZ = Double.NEGATIVE_INFINITY;
  private double information;

  /** The iteration at which the live points' mean likelihood is next recomputed. */
  private long nextLiveMean;

  private NestedProgress(Progress progress, int liveCount) {
    this.progress = progress;
    this.liveCount = liveCount;
  }

  /** Starts showing the progress of a run with the given settings. */
  static NestedProgress start(NestedSettings settings) {
    int liveCount = settings.nLive();
    double dlogz = settings.dlogz();
    Progress progress =
        Progress.start("NestedSampling", SLOTS, p -> line(p, liveCount, dlogz, p.seconds()));
    return new NestedProgress(progress, liveCount);
  }

  /** Records the state after a batch: a few stores, plus two exponentials per new dead point. */
  void update(SamplerState state) {
    for (; deadSeen < state.deadCount; deadSeen++) {
      addDead(state.deadLogWeights[deadSeen], state.deadLogL[deadSeen]);
    }
    if (Double.isNaN(progress.get(FIRST_ITERATION))) {
      progress.set(FIRST_ITERATION, state.iteration);
    }
    progress.set(ITERATION, state.iteration);
    progress.set(CALLS, state.calls);
    progress.set(LOG_Z, state.logZ);
    progress.set(REMAINING, state.remainingLogZ());
    progress.set(INFORMATION, information);
    progress.set(MAX_LOG_L, state.maxLogL);
    if (state.iteration >= nextLiveMean) {
      // nLive exponentials every nLive / 8 iterations: 8 per iteration
      nextLiveMean = state.iteration + Math.max(1, liveCount / 8);
      progress.set(LOG_MEAN_LIVE, logMeanLive(state.liveLogL));
    }
  }

  /** The line as it would be shown now. */
  String line() {
    return progress.line();
  }

  /** Stops showing the progress. */
  void finish() {
    progress.finish();
  }

  /**
   * Adds a dead point to the information {@code H = sum p_k ln(L_k / Z)} (Skilling's update).
   *
   * @param logWeight the log of its prior width times its likelihood
   * @param logL its log-likelihood
   */
  private void addDead(double logWeight, double logL) {
    double next = logAddExp(logZ, logWeight);
    if (next == Double.NEGATIVE_INFINITY) {
      return;
    }
    double before =
        logZ == Double.NEGATIVE_INFINITY ? 0 : Math.exp(logZ - next) * (information + logZ);
    information = Math.exp(logWeight - next) * logL + before - next;
    logZ = next;
  }

  private static double logAddExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double max = Math.max(a, b);
    return max + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  /**
   * The iterations left by the estimate in the class comment: 0 once the remaining evidence is
   * below the threshold, NaN before it is known.
   *
   * @param logZ the log evidence summed so far
   * @param remainingLogZ the estimated remaining evidence {@code log(1 + L_max X / Z)}
   * @param maxLogL the largest live log-likelihood {@code ln L_max}
   * @param logMeanLive the log of the live points' mean likelihood
   * @param dlogz the stopping threshold
   * @param liveCount the number of live points
   */
  static double remainingIterations(
      double logZ,
      double remainingLogZ,
      double maxLogL,
      double logMeanLive,
      double dlogz,
      int liveCount) {
    if (!(remainingLogZ >= 0)) {
      return Double.NaN;
    }
    if (remainingLogZ < dlogz) {
      return 0;
    }
    double logMaxMass = logZ + logExpm1(remainingLogZ);
    double logVolume = logMaxMass - maxLogL;
    double logFinalZ = logAddExp(logZ, logVolume + logMeanLive);
    return Math.max(0, liveCount * (logMaxMass - logFinalZ - logExpm1(dlogz)));
  }

  /** The log of the mean of the likelihoods. */
  static double logMeanLive(double[] liveLogL) {
    double max = Double.NEGATIVE_INFINITY;
    for (double logL : liveLogL) {
      max = Math.max(max, logL);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double logL : liveLogL) {
      sum += Math.exp(logL - max);
    }
    return max + Math.log(sum / liveLogL.length);
  }

  private static double logExpm1(double x) {
    return x > 30 ? x : Math.log(Math.expm1(x));
  }

  static String line(Progress p, int liveCount, double dlogz, double seconds) {
    double iteration = p.get(ITERATION);
    if (Double.isNaN(iteration)) {
      return "drawing the first live points";
    }
    double remaining = p.get(REMAINING);
    double left =
        remainingIterations(
            p.get(LOG_Z), remaining, p.get(MAX_LOG_L), p.get(LOG_MEAN_LIVE), dlogz, liveCount);
    double rate = (iteration - p.get(FIRST_ITERATION)) / seconds;
    return String.format(
        Locale.ROOT,
        "iteration %.0f, %.0f calls, log Z %.2f, remaining dlogz %.3g (stop < %.3g), H %.1f"
            + " nats, %s",
        iteration,
        p.get(CALLS),
        p.get(LOG_Z),
        remaining,
        dlogz,
        p.get(INFORMATION),
        Progress.eta(rate > 0 ? left / rate : Double.NaN));
  }
}

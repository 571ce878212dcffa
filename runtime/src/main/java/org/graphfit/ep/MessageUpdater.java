package org.graphfit.ep;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a factor's result to the {@link MeanField}: the new message is the projection of the
 * tilted distribution divided by the cavity, damped towards the old one ({@code new = old^damping ·
 * projection^(1-damping)} in natural parameters; a factor's first successful update replaces its
 * flat starting message undamped), and the update's record of the history.
 *
 * <p><b>Keeping the approximation proper.</b> Messages of negative precision are kept (an
 * exact-moment EP needs them), except that a factor's message to a variable whose prior factor
 * needs a proper cavity ({@link EpFactor#needsProperCavity()}) is set flat, noted as {@link
 * UpdateAdjustment#SET_FLAT}, when its precision is negative and the factor allows it ({@link
 * EpFactor#mayFlattenNegativeMessages()}): that prior factor's bounded, exponentially-tailed latent
 * density can only be normalised against a proper cavity. Every variable's global approximation
 * must also stay proper, and concurrent updates computed against the same approximation can jointly
 * overshoot (each lowers a shared variable's precision a little, together they cancel it). So,
 * applied in order, an update may lower a variable's global precision to no less than {@value
 * #MIN_PRECISION_RATIO} of its value at the start of the sweep; if it would, its step is halved
 * ({@link UpdateAdjustment#STEP_SHORTENED}) until it does not, and after {@value
 * #MAX_STEP_HALVINGS} halvings it is rejected ({@link UpdateStatus#IMPROPER_RESULT}) and the old
 * message kept.
 */
final class MessageUpdater {
  /** The history note of an update whose analysis message was set flat. */
  static final String FLAT_NOTE = "a message of negative precision set flat";

  /**
   * The smallest fraction of its sweep-start precision a variable's global approximation may keep.
   */
  private static final double MIN_PRECISION_RATIO = 0.5;

  /** How often an update's step is halved before the update is rejected. */
  private static final int MAX_STEP_HALVINGS = 10;

  private MessageUpdater() {}

  /**
   * Applies one result: the damped new message (with its step shortened where it would make a
   * variable's global approximation too narrow a fraction of its sweep-start precision), and the
   * update's record: the KL of the change, the residual (the KL of the undamped update's global
   * approximation, cavity times undamped message, from the task's global approximation), the
   * projection's sampling noise and the site's evidence term {@code log Ẑ_f - A(cavity · message)}
   * with the message actually applied.
   */
  static EpUpdate apply(
      MeanField field,
      List<GaussianMessage> before,
      boolean[] quadraturePrior,
      int sweep,
      EpFactor factor,
      FactorTask task,
      FactorResult result,
      double damping) {
    int f = task.factor();
    if (result.status() != UpdateStatus.OK) {
      return new EpUpdate(
          sweep,
          factor.name(),
          result.status(),
          0,
          0,
          0,
          Double.NaN,
          result.seconds(),
          result.message());
    }
    GaussianMessage[] moments = result.moments();
    GaussianMessage[] cavity = task.cavity();
    GaussianMessage[] target = new GaussianMessage[moments.length];
    boolean clipped = false;
    double residual = 0;
    double noise = 0;
    for (int k = 0; k < moments.length; k++) {
      if (moments[k] == null || !moments[k].isProper()) {
        return new EpUpdate(
            sweep,
            factor.name(),
            UpdateStatus.NON_FINITE_MOMENTS,
            0,
            0,
            0,
            Double.NaN,
            result.seconds(),
            "projection " + moments[k]);
      }
      target[k] = moments[k].divide(cavity[k]);
      if (target[k].precision() < 0
          && factor.mayFlattenNegativeMessages()
          && quadraturePrior[field.scope(f)[k]]) {
        clipped = true;
        target[k] = GaussianMessage.UNIFORM;
      }
      residual = Math.max(residual, residual(cavity[k].times(target[k]), task.current()[k]));
      if (result.noise() != null) {
        noise = Math.max(noise, result.noise().kl()[k]);
      }
    }
    int[] scope = field.scope(f);
    double step = 1;
    for (int attempt = 0; attempt <= MAX_STEP_HALVINGS; attempt++, step /= 2) {
      GaussianMessage[] replacement = new GaussianMessage[target.length];
      for (int k = 0; k < target.length; k++) {
        replacement[k] = target[k].dampedFrom(field.message(f, k), 1 - step * (1 - damping));
      }
      GaussianMessage[] tentative = field.tentative(f, replacement);
      boolean acceptable = true;
      for (int k = 0; k < tentative.length && acceptable; k++) {
        acceptable =
            tentative[k].precision() >= MIN_PRECISION_RATIO * before.get(scope[k]).precision();
      }
      if (acceptable) {
        double kl = 0;
        for (int k = 0; k < tentative.length; k++) {
          kl += tentative[k].klDivergence(field.global(scope[k]));
        }
        field.replace(f, replacement, tentative);
        Set<UpdateAdjustment> adjustments = EnumSet.noneOf(UpdateAdjustment.class);
        if (step < 1) {
          adjustments.add(UpdateAdjustment.STEP_SHORTENED);
        }
        if (clipped) {
          adjustments.add(UpdateAdjustment.SET_FLAT);
        }
        return new EpUpdate(
            sweep,
            factor.name(),
            UpdateStatus.OK,
            kl,
            residual,
            noise,
            siteTerm(result.logNormalizer(), cavity, replacement),
            result.seconds(),
            EpUpdate.notes(
                result.message(),
                step < 1 ? "step shortened to " + step : "",
                clipped ? FLAT_NOTE : ""),
            adjustments);
      }
    }
    return new EpUpdate(
        sweep,
        factor.name(),
        UpdateStatus.IMPROPER_RESULT,
        0,
        residual,
        noise,
        Double.NaN,
        result.seconds(),
        "even a step of "
            + 2 * step
            + " would take a variable's global precision below "
            + MIN_PRECISION_RATIO
            + " of its value at the start of the sweep");
  }

  /**
   * The KL divergence of an undamped update's global approximation from the one it started from,
   * infinite where that approximation is improper, never negative.
   */
  private static double residual(GaussianMessage undamped, GaussianMessage current) {
    if (!undamped.isProper()) {
      return Double.POSITIVE_INFINITY;
    }
    double kl = undamped.klDivergence(current);
    // rounding can leave a KL of two equal Gaussians slightly negative
    return Double.isNaN(kl) ? Double.POSITIVE_INFINITY : Math.max(0, kl);
  }

  /**
   * A site's log scale {@code log s_f = log Ẑ_f - A(cavity · message)}: the factor's normaliser
   * under the update's unnormalised cavity over that of the message applied, so that the scaled
   * site {@code s_f m_f} integrates against the cavity to what the factor does. The cavity times
   * the applied message is a convex combination (in natural parameters) of the update's starting
   * approximation and its projection, so it is proper; where a message was set flat and the cavity
   * is improper, the term is NaN and so is the evidence.
   */
  static double siteTerm(
      double logNormalizer, GaussianMessage[] cavity, GaussianMessage[] message) {
    double term = logNormalizer;
    for (int k = 0; k < message.length; k++) {
      GaussianMessage product = cavity[k].times(message[k]);
      term -= product.logNormalizerIfProper();
    }
    return term;
  }
}

package org.graphfit.ep;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One row of the EP history: the update of one factor in one sweep.
 *
 * @param sweep the sweep, from 1
 * @param factor the factor's name
 * @param status what happened to its message
 * @param kl the KL divergence from the global approximation before to after applying this update,
 *     summed over the factor's variables (0 when the message was kept)
 * @param residual the largest, over the factor's variables, KL divergence of the global
 *     approximation the undamped update would give from the one the update started from: zero only
 *     where the factor is at a fixed point, whatever the damping (0 when the message was kept)
 * @param noise the noise its residual is measured against: for a sampled update the largest, over
 *     the factor's variables, expected KL divergence of the projection from its noise-free value
 *     (the sampler's moment standard errors); for a deterministic update the noise its cavity
 *     inherits from sampled factors (0 where none reaches it)
 * @param logEvidenceTerm the factor's term {@code log Ẑ_f - A(cavity · message)} of the EP
 *     evidence, NaN when unknown
 * @param seconds the wall time of the factor's fit
 * @param message the notes of the update, joined by semicolons, or empty: why it failed, the
 *     factor's own notes on its fit (a failed Laplace check, likelihood calls that failed), the
 *     adjustments made to it and an exclusion
 * @param adjustments what EP changed in the update before applying it; empty for an update applied
 *     as computed and for one whose message was kept
 */
public record EpUpdate(
    int sweep,
    String factor,
    UpdateStatus status,
    double kl,
    double residual,
    double noise,
    double logEvidenceTerm,
    double seconds,
    String message,
    Set<UpdateAdjustment> adjustments) {

  /** Keeps an unmodifiable copy of the adjustments. */
  public EpUpdate {
    adjustments =
        Collections.unmodifiableSet(
            adjustments.isEmpty()
                ? EnumSet.noneOf(UpdateAdjustment.class)
                : EnumSet.copyOf(adjustments));
  }

  /**
   * An update that EP applied as computed, or whose message was kept.
   *
   * @param sweep the sweep, from 1
   * @param factor the factor's name
   * @param status what happened to its message
   * @param kl the KL divergence of the change
   * @param residual the residual
   * @param noise the noise its residual is measured against
   * @param logEvidenceTerm the factor's evidence term, NaN when unknown
   * @param seconds the wall time of the factor's fit
   * @param message the notes, or empty
   */
  public EpUpdate(
      int sweep,
      String factor,
      UpdateStatus status,
      double kl,
      double residual,
      double noise,
      double logEvidenceTerm,
      double seconds,
      String message) {
    this(
        sweep,
        factor,
        status,
        kl,
        residual,
        noise,
        logEvidenceTerm,
        seconds,
        message,
        EnumSet.noneOf(UpdateAdjustment.class));
  }

  /**
   * This update with one more note.
   *
   * @param note the note
   * @return the update
   */
  EpUpdate withNote(String note) {
    return new EpUpdate(
        sweep,
        factor,
        status,
        kl,
        residual,
        noise,
        logEvidenceTerm,
        seconds,
        notes(message, note),
        adjustments);
  }

  /**
   * This update with another noise.
   *
   * @param noise the noise its residual is measured against
   * @return the update
   */
  EpUpdate withNoise(double noise) {
    return new EpUpdate(
        sweep, factor, status, kl, residual, noise, logEvidenceTerm, seconds, message, adjustments);
  }

  /**
   * Joins the non-empty notes of an update with semicolons.
   *
   * @param notes the notes, some possibly empty
   * @return the joined notes
   */
  static String notes(String... notes) {
    StringJoiner joined = new StringJoiner("; ");
    for (String note : notes) {
      if (!note.isEmpty()) {
        joined.add(note);
      }
    }
    return joined.toString();
  }
}

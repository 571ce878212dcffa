package org.graphfit.ep;

/**
 * One row of the EP history: the update of one factor in one sweep.
 *
 * @param sweep the sweep, from 1
 * @param factor the factor's name
 * @param status what happened to its message
 * @param kl the KL divergence from the global approximation before to after applying this update,
 *     summed over the factor's variables (0 when the message was kept)
 * @param logEvidenceTerm the factor's term {@code log Z_f + A(cavity) - A(projection)} of the EP
 *     evidence, NaN when unknown
 * @param seconds the wall time of the factor's fit
 * @param message for a failed update, what went wrong; for an applied one, its notes joined by
 *     semicolons (the factor's own fit's message, a shortened step, clipped precisions, an
 *     exclusion), or empty
 */
public record EpUpdate(
    int sweep,
    String factor,
    UpdateStatus status,
    double kl,
    double logEvidenceTerm,
    double seconds,
    String message) {}

package org.graphfit.ep;

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
 * @param message what went wrong or was noted, or empty
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
    String message) {}

package org.graphfit.aggregator;

import java.util.Map;

/**
 * One factor of a fit: its name, role and, where the fit records them, its last update's status and
 * evidence term (expectation propagation), with the fit's parameters it reads.
 *
 * @param name the factor's name, e.g. {@code dataset_0}; a single search's one factor is named
 *     {@code ""}
 * @param kind its role
 * @param status the status of its last update ({@code OK}, {@code FAILED}...), or null if the fit
 *     does not record one
 * @param logEvidenceTerm its term of the log evidence in the last update, NaN if not recorded
 * @param parameters the factor's own parameter names (e.g. {@code centre}) to the fit's parameter
 *     paths they read (e.g. {@code dataset_0.centre}, shared by several factors), in the model's
 *     order
 */
public record FactorSummary(
    String name,
    FactorKind kind,
    String status,
    double logEvidenceTerm,
    Map<String, String> parameters) {}

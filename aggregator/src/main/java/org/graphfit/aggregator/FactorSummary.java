package org.graphfit.aggregator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One factor of a fit: its name, role and, where the fit records them, its last update's status and
 * evidence term (expectation propagation), the fit's parameters it reads, and its own folder with
 * the summaries written there.
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
 * @param folder its folder relative to the fit's, e.g. {@code factors/dataset_0}, or null if the
 *     fit writes none for it (a single search, an EP prior or hierarchical factor, a fit written
 *     before factors had folders)
 * @param estimates the summaries its folder records, named as the factor names its parameters
 *     ({@code centre}): a graph factor's view of the joint fit (median, errors, maximum-likelihood
 *     value), an EP factor's mean field of its variables (mean, sd); empty without a folder
 */
public record FactorSummary(
    String name,
    FactorKind kind,
    String status,
    double logEvidenceTerm,
    Map<String, String> parameters,
    String folder,
    List<ParameterSummary> estimates) {

  /**
   * The summary the factor's folder records of one of its parameters.
   *
   * @param name the parameter as the factor names it, e.g. {@code centre}
   * @return the summary, empty if the folder records none of that name (or there is no folder)
   */
  public Optional<ParameterSummary> estimate(String name) {
    for (ParameterSummary estimate : estimates) {
      if (estimate.path().equals(name)) {
        return Optional.of(estimate);
      }
    }
    return Optional.empty();
  }
}

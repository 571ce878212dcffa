package org.graphfit.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;

/**
 * Reads the summaries a completed fit writes: a search's {@code samples_summary.json}, expectation
 * propagation's {@code ep_summary.json} and {@code mean_field.json}, and the derived quantities'
 * {@code latent_summary.json}, into the aggregator's records.
 */
final class SummaryReader {
  private SummaryReader() {}

  /** A search's headline figures from its {@code samples_summary.json}. */
  static FitSummary search(JsonNode json, Path folder) {
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : json.path("diagnostics").properties()) {
      diagnostics.put(entry.getKey(), entry.getValue().asDouble());
    }
    List<Concern> concerns = concerns(json, folder);
    Double converged = diagnostics.get("converged");
    return new FitSummary(
        json.path("search").asText(),
        Json.number(json.path("log_evidence")),
        Json.number(json.path("log_evidence_error")),
        false,
        json.path("likelihood_calls").asLong(-1),
        json.path("failed_likelihood_calls").asLong(-1),
        Json.number(json.path("seconds")),
        json.path("trustworthy").asBoolean(false),
        converged == null ? null : converged != 0.0,
        0,
        Collections.unmodifiableList(concerns),
        Collections.unmodifiableMap(diagnostics));
  }

  /** Expectation propagation's headline figures from its {@code ep_summary.json}. */
  static FitSummary ep(JsonNode json, Path folder) {
    boolean converged = json.path("converged").asBoolean(false);
    if (json.path("trustworthy").isBoolean()) {
      return ep(json, converged, json.path("trustworthy").asBoolean(), concerns(json, folder));
    }
    // written before EP results carried their own verdict: converged with no failing factor
    List<Concern> concerns = new ArrayList<>();
    if (!converged) {
      concerns.add(
          new Concern(
              Check.CONVERGENCE,
              "expectation propagation did not converge in "
                  + json.path("sweeps").asInt()
                  + " sweeps"));
    }
    List<String> failing = new ArrayList<>();
    json.path("failing_factors").forEach(factor -> failing.add(factor.asText()));
    if (!failing.isEmpty()) {
      concerns.add(new Concern(Check.CONVERGENCE, "factors failed in the last sweep: " + failing));
    }
    return ep(json, converged, concerns.isEmpty(), concerns);
  }

  private static FitSummary ep(
      JsonNode json, boolean converged, boolean trustworthy, List<Concern> concerns) {
    return new FitSummary(
        FitFolder.EP_SEARCH,
        Json.number(json.path("log_evidence")),
        Double.NaN,
        json.path("log_evidence_approximate").asBoolean(true),
        -1,
        -1,
        Json.number(json.path("seconds")),
        trustworthy,
        converged,
        json.path("sweeps").asInt(),
        Collections.unmodifiableList(concerns),
        Map.of());
  }

  private static List<Concern> concerns(JsonNode json, Path folder) {
    List<Concern> concerns = new ArrayList<>();
    for (JsonNode concern : json.path("concerns")) {
      concerns.add(
          new Concern(
              check(concern.path("check").asText(), folder), concern.path("message").asText()));
    }
    return concerns;
  }

  private static Check check(String name, Path folder) {
    try {
      return Check.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          folder
              + " names the self-check "
              + name
              + ", which this version of GraphFit does not know: read it with the version that"
              + " wrote it",
          e);
    }
  }

  /**
   * The marginal summaries a {@code samples_summary.json} records, under the names it gives them
   * (the fit's paths, or a graph factor's own names in its folder).
   */
  static List<ParameterSummary> searchParameters(JsonNode json) {
    List<ParameterSummary> list = new ArrayList<>();
    JsonNode names = json.path("names");
    for (int i = 0; i < names.size(); i++) {
      list.add(
          new ParameterSummary(
              names.get(i).asText(),
              Json.number(json.path("median_pdf_vector").path(i)),
              Double.NaN,
              Double.NaN,
              Json.number(json.path("errors_at_1_sigma").path(i)),
              Json.number(json.path("errors_at_3_sigma").path(i)),
              Json.number(json.path("max_log_likelihood_vector").path(i))));
    }
    return list;
  }

  /**
   * The means and standard deviations of an expectation propagation mean field: {@code
   * mean_field.json}'s {@code parameters}, or a factor folder's {@code variables}, each renamed
   * through {@code names} (path to the name to give it; a path it does not hold keeps its path).
   */
  static List<ParameterSummary> meanField(JsonNode variables, Map<String, String> names) {
    List<ParameterSummary> list = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : variables.properties()) {
      JsonNode value = entry.getValue();
      list.add(
          new ParameterSummary(
              names.getOrDefault(entry.getKey(), entry.getKey()),
              Double.NaN,
              Json.number(value.path("mean")),
              Json.number(value.path("sd")),
              Double.NaN,
              Double.NaN,
              Double.NaN));
    }
    return list;
  }

  /** The derived quantities a {@code latent_summary.json} records, in its order. */
  static List<DerivedSummary> derived(JsonNode json) {
    List<DerivedSummary> list = new ArrayList<>();
    JsonNode quantities = json.path("quantities");
    for (JsonNode name : json.path("names")) {
      JsonNode quantity = quantities.path(name.asText());
      list.add(
          new DerivedSummary(
              name.asText(),
              Json.number(quantity.path("mean")),
              Json.number(quantity.path("median")),
              Json.number(quantity.path("lower_at_1_sigma")),
              Json.number(quantity.path("upper_at_1_sigma")),
              Json.number(quantity.path("lower_at_3_sigma")),
              Json.number(quantity.path("upper_at_3_sigma"))));
    }
    return list;
  }
}

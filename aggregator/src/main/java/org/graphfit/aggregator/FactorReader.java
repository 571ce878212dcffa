package org.graphfit.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the factors of a completed fit: which of the fit's parameters each reads (from the model's
 * slots), its role, its last expectation propagation update, and its own folder {@code
 * factors/<name>/} with the summaries written there: a graph factor's view of the joint fit ({@code
 * files/samples_summary.json}), an EP factor's mean field ({@code mean_field.json}).
 */
final class FactorReader {
  private static final String FOLDERS_HEADING = "Factor folders";

  private final FitFolder fit;

  private FactorReader(FitFolder fit) {
    this.fit = fit;
  }

  /** The factors of a completed fit, in its order. */
  static List<FactorSummary> read(FitFolder fit) {
    return new FactorReader(fit).factors();
  }

  private List<FactorSummary> factors() {
    Map<String, Map<String, String>> slots = slotsByFactor();
    List<FactorSummary> list = new ArrayList<>();
    switch (fit.kind()) {
      case SEARCH ->
          list.add(
              new FactorSummary(
                  "", FactorKind.FIT, null, Double.NaN, slots.get(""), null, List.of()));
      case GRAPH -> {
        Map<String, String> folders = graphFolders();
        for (Map.Entry<String, Map<String, String>> entry : slots.entrySet()) {
          String folder = folders.get(entry.getKey());
          list.add(
              new FactorSummary(
                  entry.getKey(),
                  FactorKind.LIKELIHOOD,
                  null,
                  Double.NaN,
                  entry.getValue(),
                  folder,
                  graphEstimates(folder)));
        }
      }
      case EP -> epFactors(slots, list);
      default -> throw new IllegalStateException("unknown kind " + fit.kind());
    }
    return list;
  }

  private void epFactors(Map<String, Map<String, String>> slots, List<FactorSummary> list) {
    Set<String> likelihoods = new HashSet<>();
    fit.keptJson("files/data.json").path("data").fieldNames().forEachRemaining(likelihoods::add);
    Set<String> hierarchies = new HashSet<>();
    for (JsonNode hierarchy : fit.modelJson().path("hierarchies")) {
      hierarchies.add(hierarchy.path("name").asText());
    }
    Map<String, Double> terms = lastEvidenceTerms();
    JsonNode meanField = fit.keptJson("mean_field.json");
    JsonNode folders = meanField.path("factor_folders");
    for (Map.Entry<String, JsonNode> entry : meanField.path("statuses").properties()) {
      String factor = entry.getKey();
      FactorKind factorKind;
      if (factor.startsWith("prior:")) {
        factorKind = FactorKind.PRIOR;
      } else if (likelihoods.contains(factor)) {
        factorKind = FactorKind.LIKELIHOOD;
      } else {
        factorKind = FactorKind.HIERARCHY;
      }
      Map<String, String> own =
          factorKind == FactorKind.LIKELIHOOD
              ? slots.getOrDefault(hierarchyOrSelf(factor, hierarchies), Map.of())
              : Map.of();
      String folder = folders.path(factor).isTextual() ? folders.path(factor).asText() : null;
      list.add(
          new FactorSummary(
              factor,
              factorKind,
              entry.getValue().asText(),
              terms.getOrDefault(factor, Double.NaN),
              own,
              folder,
              epEstimates(folder, own)));
    }
  }

  /** A graph factor's view of the joint fit, under its own names, from its folder. */
  private List<ParameterSummary> graphEstimates(String folder) {
    if (folder == null || !fit.keeps(folder + "/files/samples_summary.json")) {
      return List.of();
    }
    return Collections.unmodifiableList(
        SummaryReader.searchParameters(fit.keptJson(folder + "/files/samples_summary.json")));
  }

  /** An EP factor's mean field of its variables, under its own names, from its folder. */
  private List<ParameterSummary> epEstimates(String folder, Map<String, String> own) {
    if (folder == null || !fit.keeps(folder + "/mean_field.json")) {
      return List.of();
    }
    Map<String, String> names = new HashMap<>();
    own.forEach((name, path) -> names.putIfAbsent(path, name));
    return Collections.unmodifiableList(
        SummaryReader.meanField(
            fit.keptJson(folder + "/mean_field.json").path("variables"), names));
  }

  /**
   * A graph fit's factor folders by factor name, from the {@code Factor folders} section of {@code
   * graph.txt} (a line per factor: its name, then its folder ending in {@code /}; a folder has no
   * spaces, a name may). Empty for a fit written before graphs wrote factor folders.
   */
  private Map<String, String> graphFolders() {
    Map<String, String> folders = new LinkedHashMap<>();
    String text = fit.keptText("graph.txt");
    if (text == null) {
      return folders;
    }
    boolean inSection = false;
    for (String line : text.split("\n", -1)) {
      if (!inSection) {
        inSection = line.strip().equals(FOLDERS_HEADING);
        continue;
      }
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        break;
      }
      int space = Math.max(stripped.lastIndexOf(' '), stripped.lastIndexOf('\t'));
      String folder = stripped.substring(space + 1);
      if (space < 0 || !folder.endsWith("/")) {
        throw new IllegalStateException(
            fit.path().resolve("graph.txt")
                + " has a line in its "
                + FOLDERS_HEADING
                + " that is not a factor and its folder: '"
                + line
                + "'");
      }
      folders.put(stripped.substring(0, space).strip(), folder.substring(0, folder.length() - 1));
    }
    return folders;
  }

  private static String hierarchyOrSelf(String factor, Set<String> hierarchies) {
    int bracket = factor.indexOf('[');
    return bracket > 0 && hierarchies.contains(factor.substring(0, bracket))
        ? factor.substring(0, bracket)
        : factor;
  }

  /**
   * The factors' own parameter names to the fit's parameter paths, from the model's slots: a graph
   * slot {@code dataset_1.centre} is factor {@code dataset_1}'s {@code centre}; a single search has
   * one factor, {@code ""}, whose names are the paths.
   */
  private Map<String, Map<String, String>> slotsByFactor() {
    Map<String, Map<String, String>> slots = new LinkedHashMap<>();
    boolean single = fit.kind() == FitKind.SEARCH;
    for (JsonNode parameter : fit.modelJson().path("free_parameters")) {
      String owner = parameter.path("path").asText();
      for (JsonNode slot : parameter.path("slots")) {
        String text = slot.asText();
        int dot = text.indexOf('.');
        String factor = single || dot < 0 ? "" : text.substring(0, dot);
        String local = single || dot < 0 ? text : text.substring(dot + 1);
        slots.computeIfAbsent(factor, f -> new LinkedHashMap<>()).putIfAbsent(local, owner);
      }
    }
    slots.putIfAbsent("", Map.of());
    if (!single) {
      slots.remove("");
    }
    return slots;
  }

  /** Each factor's evidence term in its last successful update, from {@code ep_history.csv}. */
  private Map<String, Double> lastEvidenceTerms() {
    Map<String, Double> terms = new HashMap<>();
    Path history = fit.path().resolve("ep_history.csv");
    // checked against the manifest with every other file by status(); streamed, as it can be large
    try (Reader reader = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
      for (CSVRecord row :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        if (row.get("status").equals("OK")) {
          terms.put(row.get("factor"), Double.parseDouble(row.get("log_evidence_term")));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          history + " cannot be read as the EP history: " + e.getMessage(), e);
    }
    return terms;
  }
}

package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.search.Concern;
import org.graphfit.search.FitStore;
import org.graphfit.search.Storage;

/**
 * Writes an {@link EpResult} to a folder, each file atomically: {@code graph.txt} (the graph's
 * {@code info()}), {@code ep_history.csv} (one row per update, streamed from the result's history),
 * {@code ep_sweeps.csv} (one row per sweep), {@code mean_field.txt} and {@code mean_field.json}
 * (the final approximation, statuses, convergence, noise floor, evidence and whether the result can
 * be trusted, with every concern). The convergence picture is drawn by {@code
 * org.graphfit.plot.ConvergencePlot}.
 */
public final class EpOutput {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String HISTORY_HEADER =
      "sweep,factor,status,kl,residual,noise,log_evidence_term,seconds,message\n";

  private EpOutput() {}

  /**
   * Writes the files.
   *
   * @param folder the destination, created if missing
   * @param result the result
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(Path folder, EpResult result) {
    Storage storage = Storage.get();
    files(result, Map.of())
        .forEach((name, content) -> storage.write(folder.resolve(name), content));
  }

  /**
   * The files' names and contents, in the order they are written; {@code ep_history.csv} is
   * streamed from the result's history when it is written; {@code graph.txt} and the mean field
   * link each analysis factor to its folder, if it has one.
   */
  static Map<String, FitStore.Content> files(EpResult result, Map<String, String> factorFolders) {
    Map<String, FitStore.Content> files = new LinkedHashMap<>();
    files.put(
        "graph.txt",
        utf8(factorFolders.isEmpty() ? result.graph().info() : result.graph().infoWithFolders()));
    files.put("ep_history.csv", out -> writeHistoryCsv(out, result));
    files.put("ep_sweeps.csv", utf8(sweepsCsv(result.sweeps())));
    files.put("mean_field.txt", utf8(text(result, factorFolders)));
    files.put("mean_field.json", utf8(json(result, factorFolders)));
    return files;
  }

  private static FitStore.Content utf8(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return out -> out.write(bytes);
  }

  /** Writes the history CSV one update at a time, never holding the history. */
  private static void writeHistoryCsv(OutputStream out, EpResult result) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    StringBuilder row = new StringBuilder(HISTORY_HEADER);
    writer.append(row);
    IOException[] failure = new IOException[1];
    result.forEachUpdate(
        update -> {
          if (failure[0] == null) {
            row.setLength(0);
            appendRow(row, update);
            try {
              writer.append(row);
            } catch (IOException e) {
              failure[0] = e;
            }
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    writer.flush();
  }

  /**
   * The update history as CSV with header {@code sweep,factor,status,kl,residual,noise,
   * log_evidence_term,seconds,message}.
   *
   * @param history the updates
   * @return the CSV text
   */
  public static String historyCsv(List<EpUpdate> history) {
    StringBuilder csv = new StringBuilder(HISTORY_HEADER);
    for (EpUpdate update : history) {
      appendRow(csv, update);
    }
    return csv.toString();
  }

  private static void appendRow(StringBuilder csv, EpUpdate update) {
    // Double.toString: the shortest text that reads back to the same double
    csv.append(update.sweep())
        .append(',')
        .append(quote(update.factor()))
        .append(',')
        .append(update.status())
        .append(',')
        .append(update.kl())
        .append(',')
        .append(update.residual())
        .append(',')
        .append(update.noise())
        .append(',')
        .append(update.logEvidenceTerm())
        .append(',')
        .append(update.seconds())
        .append(',')
        .append(quote(update.message()))
        .append('\n');
  }

  /**
   * The sweep summaries as CSV with header {@code
   * sweep,kl,max_kl,residual,noise_floor,failing,factor_seconds,seconds}.
   *
   * @param sweeps the sweeps
   * @return the CSV text
   */
  public static String sweepsCsv(List<EpSweep> sweeps) {
    StringBuilder csv =
        new StringBuilder("sweep,kl,max_kl,residual,noise_floor,failing,factor_seconds,seconds\n");
    for (EpSweep sweep : sweeps) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.17g,%.17g,%.17g,%.17g,%d,%.6f,%.6f%n",
              sweep.sweep(),
              sweep.kl(),
              sweep.maxKl(),
              sweep.residual(),
              sweep.noiseFloor(),
              sweep.failing(),
              sweep.factorSeconds(),
              sweep.seconds()));
    }
    return csv.toString();
  }

  /**
   * The verdict part of {@code mean_field.json} and {@code ep_summary.json}: convergence, noise
   * floor, sweeps, evidence, trust with every concern, and the factors that failed, were excluded
   * or were fitted by the fallback sampler.
   *
   * @param result the result
   * @return the entries, in a stable order
   */
  static Map<String, Object> verdict(EpResult result) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("converged", result.converged());
    root.put("convergence", result.convergence().name());
    root.put("noise_floor", result.noiseFloor());
    root.put("sweeps", result.sweepCount());
    root.put("seconds", result.seconds());
    root.put("log_evidence", finiteOrNull(result.logEvidence()));
    root.put("log_evidence_approximate", result.logEvidenceApproximate());
    root.put("trustworthy", result.trustworthy());
    List<Map<String, String>> concerns = new ArrayList<>();
    for (Concern concern : result.concerns()) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("check", concern.check().name());
      entry.put("message", concern.message());
      concerns.add(entry);
    }
    root.put("concerns", concerns);
    root.put("failing_factors", result.failingFactors());
    root.put("excluded_factors", result.excludedFactors());
    root.put("fallback_factors", result.fallbackFactors());
    return root;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\"", "\"\"").replace('\n', ' ') + "\"";
  }

  private static String text(EpResult result, Map<String, String> factorFolders) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "EP: %s after %d sweeps in %.2f s; log evidence %.6f%n",
            switch (result.convergence()) {
              case CONVERGED -> "converged";
              case CONVERGED_TO_NOISE_FLOOR ->
                  String.format(Locale.ROOT, "converged to noise floor %.3g", result.noiseFloor());
              case NOT_CONVERGED -> "NOT converged";
            },
            result.sweepCount(),
            result.seconds(),
            result.logEvidence()));
    text.append(
        result.trustworthy()
            ? "Trustworthy: yes\n\n"
            : "Trustworthy: NO (" + result.concerns().size() + " concerns)\n");
    for (Concern concern : result.concerns()) {
      text.append("  ").append(concern).append('\n');
    }
    if (!result.trustworthy()) {
      text.append('\n');
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%-40s %14s %14s %14s %14s %14s %14s %9s%n",
            "parameter",
            "mean",
            "sd",
            "ep mean",
            "ep sd",
            "latent mean",
            "latent sd",
            "corrected"));
    for (VariableSummary row : result.summaries()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-40s %14.6g %14.6g %14.6g %14.6g %14.6g %14.6g %9s%n",
              row.path(),
              row.mean(),
              row.sd(),
              row.gaussianMean(),
              row.gaussianSd(),
              row.latentMean(),
              row.latentSd(),
              row.corrected() ? "yes" : "no"));
    }
    List<String> failing = result.failingFactors();
    List<String> excluded = result.excludedFactors();
    text.append(
        failing.isEmpty()
            ? "\nAll factors updated in the last sweep.\n"
            : "\nFailing factors: " + String.join(", ", failing) + "\n");
    if (!excluded.isEmpty()) {
      text.append("Excluded factors (data not in the fit): ")
          .append(String.join(", ", excluded))
          .append('\n');
    }
    if (!result.fallbackFactors().isEmpty()) {
      text.append("Fitted by the fallback sampler (Laplace fit failed its check): ")
          .append(String.join(", ", result.fallbackFactors()))
          .append('\n');
    }
    if (!factorFolders.isEmpty()) {
      text.append("\nFactor folders\n");
      factorFolders.forEach(
          (name, folder) ->
              text.append(String.format(Locale.ROOT, "    %-28s %s/%n", name, folder)));
    }
    return text.toString();
  }

  private static String json(EpResult result, Map<String, String> factorFolders) {
    Map<String, Object> root = verdict(result);
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (VariableSummary row : result.summaries()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("mean", row.mean());
      entry.put("sd", row.sd());
      entry.put("latent_mean", row.latentMean());
      entry.put("latent_sd", row.latentSd());
      entry.put("ep_mean", row.gaussianMean());
      entry.put("ep_sd", row.gaussianSd());
      entry.put("corrected", row.corrected());
      parameters.put(row.path(), entry);
    }
    root.put("parameters", parameters);
    Map<String, String> statuses = new LinkedHashMap<>();
    result.statuses().forEach((name, status) -> statuses.put(name, status.name()));
    root.put("statuses", statuses);
    if (!factorFolders.isEmpty()) {
      root.put("factor_folders", factorFolders);
    }
    return toJson(root);
  }

  /** A value as indented JSON followed by a newline, as every JSON file of an EP fit is written. */
  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode " + value + " as JSON", e);
    }
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}

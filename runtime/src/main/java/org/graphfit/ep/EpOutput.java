package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.output.AtomicFiles;

/**
 * Writes an {@link EpResult} to a folder, each file atomically: {@code graph.txt} (the graph's
 * {@code info()}), {@code ep_history.csv} (one row per update), {@code ep_sweeps.csv} (one row per
 * sweep), {@code mean_field.txt} and {@code mean_field.json} (the final approximation, statuses,
 * convergence and evidence). The convergence picture is drawn by {@code
 * org.graphfit.plot.ConvergencePlot}.
 */
public final class EpOutput {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private EpOutput() {}

  /**
   * Writes the files.
   *
   * @param folder the destination, created if missing
   * @param result the result
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(Path folder, EpResult result) {
    files(result).forEach((name, text) -> AtomicFiles.write(folder.resolve(name), text));
  }

  /** The files' names and contents, in the order they are written. */
  static Map<String, String> files(EpResult result) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("graph.txt", result.graph().info());
    files.put("ep_history.csv", historyCsv(result.history()));
    files.put("ep_sweeps.csv", sweepsCsv(result.sweeps()));
    files.put("mean_field.txt", text(result));
    files.put("mean_field.json", json(result));
    return files;
  }

  /**
   * The update history as CSV with header {@code sweep,factor,status,kl,log_evidence_term,seconds,
   * message}.
   *
   * @param history the updates
   * @return the CSV text
   */
  public static String historyCsv(List<EpUpdate> history) {
    StringBuilder csv =
        new StringBuilder("sweep,factor,status,kl,log_evidence_term,seconds,message\n");
    for (EpUpdate update : history) {
      // Double.toString: the shortest text that reads back to the same double
      csv.append(update.sweep())
          .append(',')
          .append(quote(update.factor()))
          .append(',')
          .append(update.status())
          .append(',')
          .append(update.kl())
          .append(',')
          .append(update.logEvidenceTerm())
          .append(',')
          .append(update.seconds())
          .append(',')
          .append(quote(update.message()))
          .append('\n');
    }
    return csv.toString();
  }

  /**
   * The sweep summaries as CSV with header {@code sweep,kl,max_kl,failing,seconds}.
   *
   * @param sweeps the sweeps
   * @return the CSV text
   */
  public static String sweepsCsv(List<EpSweep> sweeps) {
    StringBuilder csv = new StringBuilder("sweep,kl,max_kl,failing,seconds\n");
    for (EpSweep sweep : sweeps) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.17g,%.17g,%d,%.6f%n",
              sweep.sweep(),
              sweep.kl(),
              sweep.maxKl(),
              sweep.failing(),
              sweep.seconds()));
    }
    return csv.toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\"", "\"\"").replace('\n', ' ') + "\"";
  }

  private static String text(EpResult result) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "EP: %s after %d sweeps in %.2f s; log evidence %.6f%n%n",
            result.converged() ? "converged" : "NOT converged",
            result.sweepCount(),
            result.seconds(),
            result.logEvidence()));
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
    return text.toString();
  }

  private static String json(EpResult result) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("converged", result.converged());
    root.put("sweeps", result.sweepCount());
    root.put("seconds", result.seconds());
    root.put("log_evidence", finiteOrNull(result.logEvidence()));
    root.put("log_evidence_approximate", result.logEvidenceApproximate());
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
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the mean field as JSON", e);
    }
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}

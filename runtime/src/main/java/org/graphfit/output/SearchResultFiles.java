package org.graphfit.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The files of a search result in its fit folder, {@code model.results}, {@code search.summary},
 * {@code files/samples.csv}, {@code files/samples_summary.json} and, with derived quantities,
 * {@code files/latent.csv} and {@code files/latent_summary.json}; and the result read back from
 * them.
 */
final class SearchResultFiles {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SearchResultFiles() {}

  /** A result's files by name relative to the fit folder, in the order to write them. */
  static Map<String, String> of(Result<?> result) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("model.results", result.summary());
    files.put("search.summary", searchSummary(result));
    files.put("files/samples.csv", SamplesCsv.format(result.samples(), result.layout()));
    files.put("files/samples_summary.json", OutputFolder.toJson(summaryJson(result)));
    result
        .derivedSamples()
        .ifPresent(
            derived -> {
              files.put("files/latent.csv", SamplesCsv.format(derived));
              files.put(
                  "files/latent_summary.json", OutputFolder.toJson(latentSummaryJson(derived)));
            });
    return files;
  }

  /** The files of a factor's view of a joint result (see {@link OutputFolder#resultFiles}). */
  static Map<String, String> ofFactor(Result<?> result) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("model.results", result.summary());
    files.put("files/samples.csv", SamplesCsv.format(result.samples(), result.layout()));
    files.put("files/samples_summary.json", OutputFolder.toJson(summaryJson(result)));
    return files;
  }

  /** The result stored in a folder found complete (see {@link OutputFolder#loadResult}). */
  static <T> Result<T> read(OutputFolder folder, ModelLayout<T> layout, List<String> derivedNames) {
    Path root = folder.path();
    Path summaryFile = root.resolve("files").resolve("samples_summary.json");
    JsonNode summary;
    try {
      summary = JSON.readTree(folder.verifiedBytes("files/samples_summary.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + summaryFile, e);
    }
    Samples samples =
        SamplesCsv.parse(
            new String(folder.verifiedBytes("files/samples.csv"), StandardCharsets.UTF_8),
            root.resolve("files").resolve("samples.csv").toString(),
            layout.derivedPaths());
    if (!samples.names().equals(layout.freeParameterPaths())) {
      throw new IllegalStateException(
          root
              + " holds samples of "
              + samples.names()
              + " but the model's free parameters are "
              + layout.freeParameterPaths()
              + "; delete the folder to fit again");
    }
    Result.Builder<T> builder = Result.builder(summary.path("search").asText(), layout, samples);
    if (!summary.path("log_evidence").isNull()) {
      builder.logEvidence(
          summary.path("log_evidence").asDouble(), summary.path("log_evidence_error").asDouble());
    }
    for (Map.Entry<String, JsonNode> entry : summary.path("diagnostics").properties()) {
      builder.diagnostic(entry.getKey(), entry.getValue().asDouble());
    }
    for (JsonNode concern : summary.path("concerns")) {
      builder.concern(
          new Concern(
              Check.valueOf(concern.path("check").asText()), concern.path("message").asText()));
    }
    if (!derivedNames.isEmpty() && folder.lists("files/latent.csv")) {
      Samples derived =
          SamplesCsv.parse(
              new String(folder.verifiedBytes("files/latent.csv"), StandardCharsets.UTF_8),
              root.resolve("files").resolve("latent.csv").toString());
      if (derived.names().equals(derivedNames) && derived.size() == samples.size()) {
        builder.derivedSamples(derived);
      }
    }
    JsonNode firstFailure = summary.path("first_failure");
    builder.cost(
        summary.path("likelihood_calls").asLong(),
        summary.path("failed_likelihood_calls").asLong(),
        firstFailure.isMissingNode() || firstFailure.isNull() ? null : firstFailure.asText(),
        summary.path("seconds").asDouble());
    return builder.build();
  }

  /**
   * {@code latent_summary.json}: per derived quantity its mean, median, and the bounds and
   * half-widths of its central credible intervals at 1 and 3 sigma.
   */
  private static Map<String, Object> latentSummaryJson(Samples derived) {
    double[] mean = derived.mean();
    double[] median = derived.median();
    double[][] one = derived.valuesAtSigma(1);
    double[][] three = derived.valuesAtSigma(3);
    Map<String, Object> quantities = new LinkedHashMap<>();
    for (int i = 0; i < derived.dimension(); i++) {
      Map<String, Object> quantity = new LinkedHashMap<>();
      quantity.put("mean", finiteOrNull(mean[i]));
      quantity.put("median", finiteOrNull(median[i]));
      quantity.put("lower_at_1_sigma", finiteOrNull(one[0][i]));
      quantity.put("upper_at_1_sigma", finiteOrNull(one[1][i]));
      quantity.put("errors_at_1_sigma", finiteOrNull(0.5 * (one[1][i] - one[0][i])));
      quantity.put("lower_at_3_sigma", finiteOrNull(three[0][i]));
      quantity.put("upper_at_3_sigma", finiteOrNull(three[1][i]));
      quantity.put("errors_at_3_sigma", finiteOrNull(0.5 * (three[1][i] - three[0][i])));
      quantities.put(derived.names().get(i), quantity);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("names", derived.names());
    summary.put("quantities", quantities);
    return summary;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static String searchSummary(Result<?> result) {
    return "search                                  "
        + result.searchName()
        + "\nlikelihood calls                        "
        + result.likelihoodCalls()
        + "\nfailed likelihood calls                 "
        + result.failedCalls()
        + "\nseconds                                 "
        + result.seconds()
        + "\ntrustworthy                             "
        + (result.trustworthy() ? "yes" : "NO: " + result.concerns())
        + "\n";
  }

  private static Map<String, Object> summaryJson(Result<?> result) {
    Samples samples = result.samples();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("completed", true);
    summary.put("search", result.searchName());
    summary.put("names", samples.names());
    summary.put("max_log_likelihood_vector", samples.vector(samples.maxLogLikelihoodIndex()));
    summary.put("median_pdf_vector", samples.median());
    summary.put("errors_at_1_sigma", result.errorsAtSigma(1));
    summary.put("errors_at_3_sigma", result.errorsAtSigma(3));
    summary.put("log_evidence", result.hasLogEvidence() ? result.logEvidence() : null);
    summary.put("log_evidence_error", result.hasLogEvidence() ? result.logEvidenceError() : null);
    summary.put("likelihood_calls", result.likelihoodCalls());
    summary.put("failed_likelihood_calls", result.failedCalls());
    summary.put("first_failure", result.firstFailure());
    summary.put("seconds", result.seconds());
    summary.put("diagnostics", result.diagnostics());
    summary.put("trustworthy", result.trustworthy());
    List<Map<String, String>> concerns = new ArrayList<>();
    for (Concern concern : result.concerns()) {
      concerns.add(Map.of("check", concern.check().name(), "message", concern.message()));
    }
    summary.put("concerns", concerns);
    return summary;
  }
}

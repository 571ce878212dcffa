package org.graphfit.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The folder of one fit, {@code <root>/<name>/<identifier>/}, laid out as PyAutoFit users expect:
 * {@code model.info}, {@code model.results}, {@code search.summary}, and {@code files/} with {@code
 * model.json}, {@code search.json}, {@code samples.csv}, {@code samples_summary.json} and, while
 * the fit runs, {@code checkpoint.bin}. The identifier is a hash of the model, the search settings
 * and the user's tag, so the same fit always lands in the same folder and a completed one is
 * loaded, not refitted. Every file is written atomically. Expectation propagation shares the
 * identifier ({@link #describe(ModelLayout)} plus its own additions) and writes its own files.
 */
public final class OutputFolder {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");

  private final Path folder;
  private final String modelJson;
  private final String searchJson;

  private OutputFolder(Path folder, String modelJson, String searchJson) {
    this.folder = folder;
    this.modelJson = modelJson;
    this.searchJson = searchJson;
  }

  /**
   * The folder of a fit of a model.
   *
   * @param root the output root, e.g. {@code output}
   * @param name the fit's name, e.g. {@code seed/joint}: letters, digits, {@code _ . -}, folders
   *     separated by {@code /}
   * @param tag a user tag that distinguishes otherwise identical fits (may be empty)
   * @param layout the model
   * @param searchName the search's name
   * @param searchSettings the search's settings, in a stable order
   * @return the folder (not yet created)
   * @throws IllegalArgumentException if the name is malformed
   */
  public static OutputFolder of(
      Path root,
      String name,
      String tag,
      ModelLayout<?> layout,
      String searchName,
      Map<String, Object> searchSettings) {
    return of(root, name, tag, describe(layout), searchName, searchSettings);
  }

  /**
   * The folder of a fit whose model is given by its structural description, for fits that add to
   * {@link #describe(ModelLayout)} (expectation propagation adds a graph's hierarchies). The
   * identifier is the first 32 hex digits of the SHA-256 of the description's JSON, the JSON of the
   * search name and settings, and the tag.
   *
   * @param root the output root, e.g. {@code output}
   * @param name the fit's name: letters, digits, {@code _ . -}, folders separated by {@code /}
   * @param tag a user tag that distinguishes otherwise identical fits (may be empty)
   * @param modelDescription the model's structural description, in a stable order
   * @param searchName the search's name
   * @param searchSettings the settings that determine the result, in a stable order
   * @return the folder (not yet created)
   * @throws IllegalArgumentException if the name is malformed
   */
  public static OutputFolder of(
      Path root,
      String name,
      String tag,
      Map<String, Object> modelDescription,
      String searchName,
      Map<String, Object> searchSettings) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "output name '" + name + "' must be letters, digits, _ . - with folders separated by /");
    }
    String modelJson = toJson(modelDescription);
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("search", searchName);
    search.put("settings", searchSettings);
    String searchJson = toJson(search);
    String identifier = identifier(modelJson, searchJson, tag == null ? "" : tag);
    return new OutputFolder(root.resolve(name).resolve(identifier), modelJson, searchJson);
  }

  private static String identifier(String modelJson, String searchJson, String tag) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(modelJson, searchJson, tag)) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * The structural description of a model that enters the identifier and {@code files/model.json}:
   * the model's type, each free parameter's path, slots and prior (type and arguments), the fixed
   * values and the constraints. The data and the analysis code are not part of it.
   *
   * @param layout the model
   * @return the description, in a stable order
   */
  public static Map<String, Object> describe(ModelLayout<?> layout) {
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      Prior prior = layout.prior(i);
      Map<String, Object> parameter = new LinkedHashMap<>();
      parameter.put("path", layout.freeParameterPaths().get(i));
      parameter.put("slots", layout.slotPathsOf(i));
      parameter.put("prior", prior.typeName());
      parameter.put("arguments", prior.arguments());
      parameters.add(parameter);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("type", layout.model().typeName());
    model.put("free_parameters", parameters);
    model.put("fixed_parameters", layout.fixedValues());
    model.put("constraints", layout.constraintDescriptions());
    return model;
  }

  private static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON", e);
    }
  }

  /**
   * The fit's folder.
   *
   * @return the path
   */
  public Path path() {
    return folder;
  }

  /**
   * The checkpoint store of this fit.
   *
   * @return the store in {@code files/checkpoint.bin}
   */
  public FileCheckpointStore checkpoint() {
    return new FileCheckpointStore(folder.resolve("files").resolve("checkpoint.bin"));
  }

  /**
   * Whether a completed fit is stored here.
   *
   * @return true if {@code samples_summary.json} says so
   */
  public boolean isComplete() {
    return isComplete("samples_summary.json");
  }

  /**
   * Whether a summary file in {@code files/} marks a completed fit with {@code "completed": true};
   * each kind of fit names its own summary file, written last.
   *
   * @param summaryFile the summary file's name, e.g. {@code ep_summary.json}
   * @return true if the file exists and says so
   */
  public boolean isComplete(String summaryFile) {
    Path summary = folder.resolve("files").resolve(summaryFile);
    if (!Files.exists(summary)) {
      return false;
    }
    try {
      return JSON.readTree(summary.toFile()).path("completed").asBoolean(false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + summary, e);
    }
  }

  /**
   * Writes the files known before the search starts: {@code model.info}, {@code model.json}, {@code
   * search.json}.
   *
   * @param layout the model
   */
  public void writeStart(ModelLayout<?> layout) {
    AtomicFiles.write(folder.resolve("model.info"), layout.info());
    AtomicFiles.write(folder.resolve("files").resolve("model.json"), modelJson);
    AtomicFiles.write(folder.resolve("files").resolve("search.json"), searchJson);
  }

  /**
   * Writes a completed result and removes the checkpoint. {@code samples_summary.json} is written
   * last, so a folder is complete exactly when its other files are.
   *
   * @param result the result
   */
  public void writeResult(Result<?> result) {
    AtomicFiles.write(folder.resolve("model.results"), result.summary());
    AtomicFiles.write(folder.resolve("search.summary"), searchSummary(result));
    AtomicFiles.write(
        folder.resolve("files").resolve("samples.csv"), SamplesCsv.format(result.samples()));
    AtomicFiles.write(
        folder.resolve("files").resolve("samples_summary.json"), toJson(summaryJson(result)));
    checkpoint().delete();
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

  /**
   * Loads the completed result stored here.
   *
   * @param layout the model the fit was made with (same identifier, hence same layout)
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the folder holds no completed fit, or samples of other
   *     parameters than the model's
   */
  public <T> Result<T> loadResult(ModelLayout<T> layout) {
    if (!isComplete()) {
      throw new IllegalStateException(folder + " holds no completed fit");
    }
    try {
      JsonNode summary =
          JSON.readTree(folder.resolve("files").resolve("samples_summary.json").toFile());
      Samples samples = SamplesCsv.read(folder.resolve("files").resolve("samples.csv"));
      if (!samples.names().equals(layout.freeParameterPaths())) {
        throw new IllegalStateException(
            folder
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
      JsonNode firstFailure = summary.path("first_failure");
      builder.cost(
          summary.path("likelihood_calls").asLong(),
          summary.path("failed_likelihood_calls").asLong(),
          firstFailure.isMissingNode() || firstFailure.isNull() ? null : firstFailure.asText(),
          summary.path("seconds").asDouble());
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("could not load the fit in " + folder, e);
    }
  }
}

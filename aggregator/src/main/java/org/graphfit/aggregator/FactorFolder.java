package org.graphfit.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.graphfit.model.Model;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.SamplesCsv;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;

/**
 * One factor's folder of a completed fit, {@code <fit>/factors/<name>/}: its summary and, for a
 * joint graph fit, its typed result read from the files written there (the joint fit seen through
 * the factor's parameters, as {@code GraphResult.factor(key)} gives it in memory). Every file is
 * checked against the fit's manifest when it is read.
 */
public final class FactorFolder {
  private final FitFolder fit;
  private final FactorSummary summary;

  FactorFolder(FitFolder fit, FactorSummary summary) {
    this.fit = fit;
    this.summary = summary;
  }

  /**
   * The factor's name.
   *
   * @return e.g. {@code dataset_0}
   */
  public String name() {
    return summary.name();
  }

  /**
   * The factor's folder.
   *
   * @return the absolute path, e.g. {@code <fit>/factors/dataset_0}
   */
  public Path path() {
    return fit.path().resolve(summary.folder());
  }

  /**
   * What the fit records of the factor, with the summaries of its folder.
   *
   * @return the summary
   */
  public FactorSummary summary() {
    return summary;
  }

  /**
   * A file of the factor's folder, checked against the fit's manifest now.
   *
   * @param relative the file, relative to the factor's folder, e.g. {@code model.results}
   * @return its text (UTF-8)
   * @throws IllegalStateException if the manifest does not list it, or it no longer matches
   */
  public String text(String relative) {
    return fit.text(summary.folder() + "/" + relative);
  }

  /**
   * The factor's typed result, read from its folder: the joint samples restricted to the factor's
   * parameters in the factor model's order, with the joint fit's weights, likelihoods, cost,
   * diagnostics and concerns, and no log evidence of its own. Its {@code median(model)}, {@code
   * summary(model.centre())}... read as those of {@code GraphResult.factor(key)}.
   *
   * @param model the factor's model, e.g. {@code GaussianModel.withDefaults()}
   * @param <T> the instance type
   * @return the result
   * @throws IllegalStateException if the fit is not a joint graph fit, or the folder's samples are
   *     of other parameters than the model's
   */
  public <T> Result<T> result(Model<T> model) {
    if (fit.kind() != FitKind.GRAPH) {
      throw new IllegalStateException(
          fit.path()
              + " holds an expectation propagation fit, whose factor folders hold no samples:"
              + " read the factor's summary().estimates()");
    }
    ModelLayout<T> layout = model.layout();
    String source = path().resolve("files/samples.csv").toString();
    org.graphfit.search.Samples samples =
        SamplesCsv.parse(text("files/samples.csv"), source, layout.derivedPaths());
    if (!samples.names().equals(layout.freeParameterPaths())) {
      throw new IllegalStateException(
          source
              + " holds samples of "
              + samples.names()
              + " but the model's free parameters are "
              + layout.freeParameterPaths()
              + ": give the factor's own model");
    }
    JsonNode json =
        Json.parse(
            fit.keptBytes(summary.folder() + "/files/samples_summary.json"),
            path().resolve("files/samples_summary.json"));
    Result.Builder<T> builder = Result.builder(json.path("search").asText(), layout, samples);
    if (json.path("log_evidence").isNumber()) {
      builder.logEvidence(
          json.path("log_evidence").asDouble(), json.path("log_evidence_error").asDouble());
    }
    for (Map.Entry<String, JsonNode> entry : json.path("diagnostics").properties()) {
      builder.diagnostic(entry.getKey(), entry.getValue().asDouble());
    }
    for (Concern concern : SummaryReader.search(json, path()).concerns()) {
      builder.concern(concern);
    }
    JsonNode firstFailure = json.path("first_failure");
    builder.cost(
        json.path("likelihood_calls").asLong(),
        json.path("failed_likelihood_calls").asLong(),
        firstFailure.isTextual() ? firstFailure.asText() : null,
        json.path("seconds").asDouble());
    return builder.build();
  }

  @Override
  public String toString() {
    return path().toString();
  }
}

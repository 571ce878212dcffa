package org.graphfit.search;

import static org.graphfit.search.SummaryText.format;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code model.results} text of a {@link Result}: verdict, evidence, best fit, medians with 3
 * and 1 sigma intervals, derived quantities, relations, the search's cost and diagnostics, and
 * every concern.
 */
final class ResultSummary {
  private ResultSummary() {}

  /** The summary of a result (see {@link Result#summary()}). */
  static String of(Result<?> result) {
    SummaryText text = SummaryText.withVerdict(result.concerns());
    if (result.hasLogEvidence()) {
      text.line(
          "Bayesian Evidence",
          format(result.logEvidence()) + " +/- " + format(result.logEvidenceError()));
    }
    text.line("Maximum Log Likelihood", format(result.maxLogLikelihood()));
    text.section("Maximum Log Likelihood Model");
    Samples samples = result.samples();
    List<String> names = samples.names();
    double[] best = samples.vector(samples.maxLogLikelihoodIndex());
    for (int i = 0; i < names.size(); i++) {
      text.line(names.get(i), format(best[i]));
    }
    double[] median = samples.median();
    for (double sigma : new double[] {3, 1}) {
      text.intervalsHeading(sigma);
      double[][] bounds = samples.valuesAtSigma(sigma);
      for (int i = 0; i < names.size(); i++) {
        text.line(names.get(i), SummaryText.interval(median[i], bounds[0][i], bounds[1][i]));
      }
    }
    Optional<Samples> quantities = result.derivedSamples();
    if (quantities.isPresent()) {
      Samples derivedSamples = quantities.get();
      double[] derivedMedian = derivedSamples.median();
      double[] derivedMean = derivedSamples.mean();
      double[][] bounds = derivedSamples.valuesAtSigma(1);
      text.section("Derived quantities (1.0 sigma limits)");
      for (int i = 0; i < derivedSamples.dimension(); i++) {
        text.line(
            derivedSamples.names().get(i),
            SummaryText.interval(derivedMedian[i], bounds[0][i], bounds[1][i])
                + ", mean "
                + format(derivedMean[i]));
      }
    }
    Optional<Samples> relations = result.relationSamples();
    if (relations.isPresent()) {
      Samples derived = relations.get();
      double[] derivedMedian = derived.median();
      double[][] bounds = derived.valuesAtSigma(1);
      text.section("Relations (1.0 sigma limits)");
      for (int i = 0; i < derived.dimension(); i++) {
        text.line(
            derived.names().get(i),
            SummaryText.interval(derivedMedian[i], bounds[0][i], bounds[1][i])
                + " = "
                + result.layout().relations().get(derived.names().get(i)));
      }
    }
    text.section("Search");
    text.line("search", result.searchName());
    text.line("likelihood calls", Long.toString(result.likelihoodCalls()));
    text.line("failed likelihood calls", Long.toString(result.failedCalls()));
    if (result.firstFailure() != null) {
      text.line("first failure", result.firstFailure());
    }
    text.line("seconds", SummaryText.seconds(result.seconds()));
    for (Map.Entry<String, Double> entry : result.diagnostics().entrySet()) {
      text.line(entry.getKey(), format(entry.getValue()));
    }
    return text.withConcerns(result.concerns());
  }
}

package org.graphfit.ep;

import static org.graphfit.search.SummaryText.format;

import java.util.List;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.SummaryText;

/**
 * The {@code model.results}-style text of an {@link EpResult}, laid out as a sampled fit's: the
 * verdict, the log evidence, how EP ended, each variable's median with its 3 and 1 sigma intervals,
 * its mean and standard deviation, the cost and every concern.
 */
final class EpSummary {
  private EpSummary() {}

  /** The summary of a result (see {@link EpResult#summary()}). */
  static String of(EpResult result) {
    SummaryText text = SummaryText.withVerdict(result.concerns());
    text.line(
        "EP Log Evidence",
        format(result.logEvidence()) + (result.logEvidenceApproximate() ? " (approximate)" : ""));
    text.line(
        "Convergence",
        switch (result.convergence()) {
          case CONVERGED -> "converged";
          case CONVERGED_TO_NOISE_FLOOR ->
              "converged to noise floor " + format(result.noiseFloor());
          case NOT_CONVERGED -> "NOT converged";
        });
    for (double sigma : new double[] {3, 1}) {
      text.intervalsHeading(sigma);
      for (VariableSummary row : result.summaries()) {
        ParameterSummary.Interval interval = row.atSigma(sigma);
        text.line(
            row.path(), SummaryText.interval(row.median(), interval.lower(), interval.upper()));
      }
    }
    text.section("Mean and standard deviation");
    for (VariableSummary row : result.summaries()) {
      text.line(
          row.path(),
          format(row.mean())
              + " +/- "
              + format(row.sd())
              + (row.corrected() ? " (corrected marginal)" : " (EP Gaussian)"));
    }
    text.section("Search");
    text.line("search", "ExpectationPropagation");
    text.line("sweeps", Integer.toString(result.sweeps().size()));
    text.line("seconds", SummaryText.seconds(result.seconds()));
    List<String> failing = result.failingFactors();
    if (!failing.isEmpty()) {
      text.line("failing factors", String.join(", ", failing));
    }
    return text.withConcerns(result.concerns());
  }
}

package org.graphfit.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The content of a search's report: its facts (search, samples, evidence, cost, diagnostics), its
 * concerns, and the results table of medians with their 1 and 3 sigma intervals.
 */
final class ResultReports {
  private ResultReports() {}

  /** The content of a search's (or a graph's joint) result: its facts, concerns and table. */
  static ReportContent of(
      String title,
      Result<?> result,
      List<String> names,
      List<Integer> order,
      List<ReportEntry> figures,
      List<ReportEntry> texts) {
    ModelLayout<?> layout = result.layout();
    Samples samples = result.samples();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("search", result.searchName());
    facts.put("free parameters", Integer.toString(layout.priorCount()));
    facts.put(
        "samples",
        samples.size()
            + String.format(Locale.ROOT, " (effective %.0f)", samples.effectiveSampleSize()));
    if (result.hasLogEvidence()) {
      facts.put("log evidence", Numbers.withError(result.logEvidence(), result.logEvidenceError()));
    }
    facts.put("maximum log likelihood", Numbers.significant(result.maxLogLikelihood()));
    facts.put("likelihood calls", String.format(Locale.ROOT, "%,d", result.likelihoodCalls()));
    facts.put("failed likelihood calls", String.format(Locale.ROOT, "%,d", result.failedCalls()));
    facts.put("wall time", String.format(Locale.ROOT, "%.2f s", result.seconds()));
    result.diagnostics().forEach((name, value) -> facts.put(name, Numbers.significant(value)));
    List<String> concerns = new ArrayList<>();
    for (Concern concern : result.concerns()) {
      concerns.add(concern.check().name() + ": " + concern.message());
    }
    if (result.failedCalls() > 0) {
      concerns.add(
          "FAILED_CALLS: "
              + result.failedCalls()
              + " likelihood calls threw or returned NaN and counted as zero likelihood; the first:"
              + " "
              + result.firstFailure());
    }
    // quantiles of the listed parameters only: a large graph's others are not sorted
    int[] listed =
        order.subList(0, Math.min(order.size(), Report.MOST_ROWS)).stream()
            .mapToInt(Integer::intValue)
            .toArray();
    Samples columns = Columns.of(samples, listed);
    double[] median = columns.median();
    double[][] one = columns.valuesAtSigma(1);
    double[][] three = columns.valuesAtSigma(3);
    double[] best = columns.vector(samples.maxLogLikelihoodIndex());
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < listed.length; k++) {
      int i = listed[k];
      Numbers.Estimate estimate =
          Numbers.estimate(median[k], one[1][k] - median[k], median[k] - one[0][k]);
      rows.add(
          List.of(
              names.get(i),
              priorText(layout.prior(i)),
              estimate.plainText().replace("-", Numbers.MINUS),
              interval(one[0][k], one[1][k]),
              interval(three[0][k], three[1][k]),
              Numbers.significant(best[k])));
    }
    return new ReportContent(
        title,
        facts,
        concerns,
        List.of(
            "parameter",
            "prior",
            "median +1\u03c3 \u22121\u03c3",
            "1\u03c3 interval (68.3%)",
            "3\u03c3 interval (99.7%)",
            "max likelihood"),
        rows,
        layout.priorCount(),
        "Intervals are central credible intervals of the weighted samples.",
        figures,
        texts,
        List.of());
  }

  /** An interval as {@code [low, high]}, each bound to its significant digits. */
  static String interval(double low, double high) {
    return "[" + Numbers.significant(low) + ", " + Numbers.significant(high) + "]";
  }

  /** A prior in short form, e.g. {@code LogUniform(1.000e-06, 1.000e+06)}. */
  static String priorText(Prior prior) {
    List<String> arguments = new ArrayList<>();
    for (double value : prior.arguments().values()) {
      String text = Numbers.significant(value);
      arguments.add(
          text.contains(".") && !text.contains("e") ? text.replaceAll("\\.?0+$", "") : text);
    }
    String type = prior.typeName();
    if (type.endsWith("Prior")) {
      type = type.substring(0, type.length() - "Prior".length());
    }
    return type + "(" + String.join(", ", arguments) + ")";
  }
}

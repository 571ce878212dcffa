package org.graphfit.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ModelLayout;

/**
 * The content of an expectation propagation fit's report: convergence, its concerns, each
 * variable's approximation, and the convergence, trace, graph and hierarchy pictures.
 */
final class EpReports {
  private EpReports() {}

  /** The content of an EP fit's report; the trace's picture is left out when it is null. */
  static ReportContent of(EpResult result, EpTrace trace) {
    FactorGraph graph = result.graph();
    ModelLayout<?> layout = graph.layout();
    List<String> names = ParameterNames.of(layout);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("method", "expectation propagation");
    facts.put("converged", result.converged() ? "yes" : "no");
    facts.put("sweeps", Integer.toString(result.sweepCount()));
    long[] updates = {result.historyDropped()};
    result.forEachUpdate(update -> updates[0]++);
    facts.put("factor updates", String.format(Locale.ROOT, "%,d", updates[0]));
    facts.put("free parameters", Integer.toString(layout.priorCount()));
    if (!result.sweeps().isEmpty()) {
      EpSweep last = result.sweeps().get(result.sweeps().size() - 1);
      facts.put("largest KL change in the last sweep", Numbers.significant(last.maxKl()));
    }
    facts.put(
        "log evidence (EP estimate)",
        Numbers.significant(result.logEvidence())
            + (result.logEvidenceApproximate() ? " (approximate)" : ""));
    facts.put("wall time", String.format(Locale.ROOT, "%.2f s", result.seconds()));
    List<String> concerns = new ArrayList<>();
    if (!result.converged()) {
      concerns.add(
          "CONVERGENCE: EP stopped after "
              + result.sweepCount()
              + " sweeps without meeting its tolerance; its approximation may still be moving (see"
              + " the convergence plot): run more sweeps, or with sampled factors raise their live"
              + " points or the tolerance");
    }
    if (!result.failingFactors().isEmpty()) {
      concerns.add(
          "FAILING_FACTORS: the last update of "
              + result.failingFactors()
              + " failed"
              + lastMessages(result));
    }
    if (!result.excludedFactors().isEmpty()) {
      concerns.add(
          "EXCLUDED_FACTORS: "
              + result.excludedFactors()
              + " kept failing and were left out of the fit: their data do not inform it");
    }
    if (result.logEvidenceApproximate()) {
      concerns.add(
          "APPROXIMATE_EVIDENCE: a factor's last message was set flat, so the evidence is only"
              + " approximate");
    }
    List<List<String>> rows = new ArrayList<>();
    List<VariableSummary> summaries = result.summaries();
    int count = Math.min(summaries.size(), Report.MOST_ROWS);
    // the hyper-parameters and shared parameters first: in a large graph they would be cut off
    List<Integer> order =
        CornerPlot.globalsFirst(layout.freeParameterPaths(), graph.globalParameters());
    for (int k = 0; k < count; k++) {
      int v = order.get(k);
      VariableSummary summary = summaries.get(v);
      rows.add(
          List.of(
              names.get(v),
              ResultReports.priorText(layout.prior(v)),
              Numbers.significant(summary.mean()),
              Numbers.significant(summary.sd()),
              Numbers.significant(summary.gaussianMean())
                  + " \u00b1 "
                  + Numbers.significant(summary.gaussianSd()),
              summary.corrected() ? "corrected marginal" : "EP Gaussian"));
    }
    List<ReportEntry> figures = new ArrayList<>();
    figures.add(
        new ReportEntry(
            "Convergence: how much the approximation changed in each sweep",
            ConvergencePlot.of("EP convergence", result),
            null));
    if (trace != null) {
      figures.add(
          new ReportEntry(
              "Each variable's approximation per sweep", EpTracePlot.of(result, trace), null));
    }
    figures.add(new ReportEntry("The factor graph", FactorGraphPicture.of(graph), null));
    for (HierarchicalFactor factor : graph.hierarchicalFactors()) {
      figures.add(ReportEntry.hierarchy(factor, HierarchyPlot.of(result, factor)));
    }
    return new ReportContent(
        "EP fit report",
        facts,
        concerns,
        List.of("parameter", "prior", "mean", "sd", "EP Gaussian (physical)", "from"),
        rows,
        summaries.size(),
        "Mean and sd are the corrected marginal's where every factor of a variable was sampled,"
            + " else those of EP's Gaussian mapped through the prior.",
        figures,
        List.of(new ReportEntry("Graph", null, graph.info())),
        List.of());
  }

  private static String lastMessages(EpResult result) {
    Map<String, String> messages = new LinkedHashMap<>();
    List<String> failing = result.failingFactors();
    result.forEachUpdate(
        update -> {
          if (failing.contains(update.factor()) && !update.message().isEmpty()) {
            messages.put(update.factor(), update.message());
          }
        });
    if (messages.isEmpty()) {
      return "";
    }
    Map.Entry<String, String> first = messages.entrySet().iterator().next();
    return "; " + first.getKey() + ": " + first.getValue();
  }
}

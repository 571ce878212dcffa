package org.graphfit.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graphfit.analysis.FitPaths;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.AtomicFiles;
import org.graphfit.prior.Prior;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * A fit's report: one self-contained {@code report.html} (inline CSS and pictures, nothing fetched
 * from the network) with the trust verdict and every concern and warning, the cost, a table of
 * results (medians with 1- and 3-sigma intervals; for expectation propagation each variable's mean
 * and standard deviation), the pictures (corner plot, factor graph, hierarchies, EP convergence and
 * trace, and any figure added), and the model and graph descriptions.
 *
 * <pre>{@code
 * Report.of(graphResult).figure("dataset_0 with the joint fit", fitPlot).write(folder);
 * }</pre>
 */
public final class Report {
  /** The most rows of the results table; the rest are in the fit's own files. */
  public static final int MOST_ROWS = 200;

  /** The most pictures {@link #pictures(Path)} embeds; the others stay in their folders. */
  public static final int MOST_PICTURES = 24;

  /** The most lines of a model or graph description; the rest are in the fit's own files. */
  public static final int MOST_LINES = 300;

  private final String title;
  private final Map<String, String> facts;
  private final List<String> concerns;
  private final List<String> tableHead;
  private final List<List<String>> rows;
  private final int parameterCount;
  private final List<Entry> figures;
  private final List<Entry> texts;
  private final String tableNote;
  private final List<String> warnings;

  /**
   * A captioned figure or text block; a key names the figures a caller may replace ({@code corner},
   * {@code hierarchy:<name>}), null for the others.
   */
  private record Entry(String caption, Figure figure, String text, String key) {
    Entry(String caption, Figure figure, String text) {
      this(caption, figure, text, null);
    }
  }

  private static final String CORNER = "corner";
  private static final String HIERARCHY = "hierarchy:";

  private Report(
      String title,
      Map<String, String> facts,
      List<String> concerns,
      List<String> tableHead,
      List<List<String>> rows,
      int parameterCount,
      String tableNote,
      List<Entry> figures,
      List<Entry> texts,
      List<String> warnings) {
    this.title = title;
    this.facts = facts;
    this.concerns = concerns;
    this.tableHead = tableHead;
    this.rows = rows;
    this.parameterCount = parameterCount;
    this.tableNote = tableNote;
    this.figures = figures;
    this.texts = texts;
    this.warnings = warnings;
  }

  /**
   * The report of one search's result: its corner plot and model description.
   *
   * @param result the result
   * @return the report
   */
  public static Report of(Result<?> result) {
    List<Entry> figures = new ArrayList<>();
    figures.add(cornerEntry(CornerPlot.of(result)));
    List<Entry> texts = List.of(new Entry("Model", null, result.layout().info()));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < result.layout().priorCount(); i++) {
      order.add(i);
    }
    return ofResult(
        "Fit report: " + result.searchName(),
        result,
        ParameterNames.of(result.layout()),
        order,
        figures,
        texts);
  }

  /**
   * The report of a factor graph's joint fit: its corner plot (global parameters first), the graph
   * picture, a hierarchy plot per hierarchical factor, and the graph and model descriptions.
   *
   * @param result the joint result
   * @return the report
   */
  public static Report of(GraphResult result) {
    FactorGraph graph = result.graph();
    List<Entry> figures = new ArrayList<>();
    figures.add(cornerEntry(CornerPlot.of(result)));
    figures.add(new Entry("The factor graph", FactorGraphPicture.of(graph), null));
    for (HierarchicalFactor factor : graph.hierarchicalFactors()) {
      figures.add(hierarchyEntry(factor, HierarchyPlot.of(result, factor)));
    }
    List<Entry> texts =
        List.of(
            new Entry("Graph", null, graph.info()),
            new Entry("Model", null, result.global().layout().info()));
    List<Integer> order =
        CornerPlot.globalsFirst(
            result.global().layout().freeParameterPaths(), graph.globalParameters());
    return ofResult(
        "Graph fit report: " + result.global().searchName(),
        result.global(),
        ParameterNames.of(result.global().layout()),
        order,
        figures,
        texts);
  }

  private static Entry cornerEntry(CornerPlot corner) {
    return new Entry(
        "Posterior: marginals and pairs" + corner.note().map(note -> " (" + note + ")").orElse(""),
        corner,
        null,
        CORNER);
  }

  private static Entry hierarchyEntry(HierarchicalFactor factor, HierarchyPlot plot) {
    return new Entry("Hierarchy '" + factor.name() + "'", plot, null, HIERARCHY + factor.name());
  }

  private static Report ofResult(
      String title,
      Result<?> result,
      List<String> names,
      List<Integer> order,
      List<Entry> figures,
      List<Entry> texts) {
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
        order.subList(0, Math.min(order.size(), MOST_ROWS)).stream()
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
    return new Report(
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

  /**
   * The report of an expectation-propagation fit: convergence, each variable's approximation, the
   * graph picture, a hierarchy plot per hierarchical factor, and the graph description. Add the
   * per-sweep trace with {@link #of(EpResult, EpTrace)}.
   *
   * @param result the EP result
   * @return the report
   */
  public static Report of(EpResult result) {
    return ofEp(result, null);
  }

  /**
   * The report of an expectation-propagation fit with its recorded trace (see {@link EpTrace}).
   *
   * @param result the EP result
   * @param trace what was recorded while it ran
   * @return the report
   */
  public static Report of(EpResult result, EpTrace trace) {
    return ofEp(result, Objects.requireNonNull(trace, "trace"));
  }

  private static Report ofEp(EpResult result, EpTrace trace) {
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
    int count = Math.min(summaries.size(), MOST_ROWS);
    // the hyper-parameters and shared parameters first: in a large graph they would be cut off
    List<Integer> order =
        CornerPlot.globalsFirst(layout.freeParameterPaths(), graph.globalParameters());
    for (int k = 0; k < count; k++) {
      int v = order.get(k);
      VariableSummary summary = summaries.get(v);
      rows.add(
          List.of(
              names.get(v),
              priorText(layout.prior(v)),
              Numbers.significant(summary.mean()),
              Numbers.significant(summary.sd()),
              Numbers.significant(summary.gaussianMean())
                  + " \u00b1 "
                  + Numbers.significant(summary.gaussianSd()),
              summary.corrected() ? "corrected marginal" : "EP Gaussian"));
    }
    List<Entry> figures = new ArrayList<>();
    figures.add(
        new Entry(
            "Convergence: how much the approximation changed in each sweep",
            ConvergencePlot.of("EP convergence", result),
            null));
    if (trace != null) {
      figures.add(
          new Entry(
              "Each variable's approximation per sweep", EpTracePlot.of(result, trace), null));
    }
    figures.add(new Entry("The factor graph", FactorGraphPicture.of(graph), null));
    for (HierarchicalFactor factor : graph.hierarchicalFactors()) {
      figures.add(hierarchyEntry(factor, HierarchyPlot.of(result, factor)));
    }
    return new Report(
        "EP fit report",
        facts,
        concerns,
        List.of("parameter", "prior", "mean", "sd", "EP Gaussian (physical)", "from"),
        rows,
        summaries.size(),
        "Mean and sd are the corrected marginal's where every factor of a variable was sampled,"
            + " else those of EP's Gaussian mapped through the prior.",
        figures,
        List.of(new Entry("Graph", null, graph.info())),
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

  private static String interval(double low, double high) {
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

  /**
   * This report with another title.
   *
   * @param text the title
   * @return the report
   */
  public Report title(String text) {
    return new Report(
        Objects.requireNonNull(text, "text"),
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        texts,
        warnings);
  }

  /**
   * This report with one more picture after the others, e.g. a dataset with its fit.
   *
   * @param caption the caption
   * @param figure the picture
   * @return the report
   */
  public Report figure(String caption, Figure figure) {
    List<Entry> more = new ArrayList<>(figures);
    more.add(new Entry(Objects.requireNonNull(caption, "caption"), figure, null));
    return new Report(
        title, facts, concerns, tableHead, rows, parameterCount, tableNote, more, texts, warnings);
  }

  /**
   * This report with warnings shown beside the trust verdict: what went wrong around the fit rather
   * than in it, e.g. a hook that threw. They do not make the fit untrustworthy.
   *
   * @param more the warnings
   * @return the report
   */
  public Report warnings(List<String> more) {
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new Report(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        texts,
        List.copyOf(all));
  }

  /**
   * This report with a text block (shown folded at the end) replaced, or added if no block has this
   * caption, e.g. the graph's description with its factor folders.
   *
   * @param caption the caption, e.g. {@code Graph}
   * @param text the text
   * @return the report
   */
  public Report text(String caption, String text) {
    Entry entry = new Entry(Objects.requireNonNull(caption, "caption"), null, text);
    List<Entry> changed = new ArrayList<>(texts);
    boolean replaced = false;
    for (int i = 0; i < changed.size() && !replaced; i++) {
      if (changed.get(i).caption().equals(caption)) {
        changed.set(i, entry);
        replaced = true;
      }
    }
    if (!replaced) {
      changed.add(entry);
    }
    return new Report(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        figures,
        changed,
        warnings);
  }

  /**
   * This report with the PNG pictures that a fit's hooks drew: those in {@code image/} of the fit
   * folder, then those in {@code image/} of each factor folder {@code factors/<name>/}, in name
   * order (numbers in names compared as numbers), at most {@value #MOST_PICTURES}; the caption says
   * where each comes from, and a last caption how many were left out.
   *
   * @param fitFolder the fit's folder
   * @return the report
   * @throws java.io.UncheckedIOException if a folder cannot be listed or a picture read
   */
  public Report pictures(Path fitFolder) {
    List<Path> files = new ArrayList<>(pngs(fitFolder.resolve("image")));
    Path factors = fitFolder.resolve("factors");
    if (Files.isDirectory(factors)) {
      for (Path factor : sortedChildren(factors, Files::isDirectory)) {
        files.addAll(pngs(factor.resolve("image")));
      }
    }
    Report report = this;
    for (int i = 0; i < Math.min(files.size(), MOST_PICTURES); i++) {
      Path file = files.get(i);
      Path relative = fitFolder.relativize(file);
      String where = relative.toString().replace('\\', '/');
      String whose =
          relative.getNameCount() > 3 && relative.getName(0).toString().equals("factors")
              ? relative.getName(1) + ", drawn by its analysis"
              : "Drawn by the analysis";
      report = report.figure(whose + " (" + where + ")", PictureFile.of(file));
    }
    if (files.size() > MOST_PICTURES) {
      report =
          report.warnings(
              List.of(
                  (files.size() - MOST_PICTURES)
                      + " more pictures are in the factor folders (the report shows the first "
                      + MOST_PICTURES
                      + ")"));
    }
    return report;
  }

  private static List<Path> pngs(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    return sortedChildren(
        folder,
        file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".png"));
  }

  private static List<Path> sortedChildren(Path folder, Predicate<Path> filter) {
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(filter)
          .filter(child -> !child.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(child -> naturalKey(child.getFileName().toString())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder + ": " + e, e);
    }
  }

  /** A name with every run of digits padded to 20 digits, so numbers sort as numbers. */
  private static String naturalKey(String name) {
    Matcher digits = DIGITS.matcher(name);
    StringBuilder key = new StringBuilder();
    while (digits.find()) {
      String run = digits.group();
      digits.appendReplacement(key, "0".repeat(Math.max(0, 20 - run.length())) + run);
    }
    digits.appendTail(key);
    return key.toString();
  }

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /**
   * This report with the corner plot replaced, e.g. by one with truths or chosen parameters.
   *
   * @param corner the corner plot
   * @return the report
   */
  public Report corner(CornerPlot corner) {
    return replacing(cornerEntry(corner));
  }

  /**
   * This report with a hierarchical factor's plot replaced, e.g. by one with the true values.
   *
   * @param factor the hierarchical factor
   * @param plot its plot
   * @return the report
   */
  public Report hierarchy(HierarchicalFactor factor, HierarchyPlot plot) {
    return replacing(hierarchyEntry(factor, Objects.requireNonNull(plot, "plot")));
  }

  /** This report with the figure of the entry's key replaced, or the entry added at the end. */
  private Report replacing(Entry replacement) {
    List<Entry> changed = new ArrayList<>(figures);
    int at = -1;
    for (int i = 0; i < changed.size() && at < 0; i++) {
      if (replacement.key().equals(changed.get(i).key())) {
        at = i;
      }
    }
    if (at >= 0) {
      changed.set(at, replacement);
    } else {
      changed.add(replacement);
    }
    return new Report(
        title,
        facts,
        concerns,
        tableHead,
        rows,
        parameterCount,
        tableNote,
        changed,
        texts,
        warnings);
  }

  /**
   * Whether the fit passed every check the report knows of.
   *
   * @return true if there is no concern
   */
  public boolean trustworthy() {
    return concerns.isEmpty();
  }

  /**
   * The warnings shown beside the verdict (see {@link #warnings(List)}).
   *
   * @return the lines
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The concerns shown, each {@code CHECK: message}.
   *
   * @return the lines
   */
  public List<String> concerns() {
    return List.copyOf(concerns);
  }

  /**
   * The captions of the pictures, in order.
   *
   * @return the captions
   */
  public List<String> captions() {
    return figures.stream().map(Entry::caption).toList();
  }

  /**
   * Writes {@code report.html} into a folder, atomically.
   *
   * @param folder the folder, e.g. the fit's output folder; created if missing
   * @return the file written
   */
  public Path write(Path folder) {
    Path file = folder.resolve("report.html");
    AtomicFiles.write(file, html());
    return file;
  }

  /**
   * Writes {@code report.html} into a fit folder from a hook (e.g. {@link
   * org.graphfit.graph.GraphHooks#saveResults}): with the pictures the fit's hooks drew ({@link
   * #pictures(Path)}) and the hook failures so far as warnings, through {@link
   * FitPaths#write(String, String)}, so the report is listed in the fit's manifest and the runtime
   * writes no default report over it.
   *
   * @param paths the fit folder's paths
   * @return the file written
   */
  public Path write(FitPaths paths) {
    paths.write("report.html", pictures(paths.folder()).warnings(paths.hooks().failures()).html());
    return paths.folder().resolve("report.html");
  }

  /**
   * The report as one HTML document with everything inline.
   *
   * @return the document
   */
  public String html() {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    if (concerns.isEmpty()) {
      html.append("<p class=\"verdict good\">Trustworthy: every self-check passed.</p>\n");
    } else {
      html.append("<p class=\"verdict bad\">Not trustworthy: ")
          .append(concerns.size())
          .append(concerns.size() == 1 ? " concern" : " concerns")
          .append("</p>\n<ul class=\"concerns\">\n");
      for (String concern : concerns) {
        int colon = concern.indexOf(':');
        html.append("<li><b>")
            .append(escape(concern.substring(0, colon)))
            .append("</b>")
            .append(escape(concern.substring(colon)))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
    if (!warnings.isEmpty()) {
      html.append("<p class=\"verdict warn\">")
          .append(warnings.size())
          .append(warnings.size() == 1 ? " warning" : " warnings")
          .append("</p>\n<ul class=\"warnings\">\n");
      for (String warning : warnings) {
        html.append("<li>").append(escape(warning)).append("</li>\n");
      }
      html.append("</ul>\n");
    }
    html.append("<h2>Fit and cost</h2>\n<table class=\"facts\">\n");
    facts.forEach(
        (name, value) ->
            html.append("<tr><th>")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n"));
    html.append("</table>\n<h2>Results</h2>\n<div class=\"wide\"><table class=\"results\">\n<tr>");
    for (String head : tableHead) {
      html.append("<th>").append(escape(head)).append("</th>");
    }
    html.append("</tr>\n");
    for (List<String> row : rows) {
      html.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        html.append(c == 0 ? "<th>" : "<td>")
            .append(escape(row.get(c)))
            .append(c == 0 ? "</th>" : "</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table></div>\n<p class=\"note\">").append(escape(tableNote));
    if (parameterCount > rows.size()) {
      html.append(" The first ")
          .append(rows.size())
          .append(" of ")
          .append(parameterCount)
          .append(" parameters are listed; all are in the fit's files.");
    }
    html.append("</p>\n");
    for (Entry entry : figures) {
      html.append("<figure>\n").append(image(entry.figure())).append("\n<figcaption>");
      html.append(escape(entry.caption())).append("</figcaption>\n</figure>\n");
    }
    for (Entry entry : texts) {
      html.append("<details>\n<summary>")
          .append(escape(entry.caption()))
          .append("</summary>\n<pre>")
          .append(escape(firstLines(entry.text())))
          .append("</pre>\n</details>\n");
    }
    html.append("<footer>Written by GraphFit.</footer>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  /** The first {@value #MOST_LINES} lines of a text and how many more there are. */
  private static String firstLines(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length <= MOST_LINES) {
      return text;
    }
    return String.join("\n", Arrays.asList(lines).subList(0, MOST_LINES))
        + "\n\u2026 "
        + (lines.length - MOST_LINES)
        + " more lines in the fit's model.info";
  }

  /** The figure as an inline image: SVG or PNG, whichever is smaller. */
  private static String image(Figure figure) {
    byte[] png = figure.png();
    // a picture file is a raster already: an SVG of it would only wrap the same pixels
    byte[] svg =
        figure instanceof PictureFile ? null : figure.svg().getBytes(StandardCharsets.UTF_8);
    boolean vector = svg != null && svg.length <= png.length;
    return "<img alt=\"\" width=\""
        + figure.width()
        + "\" src=\"data:image/"
        + (vector ? "svg+xml" : "png")
        + ";base64,"
        + Base64.getEncoder().encodeToString(vector ? svg : png)
        + "\">";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static final String CSS =
      """
      body { margin: 0; background: #f6f7f9; color: #1f2328;
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
      h1 { font-size: 26px; margin: 0 0 12px; }
      h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #d8dee4; }
      .verdict { display: inline-block; padding: 6px 14px; border-radius: 6px; font-weight: 600; }
      .good { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
      .bad { background: #ffebe9; color: #a40e26; border: 1px solid #ff8182; }
      .warn { background: #fff8c5; color: #7d4e00; border: 1px solid #d4a72c; margin-left: 8px; }
      .concerns li { margin: 4px 0; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
      th, td { padding: 4px 9px; text-align: left; border-bottom: 1px solid #eaeef2; }
      .wide { overflow-x: auto; }
      table.results { font-size: 14px; }
      table.facts th { font-weight: 500; color: #57606a; }
      table.results tr:first-child th { background: #f6f8fa; font-weight: 600; }
      table.results th { font-weight: 500; white-space: nowrap; }
      table.results td { white-space: nowrap; }
      .note { color: #57606a; font-size: 13px; }
      figure { margin: 26px 0; }
      figure img { max-width: 100%; height: auto; border: 1px solid #eaeef2; }
      figcaption { color: #57606a; font-size: 14px; margin-top: 4px; }
      details { margin: 12px 0; }
      summary { cursor: pointer; font-weight: 600; }
      pre { background: #f6f8fa; padding: 12px; overflow-x: auto; font-size: 12.5px; }
      footer { margin-top: 32px; color: #8c959f; font-size: 12px; }
      """;
}

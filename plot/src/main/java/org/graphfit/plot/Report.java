package org.graphfit.plot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.graphfit.analysis.FitPaths;
import org.graphfit.ep.EpResult;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.output.AtomicFiles;
import org.graphfit.search.Result;

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

  private final ReportContent content;

  private Report(ReportContent content) {
    this.content = content;
  }

  /**
   * The report of one search's result: its corner plot and model description.
   *
   * @param result the result
   * @return the report
   */
  public static Report of(Result<?> result) {
    List<ReportEntry> figures = new ArrayList<>();
    figures.add(ReportEntry.corner(CornerPlot.of(result)));
    List<ReportEntry> texts = List.of(new ReportEntry("Model", null, result.layout().info()));
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < result.layout().priorCount(); i++) {
      order.add(i);
    }
    return new Report(
        ResultReports.of(
            "Fit report: " + result.searchName(),
            result,
            ParameterNames.of(result.layout()),
            order,
            figures,
            texts));
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
    List<ReportEntry> figures = new ArrayList<>();
    figures.add(ReportEntry.corner(CornerPlot.of(result)));
    figures.add(new ReportEntry("The factor graph", FactorGraphPicture.of(graph), null));
    for (HierarchicalFactor factor : graph.hierarchicalFactors()) {
      figures.add(ReportEntry.hierarchy(factor, HierarchyPlot.of(result, factor)));
    }
    List<ReportEntry> texts =
        List.of(
            new ReportEntry("Graph", null, graph.info()),
            new ReportEntry("Model", null, result.global().layout().info()));
    List<Integer> order =
        CornerPlot.globalsFirst(
            result.global().layout().freeParameterPaths(), graph.globalParameters());
    return new Report(
        ResultReports.of(
            "Graph fit report: " + result.global().searchName(),
            result.global(),
            ParameterNames.of(result.global().layout()),
            order,
            figures,
            texts));
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
    return new Report(EpReports.of(result, null));
  }

  /**
   * The report of an expectation-propagation fit with its recorded trace (see {@link EpTrace}).
   *
   * @param result the EP result
   * @param trace what was recorded while it ran
   * @return the report
   */
  public static Report of(EpResult result, EpTrace trace) {
    return new Report(EpReports.of(result, Objects.requireNonNull(trace, "trace")));
  }

  /**
   * This report with another title.
   *
   * @param text the title
   * @return the report
   */
  public Report title(String text) {
    return new Report(content.withTitle(Objects.requireNonNull(text, "text")));
  }

  /**
   * This report with one more picture after the others, e.g. a dataset with its fit.
   *
   * @param caption the caption
   * @param figure the picture
   * @return the report
   */
  public Report figure(String caption, Figure figure) {
    List<ReportEntry> more = new ArrayList<>(content.figures());
    more.add(new ReportEntry(Objects.requireNonNull(caption, "caption"), figure, null));
    return new Report(content.withFigures(more));
  }

  /**
   * This report with warnings shown beside the trust verdict: what went wrong around the fit rather
   * than in it, e.g. a hook that threw. They do not make the fit untrustworthy.
   *
   * @param more the warnings
   * @return the report
   */
  public Report warnings(List<String> more) {
    List<String> all = new ArrayList<>(content.warnings());
    all.addAll(more);
    return new Report(content.withWarnings(List.copyOf(all)));
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
    ReportEntry entry = new ReportEntry(Objects.requireNonNull(caption, "caption"), null, text);
    List<ReportEntry> changed = new ArrayList<>(content.texts());
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
    return new Report(content.withTexts(changed));
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
    List<Path> files = new ArrayList<>(ReportPictures.pngs(fitFolder.resolve("image")));
    Path factors = fitFolder.resolve("factors");
    if (Files.isDirectory(factors)) {
      for (Path factor : ReportPictures.sortedChildren(factors, Files::isDirectory)) {
        files.addAll(ReportPictures.pngs(factor.resolve("image")));
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

  /**
   * This report with the corner plot replaced, e.g. by one with truths or chosen parameters.
   *
   * @param corner the corner plot
   * @return the report
   */
  public Report corner(CornerPlot corner) {
    return replacing(ReportEntry.corner(corner));
  }

  /**
   * This report with a hierarchical factor's plot replaced, e.g. by one with the true values.
   *
   * @param factor the hierarchical factor
   * @param plot its plot
   * @return the report
   */
  public Report hierarchy(HierarchicalFactor factor, HierarchyPlot plot) {
    return replacing(ReportEntry.hierarchy(factor, Objects.requireNonNull(plot, "plot")));
  }

  /** This report with the figure of the entry's key replaced, or the entry added at the end. */
  private Report replacing(ReportEntry replacement) {
    List<ReportEntry> changed = new ArrayList<>(content.figures());
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
    return new Report(content.withFigures(changed));
  }

  /**
   * Whether the fit passed every check the report knows of.
   *
   * @return true if there is no concern
   */
  public boolean trustworthy() {
    return content.concerns().isEmpty();
  }

  /**
   * The warnings shown beside the verdict (see {@link #warnings(List)}).
   *
   * @return the lines
   */
  public List<String> warnings() {
    return content.warnings();
  }

  /**
   * The concerns shown, each {@code CHECK: message}.
   *
   * @return the lines
   */
  public List<String> concerns() {
    return List.copyOf(content.concerns());
  }

  /**
   * The captions of the pictures, in order.
   *
   * @return the captions
   */
  public List<String> captions() {
    return content.figures().stream().map(ReportEntry::caption).toList();
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
    return ReportHtml.html(content);
  }
}

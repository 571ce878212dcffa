package org.graphfit.plot;

import java.nio.file.Files;
import java.util.List;
import org.graphfit.analysis.FitPaths;
import org.graphfit.ep.EpReportWriter;
import org.graphfit.ep.EpResult;
import org.graphfit.graph.GraphReportWriter;
import org.graphfit.graph.GraphResult;
import org.graphfit.search.ReportWriter;
import org.graphfit.search.Result;

/**
 * The report writer the runtime finds on the class path ({@link java.util.ServiceLoader}): with
 * this module present every fit with an output folder writes its {@code report.html}, a {@link
 * Report} of its result with the pictures its hooks drew ({@link Report#pictures}), the hooks'
 * failures as warnings and, for graphs, the graph's description with each factor's folder. To
 * customize a fit's report, write {@code report.html} in a hook (e.g. {@link
 * org.graphfit.graph.GraphHooks#saveResults}); the runtime then keeps it.
 */
public final class FitReports implements ReportWriter, GraphReportWriter, EpReportWriter {
  /** The writer; made by the service loader. */
  public FitReports() {}

  @Override
  public void write(FitPaths paths, Result<?> result, List<String> warnings) {
    write(paths, Report.of(result), warnings);
  }

  @Override
  public void write(FitPaths paths, GraphResult result, List<String> warnings) {
    write(paths, Report.of(result).text("Graph", result.graph().infoWithFolders()), warnings);
  }

  @Override
  public void write(FitPaths paths, EpResult result, List<String> warnings) {
    Report report = Report.of(result);
    if (Files.isDirectory(paths.folder().resolve("factors"))) {
      report = report.text("Graph", result.graph().infoWithFolders());
    }
    write(paths, report, warnings);
  }

  private static void write(FitPaths paths, Report report, List<String> warnings) {
    paths.write("report.html", report.pictures(paths.folder()).warnings(warnings).html());
  }
}

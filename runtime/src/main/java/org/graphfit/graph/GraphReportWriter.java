package org.graphfit.graph;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.graphfit.analysis.FitPaths;

/**
 * Writes a graph fit's {@code report.html} into its fit folder, found with {@link ServiceLoader}
 * like {@link org.graphfit.search.ReportWriter} (module {@code graphfit-plot} provides one).
 */
public interface GraphReportWriter {
  /**
   * Writes the report.
   *
   * @param paths the fit's folder
   * @param result the joint result
   * @param warnings what went wrong besides the result's own concerns, e.g. failed hooks
   */
  void write(FitPaths paths, GraphResult result, List<String> warnings);

  /**
   * The first writer on the class path.
   *
   * @return the writer, or empty
   */
  static Optional<GraphReportWriter> find() {
    return ServiceLoader.load(GraphReportWriter.class, GraphReportWriter.class.getClassLoader())
        .findFirst();
  }
}

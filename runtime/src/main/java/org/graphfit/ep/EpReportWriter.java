package org.graphfit.ep;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.graphfit.analysis.FitPaths;

/**
 * Writes an EP fit's {@code report.html} into its fit folder, found with {@link ServiceLoader} like
 * {@link org.graphfit.search.ReportWriter} (module {@code graphfit-plot} provides one).
 */
public interface EpReportWriter {
  /**
   * Writes the report.
   *
   * @param paths the fit's folder
   * @param result the EP result
   * @param warnings what went wrong besides the result's own concerns, e.g. failed hooks
   */
  void write(FitPaths paths, EpResult result, List<String> warnings);

  /**
   * The first writer on the class path.
   *
   * @return the writer, or empty
   */
  static Optional<EpReportWriter> find() {
    return ServiceLoader.load(EpReportWriter.class, EpReportWriter.class.getClassLoader())
        .findFirst();
  }
}

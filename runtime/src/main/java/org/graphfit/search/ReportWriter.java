package org.graphfit.search;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.graphfit.analysis.FitPaths;

/**
 * Writes a completed search's {@code report.html} into its fit folder. The runtime has no writer of
 * its own: one is found with {@link ServiceLoader} (module {@code graphfit-plot} provides one), and
 * without one no report is written. Called before the manifest, so the report is listed in it.
 */
public interface ReportWriter {
  /**
   * Writes the report.
   *
   * @param paths the fit's folder
   * @param result the result
   * @param warnings what went wrong besides the result's own concerns, e.g. failed hooks
   */
  void write(FitPaths paths, Result<?> result, List<String> warnings);

  /**
   * The first writer on the class path.
   *
   * @return the writer, or empty
   */
  static Optional<ReportWriter> find() {
    return ServiceLoader.load(ReportWriter.class, ReportWriter.class.getClassLoader()).findFirst();
  }
}

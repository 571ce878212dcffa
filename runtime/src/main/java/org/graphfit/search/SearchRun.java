package org.graphfit.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link ProblemSearch#run} returns: samples, the log evidence and its error (NaN when the
 * algorithm does not estimate it), diagnostics by name, and the concerns its self-checks raised.
 *
 * @param samples the posterior samples
 * @param logEvidence the log evidence, or NaN
 * @param logEvidenceError its standard deviation, or NaN
 * @param diagnostics named diagnostics in a stable order
 * @param concerns the failed self-checks, empty for a run that can be trusted
 */
public record SearchRun(
    Samples samples,
    double logEvidence,
    double logEvidenceError,
    Map<String, Double> diagnostics,
    List<Concern> concerns) {
  /** Checks the samples and copies the diagnostics and concerns. */
  public SearchRun {
    Objects.requireNonNull(samples, "samples");
    diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    concerns = List.copyOf(concerns);
  }

  /**
   * A run whose self-checks raised no concern.
   *
   * @param samples the posterior samples
   * @param logEvidence the log evidence, or NaN
   * @param logEvidenceError its standard deviation, or NaN
   * @param diagnostics named diagnostics in a stable order
   */
  public SearchRun(
      Samples samples,
      double logEvidence,
      double logEvidenceError,
      Map<String, Double> diagnostics) {
    this(samples, logEvidence, logEvidenceError, diagnostics, List.of());
  }
}

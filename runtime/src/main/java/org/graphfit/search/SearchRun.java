package org.graphfit.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link SearchEngine} returns: samples, the log evidence and its error (NaN when the
 * algorithm does not estimate it) and diagnostics by name.
 *
 * @param samples the posterior samples
 * @param logEvidence the log evidence, or NaN
 * @param logEvidenceError its standard deviation, or NaN
 * @param diagnostics named diagnostics in a stable order
 */
public record SearchRun(
    Samples samples, double logEvidence, double logEvidenceError, Map<String, Double> diagnostics) {
  /** Checks the samples and copies the diagnostics. */
  public SearchRun {
    Objects.requireNonNull(samples, "samples");
    diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
  }
}

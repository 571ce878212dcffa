package org.graphfit.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link org.graphfit.analysis.Analysis} that audits each finished run of a search on it, with
 * knowledge of its likelihood that a search does not have (a factor graph's joint analysis climbs
 * its factors one by one). Every {@link ProblemSearch} calls it after its run and before the result
 * is built, so the concerns it raises reach the log, {@link Result#trustworthy()} and every file of
 * the fit ({@code model.results}, {@code search.summary}, {@code samples_summary.json}); a
 * completed fit loaded from its folder carries them already and is not audited again. An analysis
 * that does not implement this interface is not audited.
 */
public interface RunAudit {
  /**
   * Audits a finished run. It must not depend on the number of threads of the runner.
   *
   * @param samples the run's samples, with their log-likelihoods
   * @param seed a seed for the audit's random choices: the search's {@code seed} setting, or 0
   * @param runner the fit's threads
   * @return what the audit found
   */
  Findings audit(Samples samples, long seed, TaskRunner runner);

  /**
   * What an audit found: concerns, diagnostics added to the result's, and the likelihood calls it
   * made, added to the result's calls.
   *
   * @param concerns the failed checks, empty when the run passed
   * @param diagnostics named figures in a stable order
   * @param likelihoodCalls the calls of user likelihoods the audit made
   */
  record Findings(List<Concern> concerns, Map<String, Double> diagnostics, long likelihoodCalls) {
    /** Copies the lists and checks the count. */
    public Findings {
      concerns = List.copyOf(concerns);
      diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
      if (likelihoodCalls < 0) {
        throw new IllegalArgumentException(
            "likelihood calls must not be negative but were " + likelihoodCalls);
      }
    }
  }
}

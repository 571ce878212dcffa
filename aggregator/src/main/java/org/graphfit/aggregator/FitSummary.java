package org.graphfit.aggregator;

import java.util.List;
import java.util.Map;
import org.graphfit.search.Concern;

/**
 * The headline figures of a completed fit, read from {@code files/samples_summary.json} (a search)
 * or {@code files/ep_summary.json} (expectation propagation).
 *
 * @param search the search's name, e.g. {@code NestedSampling} or {@code ExpectationPropagation}
 * @param logEvidence the log evidence, NaN if the search does not estimate one
 * @param logEvidenceError its error, NaN if not estimated
 * @param logEvidenceApproximate whether the evidence is an approximation (expectation
 *     propagation's) rather than an estimate with an error
 * @param likelihoodCalls the likelihood calls made, -1 if not recorded (expectation propagation)
 * @param failedCalls the likelihood calls that failed, -1 if not recorded
 * @param seconds the fit's wall time
 * @param trustworthy whether the fit passed its self-checks: the search's or expectation
 *     propagation's own verdict (for EP folders written before EP recorded one: converged with no
 *     failing factor)
 * @param converged whether the search converged, null if it does not say (e.g. an MCMC run)
 * @param sweeps expectation propagation's sweeps, 0 for a search
 * @param concerns why the fit is not trustworthy, empty if it is
 * @param diagnostics the search's diagnostics by name (information, effective sample size...)
 */
public record FitSummary(
    String search,
    double logEvidence,
    double logEvidenceError,
    boolean logEvidenceApproximate,
    long likelihoodCalls,
    long failedCalls,
    double seconds,
    boolean trustworthy,
    Boolean converged,
    int sweeps,
    List<Concern> concerns,
    Map<String, Double> diagnostics) {}

package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;

/** The self-checks of an {@link EpResult} that failed; see {@link EpResult#concerns()}. */
final class EpConcerns {
  /** The noise floor above which converging to it is a concern. */
  static final double NOISE_FLOOR_LIMIT = 0.5;

  /**
   * The sampling bias of a variable's precision above which it is a concern; see {@link
   * EpResult#samplingPrecisionBias(String)}.
   */
  static final double NOISE_BIAS_LIMIT = 0.1;

  /**
   * The relative sd of a variable's precision, from its sampled factors' noise after the averaging
   * sweeps, above which it is a concern; see {@link EpResult#samplingPrecisionNoise(String)}.
   */
  static final double PRECISION_NOISE_LIMIT = 0.1;

  /** The relative sd of every variable's precision at which the averaging sweeps stop. */
  static final double PRECISION_NOISE_TARGET = 0.05;

  /**
   * The share of the first-order precision bias {@code Σ_f Var(v̂_f)/v_f²} that its correction may
   * leave: the weights' variances miss a nested sampler's uncertainty in its prior volumes, and
   * repeated fits of one factor scattered up to 1.44 times as much as they predict.
   */
  static final double UNCORRECTED_BIAS_SHARE = 0.5;

  private EpConcerns() {}

  /**
   * The failed self-checks of a fit.
   *
   * @param result the result, complete but for its concerns
   * @param state the fit's final state
   * @param factors the factors
   * @param tolerance the fit's tolerance
   * @param precisionBias per variable, the sampling bias its correction may leave in its precision
   * @param precisionNoise per variable, the relative sd of its precision after averaging
   * @return the concerns, in the order of the checks above
   */
  static List<Concern> of(
      EpResult result,
      EpState state,
      List<EpFactor> factors,
      double tolerance,
      double[] precisionBias,
      double[] precisionNoise) {
    List<EpSweep> sweeps = result.sweeps();
    Convergence convergence = result.convergence();
    List<Concern> found = new ArrayList<>();
    EpSweep last = sweeps.isEmpty() ? null : sweeps.get(sweeps.size() - 1);
    if (convergence == Convergence.NOT_CONVERGED) {
      List<String> failing = result.failingFactors();
      found.add(
          new Concern(
              Check.CONVERGENCE,
              String.format(
                      Locale.ROOT,
                      "EP stopped after %d sweeps without converging: the last sweep's largest"
                          + " residual is %.3g against the tolerance %.3g",
                      sweeps.size(),
                      last == null ? Double.NaN : last.residual(),
                      tolerance)
                  + (last != null && last.noiseFloor() > 0
                      ? String.format(Locale.ROOT, " and the noise floor %.3g", last.noiseFloor())
                      : "")
                  + (failing.isEmpty() ? "" : "; failing factors: " + names(failing))
                  + "; raise maxSweeps or lower the damping (with sampled factors, raise their"
                  + " live points)"));
    } else if (convergence == Convergence.CONVERGED_TO_NOISE_FLOOR
        && result.noiseFloor() > NOISE_FLOOR_LIMIT) {
      found.add(
          new Concern(
              Check.NOISE_FLOOR,
              String.format(
                  Locale.ROOT,
                  "EP converged only to a noise floor of %.3g (a KL divergence, above %.2g): its"
                      + " sampled factors are so noisy that an update may move a Gaussian's mean"
                      + " by up to about %.2f sd; raise the samplers' live points",
                  result.noiseFloor(),
                  NOISE_FLOOR_LIMIT,
                  Math.sqrt(2 * result.noiseFloor()))));
    }
    List<String> biased = new ArrayList<>();
    List<String> noisy = new ArrayList<>();
    double largestBias = 0;
    double largestNoise = 0;
    for (int v = 0; v < precisionBias.length; v++) {
      if (precisionBias[v] > NOISE_BIAS_LIMIT) {
        biased.add(result.summaries().get(v).path());
        largestBias = Math.max(largestBias, precisionBias[v]);
      }
      if (precisionNoise[v] > PRECISION_NOISE_LIMIT) {
        noisy.add(result.summaries().get(v).path());
        largestNoise = Math.max(largestNoise, precisionNoise[v]);
      }
    }
    if (!biased.isEmpty()) {
      found.add(
          new Concern(
              Check.NOISE_BIAS,
              String.format(
                  Locale.ROOT,
                  "the sampled factors' noise may bias the precision of %s upwards by up to %.0f%%"
                      + " even after its correction (a message's precision is the inverse of a"
                      + " noisy variance, and the biases of the factors sharing a variable add"
                      + " up; the correction removes their first-order part, estimated from the"
                      + " samples' weights, which understate a nested sampler's noise), so their"
                      + " sds may be too small by about %.0f%%; raise the live points per factor"
                      + " (the bias falls as their inverse)",
                  names(biased),
                  100 * largestBias,
                  100 * (1 - 1 / Math.sqrt(1 + largestBias)))));
    }
    if (!noisy.isEmpty()) {
      found.add(
          new Concern(
              Check.NOISE_BIAS,
              String.format(
                  Locale.ROOT,
                  "the sampled factors' noise leaves the precision of %s uncertain by up to %.0f%%"
                      + " (a relative sd, after %d averaging sweeps; the noises of the factors"
                      + " sharing a variable add up), so their sds are uncertain by about %.0f%%;"
                      + " raise maxAveragingSweeps or the live points per factor (the noise's"
                      + " variance falls as the inverse of either)",
                  names(noisy),
                  100 * largestNoise,
                  state.averagedSweeps,
                  50 * largestNoise)));
    }
    List<String> mismatched = new ArrayList<>();
    for (int f = 0; f < factors.size(); f++) {
      if (state.fits[f] == FactorResult.Fit.LAPLACE_MISMATCH
          && state.statuses[f] != UpdateStatus.EXCLUDED) {
        mismatched.add(factors.get(f).name());
      }
    }
    if (!mismatched.isEmpty()) {
      found.add(
          new Concern(
              Check.LAPLACE_MISMATCH,
              "the Laplace fits of "
                  + names(mismatched)
                  + " failed their importance check against the tilted distribution (see their"
                  + " notes in ep_history.csv) and were used anyway: their messages may be"
                  + " overconfident or misplaced; fit them with a sampler"
                  + " (onLaplaceMismatch(SAMPLE), the default, or sampler(...))"));
    }
    if (result.logEvidenceApproximate()) {
      found.add(
          new Concern(
              Check.APPROXIMATE_EVIDENCE,
              "the log evidence is approximate: a factor's message of negative precision to a"
                  + " variable with a bounded prior was set flat, so its site is not its"
                  + " projection"));
    }
    List<String> excluded = result.excludedFactors();
    if (!excluded.isEmpty()) {
      found.add(
          new Concern(
              Check.EXCLUDED_DATA,
              "the fits of "
                  + names(excluded)
                  + " kept failing and were excluded: their data are not in the result"));
    }
    List<String> paths = new ArrayList<>();
    for (VariableSummary summary : result.summaries()) {
      paths.add(summary.path());
    }
    found.addAll(HierarchyCheck.concerns(state.field, factors, paths));
    return found;
  }

  /** At most five names, then how many more. */
  private static String names(List<String> names) {
    return names.size() <= 5
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
  }
}

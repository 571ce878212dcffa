package org.graphfit.ep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graphfit.search.Samples;

/**
 * Everything the EP loop carries from one sweep to the next, written as the checkpoint {@code
 * files/checkpoint.bin} and the completed fit's {@code files/ep_result.bin} ({@link
 * EpStateFormat}): every factor's messages (the global approximation is their product, recomputed
 * at the end of every sweep), each factor's last status, evidence term, whether it has been updated
 * yet (its next update is damped), how often its own fit has failed since its last success, whether
 * its last message was set flat, whether it is fitted by the fallback sampler, the cavity of its
 * last passed Laplace check, how its last fit was made, the noise of its last sampled projection's
 * variances and its last marginal terms, the updates of the sweep not yet handed to the history,
 * the sweep summaries, how the fit converged and the seconds spent. The approximation a sweep's
 * residuals compare against is taken per update, so nothing else crosses a sweep boundary; factor
 * seeds depend only on {@code (seed, sweep, factor)}. The full history is not held: it goes to a
 * {@link MemoryHistory} or the fit's history file after every sweep.
 */
final class EpState {
  final MeanField field;
  final UpdateStatus[] statuses;

  /** Per factor, {@code log s_f} of its scaled site; see {@link #logEvidence()}. */
  final double[] evidenceTerms;

  final boolean[] updated;

  /** Per factor, how often its own fit has failed since its last success. */
  final int[] failures;

  /** Per factor, the marginal terms of its last successful update, or null. */
  final MarginalTerm[][] marginalTerms;

  /** Per factor, whether its last successful update set a message of negative precision flat. */
  final boolean[] flattened;

  /**
   * Per factor, the relative variance {@code Var(v̂)/v²} of each projected variance of its last
   * successful sampled update, or null (deterministic updates).
   */
  final double[][] varianceNoise;

  /**
   * Per variable, the sampling noise its approximation carried from sampled factors after the last
   * sweep (see {@link ConvergenceCriterion}).
   */
  final double[] variableNoise;

  /**
   * Per analysis factor, the cavity of its last Laplace fit that passed its check, or null: its
   * next fits are checked only once the cavity has moved away from it.
   */
  final GaussianMessage[][] checkedCavity;

  /** Per analysis factor, whether it is fitted by the fallback sampler from now on. */
  final boolean[] fallback;

  /** Per factor, how its last update was fitted, or null before its first. */
  final FactorResult.Fit[] fits;

  /**
   * Each sampled analysis factor's samples of its last successful update in this process, when its
   * factor keeps them; checkpointed with the rest of the state (see {@link
   * ExpectationPropagation.Builder#keepSearchOutput(boolean)}).
   */
  final Samples[] lastSamples;

  /** Per factor and position in its scope, whether the factor includes that variable's prior. */
  final boolean[][] ownsPrior;

  /** The updates not yet handed to the history: those of the sweep under way. */
  final List<EpUpdate> pending = new ArrayList<>();

  final List<EpSweep> sweeps = new ArrayList<>();
  Convergence convergence = Convergence.NOT_CONVERGED;

  /**
   * The sweeps averaged since EP converged to its noise floor: in the {@code k}-th, each sampled
   * update's message, evidence term and marginal terms are given weight {@code 1/k} against those
   * before, so that they are the average of the {@code k} updates (see {@link
   * ExpectationPropagation.Builder#maxAveragingSweeps(int)}).
   */
  int averagedSweeps;

  /**
   * Per factor, in the averaging sweeps, the average of its sampled updates' log normalisers and of
   * their cavities, or null: its evidence term is {@code log Ẑ - A(cavity · message)} of these and
   * its averaged message, so that the term stays that of the message the approximation holds (the
   * log normaliser {@code A} of a local variable's message, with its mean many sds from zero, moves
   * by nats with the message's noise, and only the same message in the approximation cancels it).
   */
  final double[] averagedLogNormalizer;

  final GaussianMessage[][] averagedCavity;

  /**
   * Per factor and variable, over the averaging sweeps: the number of sampled updates, the sums of
   * their undamped messages' uncorrected precisions (projection's less cavity's) and of their
   * squares, the sum of the projections' uncorrected precisions and that of their means; null for a
   * factor without one. The scatter of repeated fits measures the projection's noise as the weights
   * cannot (see {@link #empiricalNoise}); the message, not the projection, as the cavity moves
   * between sweeps and the projection with it.
   */
  final double[][][] projectionSums;

  /**
   * Per factor, over the averaging sweeps: the number of sampled updates and the sum of the
   * variances of their log normalisers (their samplers' log-evidence errors squared), or null; see
   * {@link #logEvidenceError()}.
   */
  final double[][] logNormalizerSums;

  /** Whether the averaged messages have been corrected by their measured noise. */
  boolean noiseCorrected;

  /** The seconds spent by earlier runs of this fit (0 for a fresh start). */
  double earlierSeconds;

  /** For a state read from bytes, where its history is in the history file; null otherwise. */
  HistoryReference history;

  /**
   * Where a state's history is: its number of updates, the byte length of the prefix of the history
   * file holding them and the prefix's SHA-256.
   *
   * @param count the number of updates
   * @param bytes the length of the prefix
   * @param sha256 the prefix's digest, 32 bytes
   */
  record HistoryReference(long count, long bytes, byte[] sha256) {}

  /**
   * A state with flat messages and no updates yet.
   *
   * @param factors the factors
   * @param variables the number of variables
   */
  EpState(List<EpFactor> factors, int variables) {
    List<List<Integer>> scopes = new ArrayList<>();
    this.ownsPrior = new boolean[factors.size()][];
    for (int f = 0; f < factors.size(); f++) {
      EpFactor factor = factors.get(f);
      scopes.add(factor.variables());
      ownsPrior[f] = new boolean[factor.variables().size()];
      for (int k = 0; k < ownsPrior[f].length; k++) {
        ownsPrior[f][k] = factor.ownsPrior(k);
      }
    }
    this.field = new MeanField(variables, scopes);
    this.variableNoise = new double[variables];
    this.statuses = new UpdateStatus[factors.size()];
    this.evidenceTerms = new double[factors.size()];
    // a factor that never updates contributes no evidence term: the estimate stays NaN
    Arrays.fill(evidenceTerms, Double.NaN);
    this.updated = new boolean[factors.size()];
    this.failures = new int[factors.size()];
    this.marginalTerms = new MarginalTerm[factors.size()][];
    this.flattened = new boolean[factors.size()];
    this.fallback = new boolean[factors.size()];
    this.fits = new FactorResult.Fit[factors.size()];
    this.varianceNoise = new double[factors.size()][];
    this.checkedCavity = new GaussianMessage[factors.size()][];
    this.lastSamples = new Samples[factors.size()];
    this.averagedLogNormalizer = new double[factors.size()];
    this.averagedCavity = new GaussianMessage[factors.size()][];
    this.projectionSums = new double[factors.size()][][];
    this.logNormalizerSums = new double[factors.size()][];
  }

  /**
   * The standard error of the log evidence from the sampled factors' log normalisers, averaged over
   * the averaging sweeps: {@code √(Σ_f Σ_k σ_fk² / K_f²)} with {@code σ_fk} the log-evidence error
   * the sampler reported for the {@code k}-th of the factor's {@code K_f} averaged updates; NaN
   * unless every sampled factor had {@value #LEAST_REPEATS} averaged updates. (Their scatter is no
   * measure: a log normaliser includes that of its cavity, which moves by nats between sweeps.)
   *
   * @return the error, or NaN
   */
  double logEvidenceError() {
    double variance = 0;
    boolean any = false;
    for (int f = 0; f < logNormalizerSums.length; f++) {
      double[] sums = logNormalizerSums[f];
      if (varianceNoise[f] == null) {
        continue;
      }
      if (sums == null || sums[0] < LEAST_REPEATS) {
        return Double.NaN;
      }
      variance += sums[1] / (sums[0] * sums[0]);
      any = true;
    }
    return any ? Math.sqrt(variance) : Double.NaN;
  }

  /**
   * The relative variance of a factor's projected precision measured by the scatter of its updates
   * in the averaging sweeps, {@code Var(λ)/p̄²} of the undamped messages' uncorrected precisions
   * {@code λ = 1/v̂ - 1/v_cavity} relative to the projections' {@code p = 1/v̂}, or NaN with fewer
   * than {@value #LEAST_REPEATS} of them.
   *
   * @param f the factor
   * @param k the position in its scope
   * @return the relative variance or NaN
   */
  double empiricalNoise(int f, int k) {
    double[][] sums = projectionSums[f];
    if (sums == null || sums[k][0] < LEAST_REPEATS) {
      return Double.NaN;
    }
    double count = sums[k][0];
    double mean = sums[k][1] / count;
    double variance = Math.max(0, (sums[k][2] - count * mean * mean) / (count - 1));
    double projection = sums[k][3] / count;
    return variance / (projection * projection);
  }

  /** The fewest updates whose scatter measures a projection's noise. */
  static final int LEAST_REPEATS = 3;

  /**
   * A factor's relative precision variance for the noise and bias estimates: the larger of the
   * weights' estimate of its last update and the measured one.
   */
  private double factorPrecisionNoise(int f, int k) {
    double measured = empiricalNoise(f, k);
    return Double.isNaN(measured) ? varianceNoise[f][k] : Math.max(varianceNoise[f][k], measured);
  }

  /**
   * The state before the first sweep: prior factors' initial messages, analysis factors' latent
   * prior approximations for the variables whose prior they include, exact priors marked {@link
   * UpdateStatus#FIXED} in the history of sweep 1, every other message flat.
   *
   * @param factors the factors
   * @param variables the number of variables
   * @return the state
   */
  static EpState start(List<EpFactor> factors, int variables) {
    EpState state = new EpState(factors, variables);
    for (int f = 0; f < factors.size(); f++) {
      state.field.replace(f, factors.get(f).initialMessages());
    }
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f).isFixed()) {
        // An exact factor equals its message times s_f with log s_f = -A(message), in any cavity.
        state.statuses[f] = UpdateStatus.FIXED;
        state.evidenceTerms[f] = -state.field.message(f, 0).logNormalizer();
        state.pending.add(
            new EpUpdate(
                1,
                factors.get(f).name(),
                UpdateStatus.FIXED,
                0,
                0,
                0,
                state.evidenceTerms[f],
                0,
                ""));
      }
    }
    return state;
  }

  /**
   * The number of sweeps done.
   *
   * @return the count
   */
  int sweepCount() {
    return sweeps.size();
  }

  /**
   * Excludes a factor from further updates. One excluded before any successful update keeps its
   * start, the prior's Gaussian for the variables whose prior it includes and flat messages
   * elsewhere: as with an exact prior factor, its evidence term is then {@code -A(message)} over
   * those variables, so that the estimate is that of the graph without its data.
   *
   * @param f the factor
   */
  void exclude(int f) {
    statuses[f] = UpdateStatus.EXCLUDED;
    if (!updated[f]) {
      evidenceTerms[f] = 0;
      for (int k = 0; k < ownsPrior[f].length; k++) {
        evidenceTerms[f] -= ownsPrior[f][k] ? field.message(f, k).logNormalizer() : 0;
      }
    }
  }

  /**
   * Per variable, the relative variance of its precision that one sweep of its sampled factors'
   * updates gives, {@code Σ_f Var(v̂_f)/v_f²} over their last updates: a message's precision is the
   * inverse of a noisy variance, and the messages of the factors sharing a variable add up.
   *
   * @return one value per variable, 0 for a variable without sampled factors
   */
  double[] sweepPrecisionNoise() {
    double[] noise = new double[field.variableCount()];
    for (int f = 0; f < field.factorCount(); f++) {
      int[] scope = field.scope(f);
      for (int k = 0; varianceNoise[f] != null && k < scope.length; k++) {
        noise[scope[k]] += factorPrecisionNoise(f, k);
      }
    }
    return noise;
  }

  /**
   * Per variable, the precision bias its corrections may leave, as a fraction of the precision:
   * where the averaging sweeps measured the projections' noise, the sum of the measured relative
   * variances times the relative error of a variance from that many repeats, {@code √(2/(K - 1))};
   * otherwise {@code share} of the weights' estimate {@link #sweepPrecisionNoise()}.
   *
   * @param share the share of the weights' first-order bias its correction may leave
   * @return one value per variable
   */
  double[] remainingPrecisionBias(double share) {
    double[] bias = new double[field.variableCount()];
    for (int f = 0; f < field.factorCount(); f++) {
      int[] scope = field.scope(f);
      for (int k = 0; varianceNoise[f] != null && k < scope.length; k++) {
        double measured = empiricalNoise(f, k);
        bias[scope[k]] +=
            Double.isNaN(measured)
                ? share * varianceNoise[f][k]
                : factorPrecisionNoise(f, k) * Math.sqrt(2 / (projectionSums[f][k][0] - 1));
      }
    }
    return bias;
  }

  /**
   * Per variable, the relative variance of its precision left after the sweeps averaged: {@link
   * #sweepPrecisionNoise()} over their number (over 1 before averaging, where the damped messages
   * carry at most one update's noise).
   *
   * @return one value per variable
   */
  double[] precisionNoise() {
    double[] noise = sweepPrecisionNoise();
    for (int v = 0; v < noise.length; v++) {
      noise[v] /= Math.max(1, averagedSweeps);
    }
    return noise;
  }

  /**
   * The EP log evidence {@code A(q) + sum_f log s_f}: the integral of the product of the scaled
   * sites {@code s_f m_f}, each scaled at its last update to its factor's normaliser under the
   * cavity of that update; see {@link EpResult#logEvidence()}.
   */
  double logEvidence() {
    double total = 0;
    for (int v = 0; v < field.variableCount(); v++) {
      total += field.global(v).logNormalizer();
    }
    for (int f = 0; f < field.factorCount(); f++) {
      total += evidenceTerms[f];
    }
    return total;
  }

  /**
   * The state's bytes; see {@link EpStateFormat}.
   *
   * @param identifier the output identifier of the fit, checked when the bytes are read back
   * @param seconds the seconds spent on the fit so far, all runs together
   * @param history where the fit's history is: the updates handed to the history file so far
   * @return the bytes
   */
  byte[] toBytes(String identifier, double seconds, HistoryReference history) {
    return EpStateFormat.toBytes(this, identifier, seconds, history);
  }

  /**
   * Reads a state and checks that it belongs to this fit; see {@link EpStateFormat}.
   *
   * @param bytes the bytes of {@link #toBytes(String, double, HistoryReference)}
   * @param identifier the output identifier of this fit
   * @param factors this fit's factors
   * @param variables this fit's number of variables
   * @return the state
   * @throws IllegalStateException if the bytes are not an EP state of this fit, or are corrupt
   */
  static EpState fromBytes(byte[] bytes, String identifier, List<EpFactor> factors, int variables) {
    return EpStateFormat.fromBytes(bytes, identifier, factors, variables);
  }
}

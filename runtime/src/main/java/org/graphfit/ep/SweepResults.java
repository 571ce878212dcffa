package org.graphfit.ep;

import java.util.List;
import java.util.function.Consumer;
import org.graphfit.log.Log;

/**
 * Applies the results of one sweep, block by block, in task order as the executor hands them over:
 * the message update, the factor's status, failure count and evidence terms, the history.
 */
final class SweepResults implements Consumer<FactorResult> {
  private static final Log LOG = Log.of(ExpectationPropagation.class);

  private final EpSettings settings;
  private final EpState state;
  private final List<EpFactor> factors;
  private final boolean[] quadraturePrior;
  private final int sweep;

  /**
   * In an averaging sweep, the weight {@code 1/k} of the {@code k}-th averaged sweep's sampled
   * updates against the average of those before; 0 otherwise.
   */
  private final double averagingWeight;

  private final String executorName;
  private final EpProgress progress;

  /** The global approximation at the start of the sweep. */
  final List<GaussianMessage> before;

  /** The number of failed updates so far. */
  int failing;

  /** The largest residual so far. */
  double residual;

  /** The largest residual of a sampled update so far. */
  double sampledResidual;

  /** The largest expected sampling noise of a sampled projection so far. */
  double noise;

  /**
   * Whether every deterministic update so far was within the tolerance or within the noise floor of
   * the noise its cavity inherits from sampled factors.
   */
  boolean deterministicWithinFloor = true;

  /** Per variable, the sampling noise its approximation inherited in this sweep. */
  private final double[] inherited;

  private final ConvergenceCriterion criterion;

  /** The seconds of the factor fits so far. */
  double factorSeconds;

  private List<FactorTask> tasks = List.of();
  private int handed;

  SweepResults(
      EpSettings settings,
      EpState state,
      List<EpFactor> factors,
      boolean[] quadraturePrior,
      int sweep,
      double averagingWeight,
      Class<?> executorClass,
      ConvergenceCriterion criterion,
      EpProgress progress) {
    this.settings = settings;
    this.progress = progress;
    this.state = state;
    this.factors = factors;
    this.quadraturePrior = quadraturePrior;
    this.sweep = sweep;
    this.averagingWeight = averagingWeight;
    this.executorName = executorClass.getSimpleName();
    this.before = state.field.globals();
    this.inherited = new double[state.variableNoise.length];
    this.criterion = criterion;
  }

  /**
   * The sampling noise an update's cavity inherits: the largest over its variables of what their
   * approximations carry from sampled factors, in the previous sweep or this one so far.
   */
  private double inheritedNoise(int f) {
    double largest = 0;
    for (int v : state.field.scope(f)) {
      largest = Math.max(largest, Math.max(inherited[v], state.variableNoise[v]));
    }
    return largest;
  }

  /**
   * Adds an applied update's noise to its variables: a message's noise reaches a variable's
   * approximation in proportion to the square of the message's share of the variable's precision,
   * so a factor among thousands that share a variable barely moves it.
   */
  private void propagate(int f, double noise) {
    int[] scope = state.field.scope(f);
    for (int k = 0; k < scope.length; k++) {
      double share =
          Math.min(
              1,
              Math.abs(state.field.message(f, k).precision())
                  / state.field.global(scope[k]).precision());
      inherited[scope[k]] += share * share * noise;
    }
  }

  /**
   * Ends the sweep: what its variables inherited becomes the noise of the next sweep's cavities.
   */
  void endSweep() {
    System.arraycopy(inherited, 0, state.variableNoise, 0, inherited.length);
  }

  void startBlock(List<FactorTask> blockTasks) {
    this.tasks = blockTasks;
    this.handed = 0;
  }

  void endBlock() {
    if (handed != tasks.size()) {
      throw new IllegalStateException(
          executorName + " returned " + handed + " results for " + tasks.size() + " tasks");
    }
  }

  @Override
  public void accept(FactorResult result) {
    if (handed == tasks.size()) {
      throw new IllegalStateException(
          executorName + " returned more results than the " + tasks.size() + " tasks");
    }
    FactorTask task = tasks.get(handed++);
    if (result.factor() != task.factor()) {
      throw new IllegalStateException(
          executorName
              + " returned the result of factor "
              + result.factor()
              + " for the task of factor "
              + task.factor()
              + "; results must come back in task order");
    }
    int f = task.factor();
    boolean averaged = averagingWeight > 0 && result.fit() != null && result.fit().sampled();
    EpUpdate update =
        MessageUpdater.apply(
            state.field,
            before,
            quadraturePrior,
            sweep,
            factors.get(f),
            task,
            result,
            averaged ? 1 - averagingWeight : state.updated[f] ? settings.damping() : 0);
    state.updated[f] |= update.status() == UpdateStatus.OK;
    // an unchecked Laplace fit keeps the verdict of the factor's last check
    if (!(result.fit() == FactorResult.Fit.LAPLACE
        && !task.check()
        && state.fits[f] == FactorResult.Fit.LAPLACE_MISMATCH)) {
      state.fits[f] = result.fit();
    }
    if (update.status() == UpdateStatus.OK
        && task.check()
        && result.fit() == FactorResult.Fit.LAPLACE
        && settings.laplaceMismatch() != LaplaceMismatch.IGNORE) {
      state.checkedCavity[f] = task.cavity();
    }
    if (update.status() == UpdateStatus.OK) {
      state.evidenceTerms[f] =
          averaged ? averagedEvidenceTerm(f, task, result) : update.logEvidenceTerm();
      if (averaged && result.noise() != null) {
        addProjection(f, task, result);
      }
      state.marginalTerms[f] =
          averaged && averagingWeight < 1
              ? averageTerms(state.marginalTerms[f], result.marginalTerms())
              : result.marginalTerms();
      if (result.samples() != null) {
        state.lastSamples[f] = result.samples();
      }
      state.flattened[f] = update.adjustments().contains(UpdateAdjustment.SET_FLAT);
      state.varianceNoise[f] = result.noise() == null ? null : result.noise().variance().clone();
    }
    if (result.fit() == FactorResult.Fit.FALLBACK_SAMPLER && !state.fallback[f]) {
      state.fallback[f] = true;
      LOG.warn(
          "EP factor {}: its Laplace fit does not match its tilted distribution, so it is fitted"
              + " by the fallback sampler from now on ({})",
          factors.get(f).name(),
          result.message());
    }
    state.statuses[f] = update.status();
    // only an analysis factor's own failures count: an improper cavity or result comes from
    // other factors' messages and may pass
    if (update.status() == UpdateStatus.OK) {
      state.failures[f] = 0;
    } else if (isOwnFailure(factors.get(f), update.status())) {
      state.failures[f]++;
    }
    if (state.failures[f] >= settings.maxFailures()) {
      state.exclude(f);
      String note =
          "excluded after " + settings.maxFailures() + " failed fits with no success between";
      LOG.warn("EP factor {} {}: {}", factors.get(f).name(), note, update.message());
      update = update.withNote(note);
    }
    failing += update.status().isFailing() ? 1 : 0;
    residual = Math.max(residual, update.residual());
    if (update.status() == UpdateStatus.OK) {
      double cavityNoise = inheritedNoise(f);
      if (result.fit().sampled()) {
        noise = Math.max(noise, update.noise());
        sampledResidual = Math.max(sampledResidual, update.residual());
        propagate(f, Math.max(update.noise(), cavityNoise));
      } else {
        deterministicWithinFloor &= criterion.within(update.residual(), cavityNoise);
        propagate(f, cavityNoise);
        if (cavityNoise > 0) {
          update = update.withNoise(cavityNoise);
        }
      }
    }
    factorSeconds += update.seconds();
    state.pending.add(update);
    progress.updated(update.residual());
  }

  /**
   * An averaging sweep's evidence term: {@code log Ẑ - A(cavity · message)} of the averages of the
   * log normalisers and cavities of the averaged updates so far and the factor's message, their
   * average (see {@link EpState#averagedLogNormalizer}).
   */
  private double averagedEvidenceTerm(int f, FactorTask task, FactorResult result) {
    GaussianMessage[] cavity = task.cavity();
    double w = state.averagedCavity[f] == null ? 1 : averagingWeight;
    state.averagedLogNormalizer[f] =
        w == 1
            ? result.logNormalizer()
            : (1 - w) * state.averagedLogNormalizer[f] + w * result.logNormalizer();
    GaussianMessage[] averaged = new GaussianMessage[cavity.length];
    GaussianMessage[] messages = new GaussianMessage[cavity.length];
    for (int k = 0; k < cavity.length; k++) {
      averaged[k] =
          w == 1
              ? cavity[k]
              : GaussianMessage.ofNatural(
                  (1 - w) * state.averagedCavity[f][k].precision() + w * cavity[k].precision(),
                  (1 - w) * state.averagedCavity[f][k].shift() + w * cavity[k].shift());
      messages[k] = state.field.message(f, k);
    }
    state.averagedCavity[f] = averaged;
    return MessageUpdater.siteTerm(state.averagedLogNormalizer[f], averaged, messages);
  }

  /**
   * Adds an averaged update's projection and log normaliser to its factor's sums ({@link
   * EpState#projectionSums}, {@link EpState#logNormalizerSums}).
   */
  private void addProjection(int f, FactorTask task, FactorResult result) {
    if (state.logNormalizerSums[f] == null) {
      state.logNormalizerSums[f] = new double[2];
    }
    state.logNormalizerSums[f][0]++;
    state.logNormalizerSums[f][1] += result.noise().logNormalizerVariance();
    GaussianMessage[] moments = result.moments();
    if (state.projectionSums[f] == null) {
      state.projectionSums[f] = new double[moments.length][5];
    }
    for (int k = 0; k < moments.length; k++) {
      double correction = Math.min(SampledFit.MAX_CORRECTION, result.noise().variance()[k]);
      double precision = moments[k].precision() / (1 - correction);
      double message = precision - task.cavity()[k].precision();
      double[] sums = state.projectionSums[f][k];
      sums[0]++;
      sums[1] += message;
      sums[2] += message * message;
      sums[3] += precision;
      sums[4] += moments[k].mean();
    }
  }

  /**
   * An averaging sweep's marginal terms: per variable the weighted average of the average so far
   * and the update's term, or whichever of the two exists.
   */
  private MarginalTerm[] averageTerms(MarginalTerm[] before, MarginalTerm[] update) {
    if (before == null || update == null) {
      return update == null ? before : update;
    }
    MarginalTerm[] averaged = new MarginalTerm[update.length];
    for (int k = 0; k < averaged.length; k++) {
      averaged[k] =
          before[k] == null || update[k] == null
              ? (update[k] == null ? before[k] : update[k])
              : MarginalTerm.average(before[k], update[k], averagingWeight);
    }
    return averaged;
  }

  /** Whether a status is an analysis factor's own failure, which counts towards its exclusion. */
  private static boolean isOwnFailure(EpFactor factor, UpdateStatus status) {
    return factor.isExcludable()
        && (status == UpdateStatus.FAILED || status == UpdateStatus.NON_FINITE_MOMENTS);
  }
}

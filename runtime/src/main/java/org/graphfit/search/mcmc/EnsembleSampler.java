package org.graphfit.search.mcmc;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;

/**
 * The affine-invariant ensemble sampler of Goodman and Weare (2010) with the stretch move, as in
 * emcee, targeting {@code logPrior + logLikelihood} of a {@link SearchProblem}, run as {@link
 * EnsembleSettings#chains()} independent ensembles (chains) so that their agreement can be judged.
 *
 * <p>Each chain is split into two halves that are updated in turn (the red-black scheme of
 * Foreman-Mackey et al. 2013): every walker of one half proposes a stretch towards a random walker
 * of the other, frozen half of the same chain, so the walkers of a half, in every chain, are
 * independent and run concurrently on a {@link TaskRunner}. Each walker draws only from its own
 * generator, derived from its chain's seed, which is derived from the run's seed, so the result is
 * bit-identical for every thread count and a chain is the same whatever the number of chains.
 * Walkers start from independent draws of the prior, or in a ball.
 *
 * <p>Every {@link EnsembleSettings#checkInterval()} steps the sampler estimates the integrated
 * autocorrelation time {@code tau} of every parameter in every chain ({@link AutocorrelationTime})
 * and stops when every chain is longer than {@code tauFactor} of its own tau, the tau estimated
 * over all chains' walkers changed by less than {@code tauTolerance} since the previous check, and,
 * over the steps that would be kept, the rank-normalised split R-hat of every parameter is below
 * {@link EnsembleSettings#maxRHat()} and its bulk and tail effective sample sizes reach {@link
 * EnsembleSettings#minEffectiveSamplesPerChain()} per chain ({@link ChainDiagnostics}). Every
 * {@link EnsembleSettings#checkpointInterval()} steps it saves its complete state, generator states
 * included, to the {@link CheckpointStore}; a run started on a store holding a checkpoint continues
 * from it and ends bit-identical to an uninterrupted run.
 */
public final class EnsembleSampler {
  private final EnsembleSettings settings;

  /**
   * A sampler with the given settings.
   *
   * @param settings the settings
   */
  public EnsembleSampler(EnsembleSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public EnsembleSettings settings() {
    return settings;
  }

  /**
   * Samples the posterior of a problem, continuing from the store's checkpoint if it holds one.
   *
   * @param problem the problem
   * @param runner the threads that evaluate the walkers of a half concurrently
   * @param store where checkpoints are saved and loaded; {@link CheckpointStore#none()} for none
   * @return the samples and diagnostics
   * @throws IllegalArgumentException if the walker count or ball center does not fit the dimension
   * @throws IllegalStateException if no walker start with a finite log posterior is found, or the
   *     checkpoint belongs to another run
   */
  public ChainRun run(SearchProblem problem, TaskRunner runner, CheckpointStore store) {
    ChainProgress progress = ChainProgress.start(settings);
    try {
      return run(problem, runner, store, progress);
    } finally {
      progress.finish();
    }
  }

  private ChainRun run(
      SearchProblem problem, TaskRunner runner, CheckpointStore store, ChainProgress progress) {
    long start = System.nanoTime();
    int dimension = problem.dimension();
    int chains = settings.chains();
    int walkers = settings.walkers(dimension);
    long callsAtStart = problem.failures().calls();
    EnsembleState state =
        store
            .load()
            .map(
                bytes ->
                    EnsembleState.fromBytes(bytes, dimension, chains, walkers, settings.seed()))
            .orElseGet(() -> initialize(problem, runner, dimension, chains, walkers));
    long callsBefore = state.likelihoodCalls;
    while (!state.converged && state.steps() < settings.maxSteps()) {
      step(problem, runner, state, 0);
      step(problem, runner, state, 1);
      state.record();
      int steps = state.steps();
      progress.step(steps, callsBefore + problem.failures().calls() - callsAtStart);
      if (steps % settings.checkInterval() == 0) {
        checkConvergence(runner, state, progress);
      }
      if (steps % settings.checkpointInterval() == 0) {
        state.likelihoodCalls = callsBefore + problem.failures().calls() - callsAtStart;
        store.save(state.toBytes());
      }
    }
    state.likelihoodCalls = callsBefore + problem.failures().calls() - callsAtStart;
    return result(runner, state, Duration.ofNanos(System.nanoTime() - start));
  }

  private EnsembleState initialize(
      SearchProblem problem, TaskRunner runner, int dimension, int chains, int walkers) {
    EnsembleState state = new EnsembleState(dimension, chains, walkers, settings.seed());
    double[] center = ballCenter(problem, dimension);
    int total = state.totalWalkers();
    boolean[] found = new boolean[total];
    runner.runAll(
        total,
        k -> {
          UniformRandomProvider rng = state.generators[k];
          ZigguratSampler.NormalizedGaussian gaussian =
              settings.initialization() == EnsembleSettings.Initialization.BALL
                  ? ZigguratSampler.NormalizedGaussian.of(rng)
                  : null;
          double[] x = new double[dimension];
          double[] unit = new double[dimension];
          double[] values = new double[2];
          for (int attempt = 0; attempt < settings.maxStartTries() && !found[k]; attempt++) {
            if (gaussian != null) {
              for (int i = 0; i < dimension; i++) {
                x[i] = center[i] + settings.ballWidth() * gaussian.sample();
              }
            } else {
              for (int i = 0; i < dimension; i++) {
                unit[i] = rng.nextDouble();
              }
              problem.vectorFromUnit(unit, x);
            }
            evaluate(problem, x, values);
            if (values[1] > Double.NEGATIVE_INFINITY) {
              System.arraycopy(x, 0, state.positions, k * dimension, dimension);
              state.logLikelihoods[k] = values[0];
              state.logPosteriors[k] = values[1];
              found[k] = true;
            }
          }
        });
    for (int k = 0; k < total; k++) {
      if (!found[k]) {
        String failure = problem.failures().firstMessage();
        throw new IllegalStateException(
            "no valid start: walker "
                + (k % walkers)
                + " of chain "
                + (k / walkers)
                + " found no point with a finite log posterior in "
                + settings.maxStartTries()
                + " draws "
                + (center == null ? "from the prior" : "around " + Arrays.toString(center))
                + "; "
                + (failure == null
                    ? "the prior or the likelihood was -infinity at every draw"
                    : "first likelihood failure: " + failure));
      }
    }
    return state;
  }

  private double[] ballCenter(SearchProblem problem, int dimension) {
    if (settings.initialization() != EnsembleSettings.Initialization.BALL) {
      return null;
    }
    double[] center = settings.ballCenter();
    if (center.length != dimension) {
      throw new IllegalArgumentException(
          "the ball center has "
              + center.length
              + " values but the problem has dimension "
              + dimension);
    }
    return center;
  }

  /**
   * Moves every walker of one half of every chain by a stretch towards a walker of the other half
   * of the same chain.
   */
  private void step(SearchProblem problem, TaskRunner runner, EnsembleState state, int half) {
    int dimension = state.dimension;
    int walkers = state.walkers;
    int halfSize = walkers / 2;
    double a = settings.stretchScale();
    double[] positions = state.positions;
    runner.runAll(
        state.chains * halfSize,
        task -> {
          int chain = task / halfSize;
          int k = chain * walkers + half * halfSize + task % halfSize;
          UniformRandomProvider rng = state.generators[k];
          int j = chain * walkers + (1 - half) * halfSize + rng.nextInt(halfSize);
          double root = (a - 1) * rng.nextDouble() + 1;
          double z = root * root / a;
          double logU = Math.log(rng.nextDouble());
          double[] proposal = new double[dimension];
          for (int d = 0; d < dimension; d++) {
            double other = positions[j * dimension + d];
            proposal[d] = other + z * (positions[k * dimension + d] - other);
          }
          double[] values = new double[2];
          evaluate(problem, proposal, values);
          double logAccept = (dimension - 1) * Math.log(z) + values[1] - state.logPosteriors[k];
          if (logU < logAccept) {
            System.arraycopy(proposal, 0, positions, k * dimension, dimension);
            state.logLikelihoods[k] = values[0];
            state.logPosteriors[k] = values[1];
            state.accepted[k]++;
          }
        });
  }

  /**
   * Writes the log-likelihood and log posterior; the likelihood is skipped where the prior is 0.
   */
  private static void evaluate(SearchProblem problem, double[] x, double[] values) {
    double logPrior = problem.logPrior(x);
    double logLikelihood =
        logPrior > Double.NEGATIVE_INFINITY ? problem.logLikelihood(x) : Double.NEGATIVE_INFINITY;
    values[0] = logLikelihood;
    values[1] = logPrior + logLikelihood;
  }

  /**
   * The stop rule: every chain longer than {@code tauFactor} of its own autocorrelation times, the
   * autocorrelation times estimated over all chains' walkers stable since the last check, then
   * R-hat and the effective sample sizes over the steps that would be kept. The mixing diagnostics
   * are only computed once the length rule holds.
   */
  private void checkConvergence(TaskRunner runner, EnsembleState state, ChainProgress progress) {
    Times times = autocorrelationTimes(runner, state);
    progress.tau(times.byChain);
    boolean converged = state.lastTau != null;
    for (int i = 0; i < times.pooled.length && converged; i++) {
      converged =
          Math.abs(state.lastTau[i] - times.pooled[i]) < settings.tauTolerance() * times.pooled[i];
    }
    for (int i = 0; i < times.byChain.length && converged; i++) {
      converged = settings.tauFactor() * times.byChain[i] < state.steps();
    }
    if (settings.burnIn() != EnsembleSettings.AUTOMATIC && state.steps() <= settings.burnIn()) {
      converged = false;
    }
    state.lastTau = times.pooled;
    if (converged) {
      Window window = window(state, largestOverChains(state, times.byChain));
      ChainDiagnostics[] diagnostics = diagnostics(runner, state, window);
      if (diagnostics != null) {
        progress.rHat(diagnostics);
      }
      converged = diagnostics != null && mixed(diagnostics, state.chains);
    }
    state.converged = converged;
  }

  /** Whether every parameter's R-hat and effective sample sizes meet the settings' limits. */
  private boolean mixed(ChainDiagnostics[] diagnostics, int chains) {
    double minEss = settings.minEffectiveSamplesPerChain() * chains;
    for (ChainDiagnostics d : diagnostics) {
      if (!(d.rHat() < settings.maxRHat())
          || !(d.bulkEffectiveSampleSize() >= minEss)
          || !(d.tailEffectiveSampleSize() >= minEss)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Autocorrelation times in steps: {@code byChain[chain * dimension + parameter]} from each
   * chain's walkers, {@code pooled[parameter]} from all walkers of all chains; NaN before two
   * steps.
   */
  private record Times(double[] byChain, double[] pooled) {}

  private static Times autocorrelationTimes(TaskRunner runner, EnsembleState state) {
    int dimension = state.dimension;
    double[] byChain = new double[state.chains * dimension];
    double[] pooled = new double[dimension];
    if (state.steps() < 2) {
      Arrays.fill(byChain, Double.NaN);
      Arrays.fill(pooled, Double.NaN);
      return new Times(byChain, pooled);
    }
    double[][] rho = new double[byChain.length][];
    runner.runAll(
        byChain.length,
        i -> {
          rho[i] =
              AutocorrelationTime.meanAutocorrelation(
                  state.walkerChains(i / dimension, i % dimension));
          byChain[i] =
              AutocorrelationTime.windowedTime(rho[i], AutocorrelationTime.DEFAULT_WINDOW_CONSTANT);
        });
    for (int i = 0; i < dimension; i++) {
      double[] mean = new double[state.steps()];
      for (int c = 0; c < state.chains; c++) {
        double[] chainRho = rho[c * dimension + i];
        for (int t = 0; t < mean.length; t++) {
          mean[t] += chainRho[t] / state.chains;
        }
      }
      pooled[i] =
          AutocorrelationTime.windowedTime(mean, AutocorrelationTime.DEFAULT_WINDOW_CONSTANT);
    }
    return new Times(byChain, pooled);
  }

  /** Per parameter, the largest autocorrelation time over the chains (NaN if one is NaN). */
  private static double[] largestOverChains(EnsembleState state, double[] tauByChain) {
    double[] tau = new double[state.dimension];
    Arrays.fill(tau, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < tauByChain.length; i++) {
      tau[i % state.dimension] = Math.max(tau[i % state.dimension], tauByChain[i]);
    }
    return tau;
  }

  /** The kept steps: {@code first, first + thin, ...}, {@code count} of them. */
  private record Window(int burnIn, int thin, int first, int count) {}

  private Window window(EnsembleState state, double[] tau) {
    int steps = state.steps();
    boolean tauKnown = Arrays.stream(tau).allMatch(Double::isFinite);
    double maxTau = tauKnown ? Arrays.stream(tau).max().orElse(0) : steps / 4.0;
    double minTau = tauKnown ? Arrays.stream(tau).min().orElse(0) : 1;
    int burnIn =
        settings.burnIn() == EnsembleSettings.AUTOMATIC
            ? Math.min((int) (2 * maxTau), steps / 2)
            : Math.min(settings.burnIn(), steps - 1);
    int thin =
        settings.thin() == EnsembleSettings.AUTOMATIC
            ? Math.max(1, (int) (0.5 * minTau))
            : settings.thin();
    int first = Math.min(burnIn + thin - 1, steps - 1);
    int count = first >= 0 && first < steps ? (steps - 1 - first) / thin + 1 : 0;
    return new Window(burnIn, thin, first, count);
  }

  /** The diagnostics of every parameter over the kept steps; null for fewer than 4 of them. */
  private static ChainDiagnostics[] diagnostics(
      TaskRunner runner, EnsembleState state, Window window) {
    if (window.count() < 4) {
      return null;
    }
    ChainDiagnostics[] diagnostics = new ChainDiagnostics[state.dimension];
    runner.runAll(
        diagnostics.length,
        i -> diagnostics[i] = ChainDiagnostics.of(state.draws(i, window.first(), window.thin())));
    return diagnostics;
  }

  private ChainRun result(TaskRunner runner, EnsembleState state, Duration wallTime) {
    int steps = state.steps();
    int chains = state.chains;
    int walkers = state.walkers;
    int dimension = state.dimension;
    double[] tauByChain = autocorrelationTimes(runner, state).byChain;
    double[] tau = largestOverChains(state, tauByChain);
    Window window = window(state, tau);
    ChainDiagnostics[] diagnostics = diagnostics(runner, state, window);
    int total = state.totalWalkers();
    double[][] samples = new double[window.count() * total][];
    double[] logLikelihoods = new double[samples.length];
    double[] logPosteriors = new double[samples.length];
    int n = 0;
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < window.count(); i++) {
        int t = window.first() + i * window.thin();
        double[] row = state.chainPositions.get(t);
        for (int k = c * walkers; k < (c + 1) * walkers; k++, n++) {
          samples[n] = Arrays.copyOfRange(row, k * dimension, (k + 1) * dimension);
          logLikelihoods[n] = state.chainLogLikelihoods.get(t)[k];
          logPosteriors[n] = state.chainLogPosteriors.get(t)[k];
        }
      }
    }
    double[][] tauPerChain = new double[chains][];
    for (int c = 0; c < chains; c++) {
      tauPerChain[c] = Arrays.copyOfRange(tauByChain, c * dimension, (c + 1) * dimension);
    }
    long accepted = Arrays.stream(state.accepted).sum();
    return new ChainRun(
        samples,
        logLikelihoods,
        logPosteriors,
        steps == 0 ? 0 : accepted / ((double) steps * total),
        tauPerChain,
        diagnostics,
        steps,
        chains,
        walkers,
        window.burnIn(),
        window.thin(),
        state.likelihoodCalls,
        state.converged,
        wallTime);
  }
}

package org.graphfit.search.nested;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.LikelihoodFailures;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;

/**
 * Static nested sampling (Skilling 2004) in the unit cube, after dynesty.
 *
 * <p>{@code nLive} points are drawn from the prior; at each iteration the worst is recorded as a
 * dead point with prior volume {@code X_i = exp(-i / nLive)} and trapezoid weight, and replaced by
 * a point of higher likelihood. Sampling starts in the whole cube and switches to the configured
 * bound once enough calls were made and the efficiency fell (dynesty's first update); the bound is
 * refitted every {@link NestedSettings#updateInterval(NestedSettings.Sample, int)} calls, or sooner
 * for uniform proposals when the efficiency drops. The run stops when the estimated remaining
 * evidence {@code log(1 + L_max X / Z)} is below {@code dlogz}, and the final live points are
 * added.
 *
 * <p>Replacements are proposed in batches of {@link NestedSettings#batchSize()} evaluated on the
 * runner's threads; every proposal of a batch gets its own generator, split off the main one by a
 * jump, and the batch's proposals are used in slot order (a proposal no longer above the rising
 * constraint is discarded), so the result depends on the seed and the batch size but not on the
 * thread count. The proposal scale of walks and slices adapts once per batch, from the moves of all
 * its proposals. The whole state is saved to the checkpoint store between batches and a run resumes
 * from it.
 */
public final class NestedSampler {
  private final NestedSettings settings;
  private final ProposalPolicy policy;

  /**
   * A sampler with the given settings.
   *
   * @param settings the settings
   */
  public NestedSampler(NestedSettings settings) {
    this.settings = settings;
    this.policy = new ProposalPolicy(settings);
  }

  /**
   * The proposal method a run in the given dimension starts with: the configured one, or the one
   * {@link NestedSettings.Sample#AUTO} chooses by dimension.
   *
   * @param dimension the problem's dimension
   * @return a method other than {@code AUTO}
   */
  public NestedSettings.Sample firstMethod(int dimension) {
    return policy.first(dimension);
  }

  /**
   * Runs on the caller's thread without checkpoints.
   *
   * @param problem the problem
   * @return the run
   */
  public NestedRun run(SearchProblem problem) {
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      return run(problem, runner, CheckpointStore.none());
    }
  }

  /**
   * Runs, continuing from the store's checkpoint if it holds one and saving there every {@link
   * NestedSettings#checkpointInterval()} iterations.
   *
   * @param problem the problem
   * @param runner the threads on which batches of proposals are evaluated
   * @param store where the state is saved and from where it is resumed
   * @return the run
   * @throws IllegalArgumentException if {@code nLive} does not exceed the dimension with an
   *     ellipsoid bound
   * @throws IllegalStateException if no live point with a finite log-likelihood can be drawn from
   *     the prior, or if the checkpoint belongs to another run
   */
  public NestedRun run(SearchProblem problem, TaskRunner runner, CheckpointStore store) {
    NestedProgress progress = NestedProgress.start(settings);
    try {
      return run(problem, runner, store, progress);
    } finally {
      progress.finish();
    }
  }

  private NestedRun run(
      SearchProblem problem, TaskRunner runner, CheckpointStore store, NestedProgress progress) {
    long startNanos = System.nanoTime();
    SamplerState state = begin(problem, runner, store);
    double elapsedBefore = state.elapsedSeconds;
    advance(problem, runner, store, progress, state);
    return finish(problem, state, elapsedBefore + (System.nanoTime() - startNanos) * 1e-9);
  }

  /**
   * The state a run starts from: the store's checkpoint if it holds one, otherwise live points
   * drawn from the prior.
   */
  SamplerState begin(SearchProblem problem, TaskRunner runner, CheckpointStore store) {
    int dim = problem.dimension();
    int liveCount = settings.nLive();
    if (settings.bound() != NestedSettings.Bound.NONE && liveCount <= dim) {
      throw new IllegalArgumentException(
          "nLive ("
              + liveCount
              + ") must exceed the dimension ("
              + dim
              + ") to fit bounding ellipsoids");
    }
    Optional<byte[]> saved = store.load();
    return saved.isPresent()
        ? SamplerState.read(saved.get(), dim, liveCount, settings.seed())
        : initialState(problem, runner, policy.first(dim));
  }

  /**
   * Replaces live points until the run is finished, saving the state to the store every {@link
   * NestedSettings#checkpointInterval()} iterations and once more at the end, so that a finished
   * run resumes without a likelihood call.
   */
  void advance(
      SearchProblem problem,
      TaskRunner runner,
      CheckpointStore store,
      NestedProgress progress,
      SamplerState state) {
    long startNanos = System.nanoTime();
    int dim = problem.dimension();
    int liveCount = settings.nLive();
    boolean checkpointing = store != CheckpointStore.none();
    double elapsedBefore = state.elapsedSeconds;
    int batch = settings.batchSize();
    double logShell = Math.log(-Math.expm1(-1.0 / liveCount));
    Proposal[] proposals = new Proposal[batch];
    UniformRandomProvider[] generators = new UniformRandomProvider[batch];
    int[] batchSerials = new int[liveCount];
    while (!finished(state)) {
      progress.update(state);
      if (checkpointing
          && state.iteration - state.lastCheckpoint >= settings.checkpointInterval()) {
        state.lastCheckpoint = state.iteration;
        state.elapsedSeconds = elapsedBefore + (System.nanoTime() - startNanos) * 1e-9;
        store.save(state.write());
      }
      updateBound(state);
      NestedSettings.Sample method = state.method;
      double logLStar = state.liveLogL[state.worst()];
      Proposer proposer =
          new Proposer(
              problem,
              state.bounded ? method : NestedSettings.Sample.UNIFORM,
              state.bounded ? state.bound : null,
              state.liveUnits,
              state.liveLogL,
              state.scale,
              settings.walks(),
              settings.slices(method, dim));
      for (int slot = 0; slot < batch; slot++) {
        generators[slot] = state.jumpableRng().jump();
      }
      System.arraycopy(state.liveSerials, 0, batchSerials, 0, liveCount);
      runner.runAll(batch, slot -> proposals[slot] = proposer.propose(generators[slot], logLStar));
      long batchBegin = state.iteration;
      for (Proposal proposal : proposals) {
        state.calls += proposal.calls();
        if (!converged(state) && proposal.logL() > state.liveLogL[state.worst()]) {
          int parent = proposal.start() < 0 ? -1 : batchSerials[proposal.start()];
          state.replaceWorst(proposal, state.logVolume() + logShell, parent, batchBegin);
          state.stuckProposals += proposal.stuck() ? 1 : 0;
        }
      }
      adaptScale(state, method, proposals);
    }
    if (checkpointing) {
      state.lastCheckpoint = state.iteration;
      state.elapsedSeconds = elapsedBefore + (System.nanoTime() - startNanos) * 1e-9;
      store.save(state.write());
    }
  }

  private boolean finished(SamplerState state) {
    return state.calls >= settings.maxCalls() || converged(state);
  }

  private boolean converged(SamplerState state) {
    return state.iteration >= settings.maxIterations()
        || state.remainingLogZ() < settings.dlogz()
        || state.liveLogL[state.worst()] > state.stopLogL;
  }

  /**
   * Draws the initial live points from the prior, redrawing those with non-finite likelihood; the
   * fraction of draws kept is the prior volume the live points start from.
   */
  private SamplerState initialState(
      SearchProblem problem, TaskRunner runner, NestedSettings.Sample method) {
    int dim = problem.dimension();
    int liveCount = settings.nLive();
    SamplerState state = new SamplerState(dim, liveCount, settings.seed());
    state.method = method;
    int[] pending = new int[liveCount];
    Arrays.setAll(pending, i -> i);
    int pendingCount = liveCount;
    long maxDraws = 1000L * liveCount;
    long draws = 0;
    while (pendingCount > 0) {
      if (draws >= maxDraws) {
        throw noFiniteLivePoints(problem, liveCount - pendingCount, liveCount, draws);
      }
      for (int k = 0; k < pendingCount; k++) {
        double[] unit = state.liveUnits[pending[k]];
        for (int i = 0; i < dim; i++) {
          unit[i] = state.rng.nextDouble();
        }
      }
      int[] batch = Arrays.copyOf(pending, pendingCount);
      runner.runAll(
          batch.length,
          k -> {
            int index = batch[k];
            problem.vectorFromUnit(state.liveUnits[index], state.liveVectors[index]);
            state.liveLogL[index] = problem.logLikelihood(state.liveVectors[index]);
          });
      draws += batch.length;
      pendingCount = 0;
      for (int index : batch) {
        if (!(state.liveLogL[index] > Double.NEGATIVE_INFINITY)) {
          pending[pendingCount++] = index;
        }
      }
    }
    state.calls = draws;
    state.logInitialVolume = Math.log((double) liveCount / draws);
    state.indexLivePoints();
    return state;
  }

  private static IllegalStateException noFiniteLivePoints(
      SearchProblem problem, int found, int liveCount, long draws) {
    LikelihoodFailures failures = problem.failures();
    String cause =
        failures.firstMessage() == null
            ? "the log-likelihood was negative infinity at every point tried"
            : failures.failures()
                + " likelihood calls failed, the first with: "
                + failures.firstMessage();
    return new IllegalStateException(
        "could not draw live points with a finite log-likelihood from the prior: only "
            + found
            + " of "
            + liveCount
            + " live points were found in "
            + draws
            + " draws; "
            + cause);
  }

  /** Switches from the cube to the bound (first update) and refits the bound when due. */
  private void updateBound(SamplerState state) {
    NestedSettings.Sample method = state.method;
    long interval = settings.updateInterval(method, state.dim);
    if (!state.bounded) {
      if (settings.bound() == NestedSettings.Bound.NONE
          && method == NestedSettings.Sample.UNIFORM) {
        return;
      }
      double efficiency = (double) state.iteration / state.calls;
      if (state.calls < settings.firstUpdateCalls()
          || efficiency >= settings.firstUpdateEfficiency()) {
        return;
      }
      state.bounded = true;
    } else if (!updateDue(state, method, interval)) {
      return;
    }
    long callsSince = state.calls - state.callsAtUpdate;
    state.lastEfficiency =
        state.bound == null || callsSince == 0
            ? Double.NaN
            : (double) (state.iteration - state.iterationAtUpdate) / callsSince;
    state.callsAtUpdate = state.calls;
    state.iterationAtUpdate = state.iteration;
    state.method = policy.next(method, state.lastEfficiency, state.dim);
    state.bound = fitBound(state);
  }

  /**
   * The bound of the live points. Uniform proposals draw inside it, so it is the configured kind,
   * each ellipsoid grown by its cross-validated expansion (or the fixed enlargement, whichever is
   * larger). Walks and slices use it only as the metric of their moves, which must not depend on
   * where a move starts (a move from a point in one ellipsoid to a point in another, shaped by the
   * first, is not reversed with the same probability, and the chain's stationary distribution is no
   * longer uniform in the constrained prior); they get the single ellipsoid of all live points.
   */
  Bound fitBound(SamplerState state) {
    NestedSettings.Bound kind = settings.bound();
    if (kind == NestedSettings.Bound.NONE) {
      return new Bound(
          new Ellipsoid[] {Ellipsoid.ball(filled(state.dim, 0.5), 0.5 * Math.sqrt(state.dim))});
    }
    double logPointVolume = logPointVolume(state);
    if (state.method != NestedSettings.Sample.UNIFORM) {
      return Bound.fit(state.liveUnits, false, logPointVolume, settings.enlarge());
    }
    return Bound.fit(
        state.liveUnits,
        kind == NestedSettings.Bound.MULTI,
        logPointVolume,
        settings.enlarge(),
        settings.folds(state.dim),
        state.rng);
  }

  /**
   * Whether the bound should be refitted: every {@code interval} calls, or for uniform proposals
   * early when, after at least {@code nLive / 4} calls, the efficiency since the last fit has
   * dropped below half the efficiency of the interval before it.
   */
  private boolean updateDue(SamplerState state, NestedSettings.Sample method, long interval) {
    long calls = state.calls - state.callsAtUpdate;
    if (calls >= interval) {
      return true;
    }
    return method == NestedSettings.Sample.UNIFORM
        && calls >= state.liveCount / 4
        && state.iteration - state.iterationAtUpdate < 0.5 * state.lastEfficiency * calls;
  }

  private static double logPointVolume(SamplerState state) {
    return state.logVolume() - Math.log(state.liveCount);
  }

  private static double[] filled(int length, double value) {
    double[] values = new double[length];
    Arrays.fill(values, value);
    return values;
  }

  /**
   * Adapts the proposal scale once per batch from the moves of all its proposals, as dynesty does
   * with its queue: random walks by one Newton step towards acceptance one half, slices towards as
   * many step-outs as shrinks. The batch's proposals all moved with the same scale, so they are one
   * measurement: one step per proposal would take as many steps on it as there are proposals,
   * overshoot and leave the scale oscillating from batch to batch (at 12 proposals the log scale
   * jumped by 0.33 a batch, acceptance from about 0.3 to 0.7 and back), and walks that accept too
   * few or too short steps move too little, which narrows the posterior. With one proposal a batch
   * this is the step of each proposal.
   */
  private static void adaptScale(
      SamplerState state, NestedSettings.Sample method, Proposal[] proposals) {
    if (method == NestedSettings.Sample.RWALK) {
      long accepted = 0;
      long moves = 0;
      for (Proposal proposal : proposals) {
        accepted += proposal.accepted();
        moves += proposal.accepted() + proposal.rejected();
      }
      if (moves > 0) {
        double acceptance = (double) accepted / moves;
        state.scale *= Math.exp((acceptance - 0.5) / (0.5 * state.dim));
      }
    } else if (method == NestedSettings.Sample.SLICE || method == NestedSettings.Sample.RSLICE) {
      long expansions = 0;
      long moves = 0;
      for (Proposal proposal : proposals) {
        expansions += proposal.expansions();
        moves += proposal.expansions() + proposal.contractions();
      }
      if (moves > 0) {
        double factor = 2.0 * expansions / moves;
        state.scale *= Math.min(3, Math.max(1.0 / 3, factor));
      }
    }
  }

  /** Adds the final live points in order of increasing likelihood and assembles the run. */
  NestedRun finish(SearchProblem problem, SamplerState state, double seconds) {
    double remainingLogZ = state.remainingLogZ();
    boolean converged = remainingLogZ < settings.dlogz();
    int liveCount = state.liveCount;
    long iterations = state.iteration;
    Integer[] order = new Integer[liveCount];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(state.liveLogL[a], state.liveLogL[b]));
    double logWidth = state.logVolume() - Math.log(liveCount + 1.0);
    for (int index : order) {
      state.addDead(
          state.liveUnits[index],
          state.liveVectors[index],
          state.liveLogL[index],
          logWidth,
          state.liveSerials[index]);
    }
    int n = state.deadCount;
    int dim = state.dim;
    double logZ = state.logZ;
    double[][] vectors = new double[n][];
    double[][] units = new double[n][];
    double[] logL = Arrays.copyOf(state.deadLogL, n);
    double[] logWeights = new double[n];
    double information = 0;
    for (int k = 0; k < n; k++) {
      vectors[k] = Arrays.copyOfRange(state.deadVectors, k * dim, (k + 1) * dim);
      units[k] = Arrays.copyOfRange(state.deadUnits, k * dim, (k + 1) * dim);
      logWeights[k] = state.deadLogWeights[k] - logZ;
      information += Math.exp(logWeights[k]) * logL[k];
    }
    information = Math.max(0, information - logZ);
    LikelihoodFailures failures = problem.failures();
    Lineages lineages =
        Lineages.of(
            Arrays.copyOf(state.parents, liveCount + (int) iterations),
            Arrays.copyOf(state.deadSerials, n),
            Arrays.copyOf(state.replacedSlots, (int) iterations),
            Arrays.copyOf(state.batchBegins, (int) iterations),
            logWeights,
            liveCount,
            settings.seed());
    return new NestedRun(
        vectors,
        units,
        logL,
        logWeights,
        logZ,
        Math.sqrt(information / liveCount + lineages.excessVariance()),
        information,
        iterations,
        state.calls,
        seconds,
        failures.failures(),
        failures.firstMessage(),
        remainingLogZ,
        converged,
        state.stuckProposals,
        Arrays.copyOf(state.insertionRanks, state.rankCount),
        lineages,
        liveCount);
  }
}

package org.graphfit.search.nested;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.log.Log;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;

/**
 * Dynamic nested sampling (Higson et al. 2019; dynesty's {@code DynamicNestedSampler}): a static
 * run of {@link NestedSettings#nLive()} live points, then batches of {@link
 * NestedSettings#batchLiveCount()} live points over the likelihood range where the weight function
 * ({@link MergedRun#nextRange(double, int)}) of the runs so far is largest, each merged with the
 * runs before into one run with a varying number of live points ({@link MergedRun}), until Kish's
 * effective sample size reaches {@link NestedSettings#targetEffectiveSamples()}, {@link
 * NestedSettings#maxBatches()} batches were added or {@link NestedSettings#maxCalls()} calls were
 * spent (checked between batches).
 *
 * <p>A batch starting above the prior needs live points drawn from the prior above its lowest
 * likelihood {@code L_min}. It picks up to {@code nBatch} distinct starting points among the merged
 * points above {@code L_min}, each with probability proportional to the prior volume of its shell
 * (so that they are spread like the constrained prior), fits the bound to them and makes one
 * proposal per live point above {@code L_min} with the static run's method and proposal scale:
 * uniform draws within the bound, or a walk or slice from a starting point. The batch then runs as
 * a static run, starting within its bound, until its worst live point is above its highest
 * likelihood, and its final live points are added.
 *
 * <p>The static run checkpoints as usual; after it and after every batch the whole state (the
 * static run's final state and every batch's points) is saved, so an interrupted fit resumes from
 * the last completed batch and repeats the uninterrupted one exactly: each batch draws from its own
 * generator, seeded from the seed and the batch's number, in batches of proposals as the static run
 * does, so the result does not depend on the thread count.
 */
public final class DynamicNestedSampler {
  private static final Log LOG = Log.of(DynamicNestedSampler.class);
  private static final int MAGIC = 0x44594e53; // "DYNS"
  private static final int VERSION = 1;

  private final NestedSettings settings;

  /**
   * A sampler with the given settings.
   *
   * @param settings the settings, dynamic or not (a static one adds no batch)
   */
  public DynamicNestedSampler(NestedSettings settings) {
    this.settings = settings;
  }

  /**
   * Runs on the caller's thread without checkpoints.
   *
   * @param problem the problem
   * @return the run
   */
  public DynamicRun run(SearchProblem problem) {
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      return run(problem, runner, CheckpointStore.none());
    }
  }

  /**
   * Runs, continuing from the store's checkpoint if it holds one.
   *
   * @param problem the problem
   * @param runner the threads on which batches of proposals are evaluated
   * @param store where the state is saved and from where it is resumed
   * @return the run
   * @throws IllegalArgumentException if {@code nLive} or {@code batchLiveCount} does not exceed the
   *     dimension with an ellipsoid bound
   * @throws IllegalStateException if the checkpoint belongs to another run or is corrupt
   */
  public DynamicRun run(SearchProblem problem, TaskRunner runner, CheckpointStore store) {
    long startNanos = System.nanoTime();
    int dim = problem.dimension();
    if (settings.dynamic()
        && settings.bound() != NestedSettings.Bound.NONE
        && settings.batchLiveCount() <= dim) {
      throw new IllegalArgumentException(
          "batchLiveCount ("
              + settings.batchLiveCount()
              + ") must exceed the dimension ("
              + dim
              + ") to fit bounding ellipsoids");
    }
    NestedSampler sampler = new NestedSampler(settings);
    boolean checkpointing = store != CheckpointStore.none();
    Optional<byte[]> saved = store.load();
    Resumed resumed =
        saved.isPresent() && isDynamic(saved.get()) ? read(saved.get(), problem.dimension()) : null;
    SamplerState initial;
    double elapsedBefore;
    if (resumed != null) {
      initial = sampler.begin(problem, runner, memory(resumed.staticState));
      elapsedBefore = resumed.elapsedSeconds;
    } else {
      initial = sampler.begin(problem, runner, store);
      elapsedBefore = initial.elapsedSeconds;
      NestedProgress progress = NestedProgress.start(settings);
      try {
        sampler.advance(problem, runner, store, progress, initial);
      } finally {
        progress.finish();
      }
    }
    byte[] staticState = checkpointing ? initial.write() : new byte[0];
    NestedRun staticRun =
        sampler.finish(problem, initial, elapsedBefore + (System.nanoTime() - startNanos) * 1e-9);
    List<RunPoints> runs = new ArrayList<>();
    runs.add(RunPoints.of(initial, Double.NEGATIVE_INFINITY, 0));
    if (resumed != null) {
      runs.addAll(resumed.batches);
    }
    long calls = 0;
    for (RunPoints run : runs) {
      calls += run.calls;
    }
    MergedRun merged = MergedRun.of(runs, initial.logInitialVolume);
    while (settings.dynamic()
        && merged.effectiveSampleSize() < settings.targetEffectiveSamples()
        && runs.size() - 1 < settings.maxBatches()
        && calls < settings.maxCalls()) {
      int batch = runs.size() - 1;
      MergedRun.Range range =
          merged.nextRange(settings.posteriorFraction(), settings.batchLiveCount());
      RunPoints points = runBatch(problem, runner, initial, merged, range, batch, calls);
      runs.add(points);
      calls += points.calls;
      merged = MergedRun.of(runs, initial.logInitialVolume);
      LOG.info(
          "dynamic nested sampling: batch {} of {} live points over log L {} to {}; effective"
              + " sample size {} (target {}), {} likelihood calls",
          batch + 1,
          settings.batchLiveCount(),
          format(range.logLMin()),
          format(range.logLMax()),
          format(merged.effectiveSampleSize()),
          format(settings.targetEffectiveSamples()),
          calls);
      if (checkpointing) {
        double elapsed = elapsedBefore + (System.nanoTime() - startNanos) * 1e-9;
        store.save(write(staticState, runs, elapsed));
      }
    }
    double seconds = elapsedBefore + (System.nanoTime() - startNanos) * 1e-9;
    return assemble(problem, staticRun, runs, merged, calls, seconds);
  }

  /** A batch of live points over the range, started from the merged points above its bottom. */
  private RunPoints runBatch(
      SearchProblem problem,
      TaskRunner runner,
      SamplerState initial,
      MergedRun merged,
      MergedRun.Range range,
      int batch,
      long callsBefore) {
    int dim = problem.dimension();
    int liveCount = settings.batchLiveCount();
    NestedSettings batchSettings = settings.withLiveCount(liveCount);
    NestedSampler sampler = new NestedSampler(batchSettings);
    SamplerState state = new SamplerState(dim, liveCount, batchSeed(batch));
    state.method = initial.method;
    state.scale = initial.scale;
    state.stopLogL = range.logLMax();
    Proposer proposer;
    if (range.bottom() < 0) {
      state.logInitialVolume = initial.logInitialVolume;
      proposer =
          new Proposer(
              problem,
              NestedSettings.Sample.UNIFORM,
              null,
              new double[0][],
              new double[0],
              1,
              batchSettings.walks(),
              1);
    } else {
      state.logInitialVolume = range.logVolume();
      int[] starts = starts(merged, range.bottom(), liveCount, state.rng);
      double[][] startUnits = new double[starts.length][];
      double[] startLogL = new double[starts.length];
      for (int k = 0; k < starts.length; k++) {
        startUnits[k] = merged.unit(starts[k]).clone();
        startLogL[k] = merged.logLikelihood(starts[k]);
      }
      Bound bound = startBound(startUnits, range.logVolume() - Math.log(starts.length), state);
      proposer =
          new Proposer(
              problem,
              state.method,
              bound,
              startUnits,
              startLogL,
              state.scale,
              batchSettings.walks(),
              batchSettings.slices(state.method, dim));
    }
    UniformRandomProvider[] generators = new UniformRandomProvider[liveCount];
    JumpableUniformRandomProvider jumpable = state.jumpableRng();
    for (int k = 0; k < liveCount; k++) {
      generators[k] = jumpable.jump();
    }
    Proposal[] proposals = new Proposal[liveCount];
    double logLMin = range.logLMin();
    runner.runAll(liveCount, k -> proposals[k] = proposer.propose(generators[k], logLMin));
    long calls = callsBefore;
    for (int k = 0; k < liveCount; k++) {
      Proposal proposal = proposals[k];
      calls += proposal.calls();
      System.arraycopy(proposal.unit(), 0, state.liveUnits[k], 0, dim);
      System.arraycopy(proposal.vector(), 0, state.liveVectors[k], 0, dim);
      state.liveLogL[k] = proposal.logL();
      state.stuckProposals += proposal.stuck() ? 1 : 0;
    }
    state.calls = calls;
    state.callsAtUpdate = calls;
    state.indexLivePoints();
    state.bounded = true;
    state.bound = sampler.fitBound(state);
    NestedProgress progress = NestedProgress.start(batchSettings);
    try {
      sampler.advance(problem, runner, CheckpointStore.none(), progress, state);
    } finally {
      progress.finish();
    }
    sampler.finish(problem, state, 0);
    return RunPoints.of(state, logLMin, callsBefore);
  }

  /**
   * The bound of a batch's starting points: for uniform proposals the configured kind, grown by
   * cross-validation as in a run; for walks and slices the single ellipsoid that shapes their
   * moves; with no bound, the unit cube for uniform draws and the ball around it for moves.
   */
  private Bound startBound(double[][] startUnits, double logPointVolume, SamplerState state) {
    if (settings.bound() == NestedSettings.Bound.NONE) {
      if (state.method == NestedSettings.Sample.UNIFORM) {
        return null;
      }
      double[] centre = new double[state.dim];
      Arrays.fill(centre, 0.5);
      return new Bound(new Ellipsoid[] {Ellipsoid.ball(centre, 0.5 * Math.sqrt(state.dim))});
    }
    if (state.method != NestedSettings.Sample.UNIFORM) {
      return Bound.fit(startUnits, false, logPointVolume, settings.enlarge());
    }
    return Bound.fit(
        startUnits,
        settings.bound() == NestedSettings.Bound.MULTI,
        logPointVolume,
        settings.enlarge(),
        settings.folds(state.dim),
        state.rng);
  }

  /**
   * Up to {@code count} distinct merged points above {@code bottom}, drawn without replacement with
   * probability proportional to the prior volume of their shells (Efraimidis and Spirakis' keys
   * {@code log(-log u) - log w}, smallest first), in index order.
   */
  static int[] starts(MergedRun merged, int bottom, int count, UniformRandomProvider rng) {
    int candidates = merged.size() - bottom - 1;
    double[] keys = new double[candidates];
    Integer[] order = new Integer[candidates];
    for (int k = 0; k < candidates; k++) {
      double u = 1 - rng.nextDouble(); // in (0, 1]
      keys[k] = Math.log(-Math.log(u)) - merged.logWidth(bottom + 1 + k);
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b]));
    int chosen = Math.min(count, candidates);
    int[] starts = new int[chosen];
    for (int k = 0; k < chosen; k++) {
      starts[k] = bottom + 1 + order[k];
    }
    Arrays.sort(starts);
    return starts;
  }

  /** The seed of a batch's generator: a mix of the run's seed and the batch number. */
  private long batchSeed(int batch) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(settings.seed()).nextLong()
        ^ (0x9E3779B97F4A7C15L * (batch + 1));
  }

  private DynamicRun assemble(
      SearchProblem problem,
      NestedRun staticRun,
      List<RunPoints> runs,
      MergedRun merged,
      long calls,
      double seconds) {
    long iterations = 0;
    long batchStuck = 0;
    for (int r = 0; r < runs.size(); r++) {
      iterations += runs.get(r).iterations;
      batchStuck += r > 0 ? runs.get(r).stuckProposals : 0;
    }
    Lineages lineages = staticRun.lineages();
    double logZError = Math.sqrt(merged.logZVariance() + lineages.excessVariance());
    NestedRun mergedRun =
        new NestedRun(
            merged.vectors(),
            merged.units(),
            merged.logLikelihoods(),
            merged.normalizedLogWeights(),
            merged.logZ(),
            logZError,
            merged.information(),
            iterations,
            calls,
            seconds,
            problem.failures().failures(),
            problem.failures().firstMessage(),
            staticRun.remainingLogZ(),
            staticRun.converged(),
            staticRun.stuckProposals() + batchStuck,
            staticRun.insertionRanks(),
            lineages,
            settings.nLive());
    return new DynamicRun(
        mergedRun, staticRun, runs.size() - 1, batchStuck, settings.targetEffectiveSamples());
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

  /** A store that holds the given state and ignores saves. */
  private static CheckpointStore memory(byte[] state) {
    return new CheckpointStore() {
      @Override
      public Optional<byte[]> load() {
        return Optional.of(state);
      }

      @Override
      public void save(byte[] bytes) {}
    };
  }

  private record Resumed(byte[] staticState, List<RunPoints> batches, double elapsedSeconds) {}

  private static boolean isDynamic(byte[] bytes) {
    return bytes.length >= 4
        && ((bytes[0] & 0xff) << 24
                | (bytes[1] & 0xff) << 16
                | (bytes[2] & 0xff) << 8
                | (bytes[3] & 0xff))
            == MAGIC;
  }

  private byte[] write(byte[] staticState, List<RunPoints> runs, double elapsedSeconds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(settings.batchLiveCount());
      out.writeDouble(settings.posteriorFraction());
      out.writeDouble(elapsedSeconds);
      out.writeInt(staticState.length);
      out.write(staticState);
      out.writeInt(runs.size() - 1);
      for (int r = 1; r < runs.size(); r++) {
        runs.get(r).write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The state saved after a batch.
   *
   * @throws IllegalStateException if the bytes are truncated, of another version, or written with
   *     other batch settings (the static state is checked when it is read)
   */
  private Resumed read(byte[] bytes, int dim) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.readInt();
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException(
            "the dynamic nested sampling checkpoint has version "
                + version
                + " but this sampler reads version "
                + VERSION);
      }
      int liveCount = in.readInt();
      double posteriorFraction = in.readDouble();
      if (liveCount != settings.batchLiveCount()
          || posteriorFraction != settings.posteriorFraction()) {
        throw new IllegalStateException(
            "the checkpoint was written by dynamic nested sampling with batches of "
                + liveCount
                + " live points and posterior fraction "
                + posteriorFraction
                + ", not "
                + settings.batchLiveCount()
                + " and "
                + settings.posteriorFraction());
      }
      double elapsed = in.readDouble();
      int staticLength = in.readInt();
      if (staticLength < 0 || staticLength > in.available()) {
        throw new IOException("a static state of " + staticLength + " bytes does not fit");
      }
      byte[] staticState = new byte[staticLength];
      in.readFully(staticState);
      int batches = in.readInt();
      if (batches < 0) {
        throw new IOException("negative batch count " + batches);
      }
      List<RunPoints> runs = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        runs.add(RunPoints.read(in, dim));
      }
      if (in.read() >= 0) {
        throw new IOException("trailing bytes");
      }
      return new Resumed(staticState, runs, elapsed);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the dynamic nested sampling checkpoint is truncated or corrupt", e);
    }
  }
}

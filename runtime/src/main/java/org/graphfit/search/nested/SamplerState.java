// Long because the state and its checkpoint format are kept in one class: write() and read() list
// the saved fields in one order, side by side, so that a field added to the state is seen to need
// writing (or a note that it is not saved); the evidence sums, the live-point heap and the
// insertion ranks are the rest.
package org.graphfit.search.nested;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Everything a run needs to continue: live and dead points, evidence sums, counters, the bound, the
 * proposal scale and the generator's state. It is written between batches, when no proposal is
 * outstanding, so that a resumed run repeats the uninterrupted one exactly.
 */
final class SamplerState {
  private static final int MAGIC = 0x4e455354; // "NEST"
  private static final int VERSION = 7;

  final int dim;
  final int liveCount;
  final long seed;
  final RestorableUniformRandomProvider rng;
  final double[][] liveUnits;
  final double[][] liveVectors;
  final double[] liveLogL;

  /** A min-heap of live point indices ordered by log-likelihood, then index. */
  private final int[] heap;

  /**
   * The live log-likelihoods in non-decreasing order, from which an insertion rank is two binary
   * searches.
   */
  private final double[] sortedLogL;

  double[] deadUnits;
  double[] deadVectors;
  double[] deadLogL;
  double[] deadLogWeights;
  int deadCount;
  long iteration;
  long calls;
  long callsAtUpdate;
  long iterationAtUpdate;

  /** The efficiency of the last completed update interval, NaN before there was one. */
  double lastEfficiency = Double.NaN;

  long lastCheckpoint;
  boolean bounded;
  Bound bound;
  double logZ = Double.NEGATIVE_INFINITY;
  double lastLogL = Double.NEGATIVE_INFINITY;
  double maxLogL = Double.NEGATIVE_INFINITY;
  double scale = 1;
  double elapsedSeconds;

  /**
   * The log-likelihood above which the worst live point ends the run: infinite for a whole run, the
   * top of its likelihood range for a batch of dynamic nested sampling. Batches are not
   * checkpointed, so it is not saved.
   */
  double stopLogL = Double.POSITIVE_INFINITY;

  /**
   * The log of the prior volume the first live points stand for: the fraction of initial draws with
   * a finite likelihood, so a likelihood of zero (or a constraint) over part of the prior lowers
   * the evidence as it should.
   */
  double logInitialVolume;

  /** The proposal method in use; {@code AUTO} may switch it once, from uniform to its fallback. */
  NestedSettings.Sample method;

  /** Accepted proposals whose move got stuck, so that they copy an existing live point. */
  long stuckProposals;

  /**
   * The insertion rank of each new live point, in order: how many of the other live points have a
   * lower log-likelihood.
   */
  int[] insertionRanks = new int[16];

  int rankCount;

  /**
   * The genealogy of the points: point {@code s} is the {@code s}-th made, the first {@code nLive}
   * drawn from the prior and then one per iteration, and {@code parents[s]} is the point its move
   * started from, {@code -1} for a point drawn independently of the live points.
   */
  int[] parents;

  /** The point in each live slot. */
  final int[] liveSerials;

  /** The point of each dead point, in order. */
  int[] deadSerials;

  /** The live slot replaced at each iteration. */
  int[] replacedSlots = new int[16];

  /**
   * The iteration at which the batch of each iteration's proposal began: its move started from a
   * point live then, which later proposals of the batch may have replaced since.
   */
  int[] batchBegins = new int[16];

  SamplerState(int dim, int liveCount, long seed) {
    this.dim = dim;
    this.liveCount = liveCount;
    this.seed = seed;
    this.rng = TableJumpGenerator.of(seed);
    this.liveUnits = new double[liveCount][dim];
    this.liveVectors = new double[liveCount][dim];
    this.liveLogL = new double[liveCount];
    this.heap = new int[liveCount];
    this.sortedLogL = new double[liveCount];
    this.parents = new int[Math.max(16, 2 * liveCount)];
    Arrays.fill(this.parents, -1);
    this.liveSerials = new int[liveCount];
    Arrays.setAll(this.liveSerials, k -> k);
    int capacity = Math.max(16, 4 * liveCount);
    this.deadUnits = new double[capacity * dim];
    this.deadVectors = new double[capacity * dim];
    this.deadLogL = new double[capacity];
    this.deadLogWeights = new double[capacity];
    this.deadSerials = new int[capacity];
  }

  /** The generator, whose {@code jump()} hands out the independent generators of proposal slots. */
  JumpableUniformRandomProvider jumpableRng() {
    return (JumpableUniformRandomProvider) rng;
  }

  /**
   * The live point of lowest log-likelihood, ties going to the lowest index, so that the choice
   * does not depend on the heap's layout.
   */
  int worst() {
    return heap[0];
  }

  /**
   * The log prior volume {@code logInitialVolume - iteration / nLive} left after the dead points so
   * far.
   */
  double logVolume() {
    return logInitialVolume - (double) iteration / liveCount;
  }

  /** The estimated log evidence still in the live points, relative to the sum so far. */
  double remainingLogZ() {
    return Bound.logAddExp(logZ, maxLogL + logVolume()) - logZ;
  }

  /**
   * Kills the worst live point, adding its trapezoid weight, and puts the proposal in its place.
   *
   * @param proposal a proposal above the worst live point's log-likelihood
   * @param parent the point the proposal's move started from, or -1
   * @param batchBegin the iteration at which the proposal's batch began
   */
  void replaceWorst(Proposal proposal, double logWidth, int parent, long batchBegin) {
    int worst = worst();
    recordInsertionRank(worst, proposal.logL());
    if (iteration == replacedSlots.length) {
      replacedSlots = Arrays.copyOf(replacedSlots, 2 * replacedSlots.length);
      batchBegins = Arrays.copyOf(batchBegins, 2 * batchBegins.length);
    }
    replacedSlots[(int) iteration] = worst;
    batchBegins[(int) iteration] = (int) batchBegin;
    iteration++;
    addDead(liveUnits[worst], liveVectors[worst], liveLogL[worst], logWidth, liveSerials[worst]);
    int serial = liveCount + (int) iteration - 1;
    if (serial >= parents.length) {
      int old = parents.length;
      parents = Arrays.copyOf(parents, 2 * old);
      Arrays.fill(parents, old, parents.length, -1);
    }
    parents[serial] = parent;
    liveSerials[worst] = serial;
    System.arraycopy(proposal.unit(), 0, liveUnits[worst], 0, dim);
    System.arraycopy(proposal.vector(), 0, liveVectors[worst], 0, dim);
    liveLogL[worst] = proposal.logL();
    maxLogL = Math.max(maxLogL, proposal.logL());
    siftDown(0);
  }

  /**
   * Records how many live points other than {@code replaced}, the worst, lie below {@code logL},
   * which is above it; ties count half, rounded down.
   */
  private void recordInsertionRank(int replaced, double logL) {
    int lower = firstNotBelow(logL, false);
    int equal = firstNotBelow(logL, true) - lower;
    // The worst point, below logL, is counted in lower: it is the first of the sorted values, and
    // the new value takes the place after those still below it.
    System.arraycopy(sortedLogL, 1, sortedLogL, 0, lower - 1);
    sortedLogL[lower - 1] = logL;
    if (rankCount == insertionRanks.length) {
      insertionRanks = Arrays.copyOf(insertionRanks, 2 * rankCount);
    }
    insertionRanks[rankCount++] = lower - 1 + equal / 2;
  }

  /**
   * The number of sorted live log-likelihoods below {@code logL} ({@code orEqual}: below or equal).
   */
  private int firstNotBelow(double logL, boolean orEqual) {
    int low = 0;
    int high = liveCount;
    while (low < high) {
      int middle = (low + high) >>> 1;
      double value = sortedLogL[middle];
      if (value < logL || (orEqual && value == logL)) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /**
   * Appends a dead point of log-likelihood {@code logL} whose shell has log volume {@code
   * logWidth}; {@code serial} names the point in the genealogy.
   */
  void addDead(double[] unit, double[] vector, double logL, double logWidth, int serial) {
    if (deadCount == deadLogL.length) {
      int capacity = 2 * deadCount;
      deadUnits = Arrays.copyOf(deadUnits, capacity * dim);
      deadVectors = Arrays.copyOf(deadVectors, capacity * dim);
      deadLogL = Arrays.copyOf(deadLogL, capacity);
      deadLogWeights = Arrays.copyOf(deadLogWeights, capacity);
      deadSerials = Arrays.copyOf(deadSerials, capacity);
    }
    deadSerials[deadCount] = serial;
    double logWeight = Bound.logAddExp(lastLogL, logL) + logWidth - Math.log(2);
    System.arraycopy(unit, 0, deadUnits, deadCount * dim, dim);
    System.arraycopy(vector, 0, deadVectors, deadCount * dim, dim);
    deadLogL[deadCount] = logL;
    deadLogWeights[deadCount] = logWeight;
    deadCount++;
    logZ = Bound.logAddExp(logZ, logWeight);
    lastLogL = logL;
  }

  /**
   * Rebuilds the maximum, the min-heap and the sorted copy of the live log-likelihoods from the
   * live points.
   */
  void indexLivePoints() {
    System.arraycopy(liveLogL, 0, sortedLogL, 0, liveCount);
    Arrays.sort(sortedLogL);
    maxLogL = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < liveCount; i++) {
      maxLogL = Math.max(maxLogL, liveLogL[i]);
      heap[i] = i;
    }
    for (int position = liveCount / 2 - 1; position >= 0; position--) {
      siftDown(position);
    }
  }

  private boolean below(int a, int b) {
    return liveLogL[a] < liveLogL[b] || (liveLogL[a] == liveLogL[b] && a < b);
  }

  private void siftDown(int position) {
    int at = position;
    int item = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= liveCount) {
        break;
      }
      if (child + 1 < liveCount && below(heap[child + 1], heap[child])) {
        child++;
      }
      if (!below(heap[child], item)) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = item;
  }

  byte[] write() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dim);
      out.writeInt(liveCount);
      out.writeLong(seed);
      byte[] rngState = ((RandomProviderDefaultState) rng.saveState()).getState();
      out.writeInt(rngState.length);
      out.write(rngState);
      out.writeLong(iteration);
      out.writeLong(calls);
      out.writeLong(callsAtUpdate);
      out.writeLong(iterationAtUpdate);
      out.writeDouble(lastEfficiency);
      out.writeLong(lastCheckpoint);
      out.writeDouble(logZ);
      out.writeDouble(lastLogL);
      out.writeDouble(scale);
      out.writeDouble(elapsedSeconds);
      out.writeDouble(logInitialVolume);
      out.writeUTF(method.name());
      out.writeLong(stuckProposals);
      out.writeInt(rankCount);
      for (int k = 0; k < rankCount; k++) {
        out.writeInt(insertionRanks[k]);
        out.writeInt(replacedSlots[k]);
        out.writeInt(batchBegins[k]);
      }
      for (int k = 0; k < liveCount + rankCount; k++) {
        out.writeInt(parents[k]);
      }
      for (int k = 0; k < liveCount; k++) {
        out.writeInt(liveSerials[k]);
      }
      for (int k = 0; k < liveCount; k++) {
        writeDoubles(out, liveUnits[k], 0, dim);
        writeDoubles(out, liveVectors[k], 0, dim);
        out.writeDouble(liveLogL[k]);
      }
      out.writeInt(deadCount);
      writeDoubles(out, deadUnits, 0, deadCount * dim);
      writeDoubles(out, deadVectors, 0, deadCount * dim);
      writeDoubles(out, deadLogL, 0, deadCount);
      writeDoubles(out, deadLogWeights, 0, deadCount);
      for (int k = 0; k < deadCount; k++) {
        out.writeInt(deadSerials[k]);
      }
      out.writeBoolean(bounded);
      out.writeBoolean(bound != null);
      if (bound != null) {
        bound.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The state saved in {@code bytes}.
   *
   * @throws IllegalStateException if the bytes are not a checkpoint of a run with this dimension,
   *     live point count and seed
   */
  static SamplerState read(byte[] bytes, int dim, int liveCount, long seed) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalStateException("the checkpoint is not a nested sampler's checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException(
            "the checkpoint has version " + version + " but this sampler reads version " + VERSION);
      }
      int savedDim = in.readInt();
      int savedLive = in.readInt();
      long savedSeed = in.readLong();
      if (savedDim != dim || savedLive != liveCount || savedSeed != seed) {
        throw new IllegalStateException(
            "the checkpoint was written by a run with dimension "
                + savedDim
                + ", nLive "
                + savedLive
                + " and seed "
                + savedSeed
                + ", not dimension "
                + dim
                + ", nLive "
                + liveCount
                + " and seed "
                + seed);
      }
      SamplerState state = new SamplerState(dim, liveCount, seed);
      byte[] rngState = new byte[in.readInt()];
      in.readFully(rngState);
      state.rng.restoreState(new RandomProviderDefaultState(rngState));
      state.iteration = in.readLong();
      state.calls = in.readLong();
      state.callsAtUpdate = in.readLong();
      state.iterationAtUpdate = in.readLong();
      state.lastEfficiency = in.readDouble();
      state.lastCheckpoint = in.readLong();
      state.logZ = in.readDouble();
      state.lastLogL = in.readDouble();
      state.scale = in.readDouble();
      state.elapsedSeconds = in.readDouble();
      state.logInitialVolume = in.readDouble();
      state.method = NestedSettings.Sample.valueOf(in.readUTF());
      state.stuckProposals = in.readLong();
      state.rankCount = in.readInt();
      state.insertionRanks = new int[Math.max(16, state.rankCount)];
      state.replacedSlots = new int[Math.max(16, state.rankCount)];
      state.batchBegins = new int[Math.max(16, state.rankCount)];
      for (int k = 0; k < state.rankCount; k++) {
        state.insertionRanks[k] = in.readInt();
        state.replacedSlots[k] = in.readInt();
        state.batchBegins[k] = in.readInt();
      }
      state.parents = new int[Math.max(16, 2 * (liveCount + state.rankCount))];
      Arrays.fill(state.parents, -1);
      for (int k = 0; k < liveCount + state.rankCount; k++) {
        state.parents[k] = in.readInt();
      }
      for (int k = 0; k < liveCount; k++) {
        state.liveSerials[k] = in.readInt();
      }
      for (int k = 0; k < liveCount; k++) {
        readDoubles(in, state.liveUnits[k], dim);
        readDoubles(in, state.liveVectors[k], dim);
        state.liveLogL[k] = in.readDouble();
      }
      int dead = in.readInt();
      state.deadCount = dead;
      state.deadUnits = new double[Math.max(16, dead) * dim];
      state.deadVectors = new double[Math.max(16, dead) * dim];
      state.deadLogL = new double[Math.max(16, dead)];
      state.deadLogWeights = new double[Math.max(16, dead)];
      readDoubles(in, state.deadUnits, dead * dim);
      readDoubles(in, state.deadVectors, dead * dim);
      readDoubles(in, state.deadLogL, dead);
      readDoubles(in, state.deadLogWeights, dead);
      state.deadSerials = new int[Math.max(16, dead)];
      for (int k = 0; k < dead; k++) {
        state.deadSerials[k] = in.readInt();
      }
      state.bounded = in.readBoolean();
      if (in.readBoolean()) {
        state.bound = Bound.read(in, dim);
      }
      state.indexLivePoints();
      return state;
    } catch (IOException e) {
      throw new IllegalStateException("the checkpoint is truncated or corrupt", e);
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values, int from, int count)
      throws IOException {
    for (int i = from; i < from + count; i++) {
      out.writeDouble(values[i]);
    }
  }

  private static void readDoubles(DataInputStream in, double[] values, int count)
      throws IOException {
    for (int i = 0; i < count; i++) {
      values[i] = in.readDouble();
    }
  }
}

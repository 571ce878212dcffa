package org.graphfit.search.mcmc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The complete mutable state of an ensemble run, and its checkpoint byte format.
 *
 * <p>Format version 1, big-endian ({@link DataOutputStream}): magic {@code "GFMC"}, version,
 * dimension, walkers, seed, steps, converged flag, likelihood calls so far, the last
 * autocorrelation times (a presence flag, then one double per dimension), accepted counts per
 * walker, each walker's generator state (length and bytes), the current positions, log-likelihoods
 * and log posteriors, then for every recorded step the positions, log-likelihoods and log
 * posteriors of all walkers.
 */
final class EnsembleState {
  private static final int MAGIC = 0x47464D43;
  private static final int VERSION = 1;

  final int dimension;
  final int walkers;
  final long seed;
  final RestorableUniformRandomProvider[] generators;
  final double[] positions;
  final double[] logLikelihoods;
  final double[] logPosteriors;
  final long[] accepted;
  final List<double[]> chainPositions = new ArrayList<>();
  final List<double[]> chainLogLikelihoods = new ArrayList<>();
  final List<double[]> chainLogPosteriors = new ArrayList<>();
  long likelihoodCalls;
  double[] lastTau;
  boolean converged;

  /** A fresh state: one generator per walker derived from the seed, positions still to be set. */
  EnsembleState(int dimension, int walkers, long seed) {
    this.dimension = dimension;
    this.walkers = walkers;
    this.seed = seed;
    this.generators = new RestorableUniformRandomProvider[walkers];
    UniformRandomProvider seeder = RandomSource.SPLIT_MIX_64.create(seed);
    for (int k = 0; k < walkers; k++) {
      generators[k] =
          RandomSource.XO_RO_SHI_RO_128_PP.create(
              new long[] {seeder.nextLong(), seeder.nextLong()});
    }
    this.positions = new double[walkers * dimension];
    this.logLikelihoods = new double[walkers];
    this.logPosteriors = new double[walkers];
    this.accepted = new long[walkers];
  }

  /** The number of recorded steps. */
  int steps() {
    return chainPositions.size();
  }

  /** Appends the current positions and values to the chain. */
  void record() {
    chainPositions.add(positions.clone());
    chainLogLikelihoods.add(logLikelihoods.clone());
    chainLogPosteriors.add(logPosteriors.clone());
  }

  /** The chain of one parameter, {@code [walker][step]}, for steps {@code [0, steps)}. */
  double[][] parameterChains(int parameter) {
    int steps = steps();
    double[][] chains = new double[walkers][steps];
    for (int t = 0; t < steps; t++) {
      double[] row = chainPositions.get(t);
      for (int k = 0; k < walkers; k++) {
        chains[k][t] = row[k * dimension + parameter];
      }
    }
    return chains;
  }

  /** The checkpoint bytes. */
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dimension);
      out.writeInt(walkers);
      out.writeLong(seed);
      out.writeInt(steps());
      out.writeBoolean(converged);
      out.writeLong(likelihoodCalls);
      out.writeBoolean(lastTau != null);
      if (lastTau != null) {
        writeDoubles(out, lastTau);
      }
      for (long count : accepted) {
        out.writeLong(count);
      }
      for (RestorableUniformRandomProvider generator : generators) {
        byte[] state = ((RandomProviderDefaultState) generator.saveState()).getState();
        out.writeInt(state.length);
        out.write(state);
      }
      writeDoubles(out, positions);
      writeDoubles(out, logLikelihoods);
      writeDoubles(out, logPosteriors);
      for (int t = 0; t < steps(); t++) {
        writeDoubles(out, chainPositions.get(t));
        writeDoubles(out, chainLogLikelihoods.get(t));
        writeDoubles(out, chainLogPosteriors.get(t));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a checkpoint and checks that it belongs to a run of this dimension, walker count and
   * seed.
   *
   * @throws IllegalStateException if the bytes are not a readable checkpoint of such a run
   */
  static EnsembleState fromBytes(byte[] checkpoint, int dimension, int walkers, long seed) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalStateException(
            "the checkpoint is not an ensemble sampler checkpoint; use a fresh checkpoint store");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException(
            "the checkpoint has format version "
                + version
                + " but this build reads version "
                + VERSION
                + "; use a fresh checkpoint store");
      }
      int savedDimension = in.readInt();
      int savedWalkers = in.readInt();
      long savedSeed = in.readLong();
      if (savedDimension != dimension || savedWalkers != walkers || savedSeed != seed) {
        throw new IllegalStateException(
            String.format(
                "the checkpoint belongs to a run with dimension %d, %d walkers and seed %d but this"
                    + " run has dimension %d, %d walkers and seed %d; use a fresh checkpoint store",
                savedDimension, savedWalkers, savedSeed, dimension, walkers, seed));
      }
      EnsembleState state = new EnsembleState(dimension, walkers, seed);
      int steps = in.readInt();
      state.converged = in.readBoolean();
      state.likelihoodCalls = in.readLong();
      if (in.readBoolean()) {
        state.lastTau = readDoubles(in, dimension);
      }
      for (int k = 0; k < walkers; k++) {
        state.accepted[k] = in.readLong();
      }
      for (RestorableUniformRandomProvider generator : state.generators) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        generator.restoreState(new RandomProviderDefaultState(bytes));
      }
      readInto(in, state.positions);
      readInto(in, state.logLikelihoods);
      readInto(in, state.logPosteriors);
      for (int t = 0; t < steps; t++) {
        state.chainPositions.add(readDoubles(in, walkers * dimension));
        state.chainLogLikelihoods.add(readDoubles(in, walkers));
        state.chainLogPosteriors.add(readDoubles(in, walkers));
      }
      if (in.read() != -1) {
        throw new IllegalStateException("the checkpoint has trailing bytes; it is corrupt");
      }
      return state;
    } catch (IOException e) {
      throw new IllegalStateException("the checkpoint is truncated or unreadable: " + e, e);
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static double[] readDoubles(DataInputStream in, int count) throws IOException {
    double[] values = new double[count];
    readInto(in, values);
    return values;
  }

  private static void readInto(DataInputStream in, double[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
  }
}

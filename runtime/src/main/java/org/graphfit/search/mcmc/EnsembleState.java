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
 * The complete mutable state of a run of independent ensembles (chains), and its checkpoint byte
 * format. Walker {@code k} of chain {@code c} is walker {@code c * walkers + k} of the arrays.
 *
 * <p>Format version 2, big-endian ({@link DataOutputStream}): magic {@code "GFMC"}, version,
 * dimension, chains, walkers per chain, seed, steps, converged flag, likelihood calls so far, the
 * last autocorrelation times over all chains (a presence flag, then one double per dimension),
 * accepted counts per walker, each walker's generator state (length and bytes), the current
 * positions, log-likelihoods and log posteriors, then for every recorded step the positions,
 * log-likelihoods and log posteriors of all walkers.
 */
final class EnsembleState {
  private static final int MAGIC = 0x47464D43;
  private static final int VERSION = 2;

  final int dimension;
  final int chains;
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

  /** The autocorrelation times over all chains at the last check, one per parameter. */
  double[] lastTau;

  boolean converged;

  /**
   * A fresh state, positions still to be set: each chain's seed is drawn from a generator of the
   * run's seed, and each walker's generator from a generator of its chain's seed, so chain {@code
   * c} is the same whatever the number of chains.
   */
  EnsembleState(int dimension, int chains, int walkers, long seed) {
    this.dimension = dimension;
    this.chains = chains;
    this.walkers = walkers;
    this.seed = seed;
    int total = chains * walkers;
    this.generators = new RestorableUniformRandomProvider[total];
    UniformRandomProvider chainSeeds = RandomSource.SPLIT_MIX_64.create(seed);
    for (int c = 0; c < chains; c++) {
      UniformRandomProvider seeder = RandomSource.SPLIT_MIX_64.create(chainSeeds.nextLong());
      for (int k = 0; k < walkers; k++) {
        generators[c * walkers + k] =
            RandomSource.XO_RO_SHI_RO_128_PP.create(
                new long[] {seeder.nextLong(), seeder.nextLong()});
      }
    }
    this.positions = new double[total * dimension];
    this.logLikelihoods = new double[total];
    this.logPosteriors = new double[total];
    this.accepted = new long[total];
  }

  /** The number of walkers over all chains. */
  int totalWalkers() {
    return chains * walkers;
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

  /** One parameter's values in one chain, {@code [walker][step]}, for steps {@code [0, steps)}. */
  double[][] walkerChains(int chain, int parameter) {
    return draws(chain, parameter, 0, 1);
  }

  /**
   * One parameter's values in every chain, {@code [chain][walker][i]}, at steps {@code first, first
   * + thin, ...} before {@link #steps()}.
   */
  double[][][] draws(int parameter, int first, int thin) {
    double[][][] draws = new double[chains][][];
    for (int c = 0; c < chains; c++) {
      draws[c] = draws(c, parameter, first, thin);
    }
    return draws;
  }

  private double[][] draws(int chain, int parameter, int first, int thin) {
    int steps = steps();
    int count = first < steps ? (steps - 1 - first) / thin + 1 : 0;
    double[][] values = new double[walkers][count];
    for (int i = 0; i < count; i++) {
      double[] row = chainPositions.get(first + i * thin);
      for (int k = 0; k < walkers; k++) {
        values[k][i] = row[((chain * walkers) + k) * dimension + parameter];
      }
    }
    return values;
  }

  /** The checkpoint bytes. */
  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dimension);
      out.writeInt(chains);
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
   * Reads a checkpoint and checks that it belongs to a run of this dimension, chain count, walker
   * count and seed.
   *
   * @throws IllegalStateException if the bytes are not a readable checkpoint of such a run
   */
  static EnsembleState fromBytes(
      byte[] checkpoint, int dimension, int chains, int walkers, long seed) {
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
      int savedChains = in.readInt();
      int savedWalkers = in.readInt();
      long savedSeed = in.readLong();
      if (savedDimension != dimension
          || savedChains != chains
          || savedWalkers != walkers
          || savedSeed != seed) {
        throw new IllegalStateException(
            String.format(
                "the checkpoint belongs to a run with dimension %d, %d chains of %d walkers and"
                    + " seed %d but this run has dimension %d, %d chains of %d walkers and seed"
                    + " %d; use a fresh checkpoint store",
                savedDimension,
                savedChains,
                savedWalkers,
                savedSeed,
                dimension,
                chains,
                walkers,
                seed));
      }
      EnsembleState state = new EnsembleState(dimension, chains, walkers, seed);
      int total = chains * walkers;
      int steps = in.readInt();
      state.converged = in.readBoolean();
      state.likelihoodCalls = in.readLong();
      if (in.readBoolean()) {
        state.lastTau = readDoubles(in, dimension);
      }
      for (int k = 0; k < total; k++) {
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
        state.chainPositions.add(readDoubles(in, total * dimension));
        state.chainLogLikelihoods.add(readDoubles(in, total));
        state.chainLogPosteriors.add(readDoubles(in, total));
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

package org.graphfit.search.nested;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The points of one finished nested-sampling run, the static run or a batch of dynamic nested
 * sampling: its dead points followed by its final live points, each with the log-likelihood of the
 * constraint it was drawn above (its birth), and the run's costs. Runs merge by their births: at
 * any likelihood, the live points of the merged run are the points born below it and not yet dead.
 */
final class RunPoints {
  final int dim;
  final int size;
  final double[] units;
  final double[] vectors;
  final double[] logL;
  final double[] birthLogL;

  /** The run's likelihood calls, including its initial live points. */
  final long calls;

  /** The run's iterations, dead points before its final live points. */
  final long iterations;

  /** The run's stuck proposals. */
  final long stuckProposals;

  private RunPoints(
      int dim,
      double[] units,
      double[] vectors,
      double[] logL,
      double[] birthLogL,
      long calls,
      long iterations,
      long stuckProposals) {
    this.dim = dim;
    this.size = logL.length;
    this.units = units;
    this.vectors = vectors;
    this.logL = logL;
    this.birthLogL = birthLogL;
    this.calls = calls;
    this.iterations = iterations;
    this.stuckProposals = stuckProposals;
  }

  /**
   * The points of a finished run whose final live points were added as dead points ({@link
   * NestedSampler#finish}); a point made by an iteration was born at the likelihood of the point it
   * replaced, an initial live point at {@code initialBirth}.
   *
   * @param callsBefore the calls of earlier runs included in the state's count
   */
  static RunPoints of(SamplerState state, double initialBirth, long callsBefore) {
    int n = state.deadCount;
    int dim = state.dim;
    double[] births = new double[n];
    for (int k = 0; k < n; k++) {
      int serial = state.deadSerials[k];
      births[k] =
          serial < state.liveCount ? initialBirth : state.deadLogL[serial - state.liveCount];
    }
    return new RunPoints(
        dim,
        Arrays.copyOf(state.deadUnits, n * dim),
        Arrays.copyOf(state.deadVectors, n * dim),
        Arrays.copyOf(state.deadLogL, n),
        births,
        state.calls - callsBefore,
        state.iteration,
        state.stuckProposals);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(size);
    out.writeLong(calls);
    out.writeLong(iterations);
    out.writeLong(stuckProposals);
    for (int k = 0; k < size * dim; k++) {
      out.writeDouble(units[k]);
      out.writeDouble(vectors[k]);
    }
    for (int k = 0; k < size; k++) {
      out.writeDouble(logL[k]);
      out.writeDouble(birthLogL[k]);
    }
  }

  static RunPoints read(DataInputStream in, int dim) throws IOException {
    int size = in.readInt();
    if (size < 0 || (long) size * (2L * dim + 2) * Double.BYTES > in.available()) {
      throw new IOException("a point count of " + size + " does not fit the remaining bytes");
    }
    long calls = in.readLong();
    long iterations = in.readLong();
    long stuck = in.readLong();
    double[] units = new double[size * dim];
    double[] vectors = new double[size * dim];
    for (int k = 0; k < size * dim; k++) {
      units[k] = in.readDouble();
      vectors[k] = in.readDouble();
    }
    double[] logL = new double[size];
    double[] births = new double[size];
    for (int k = 0; k < size; k++) {
      logL[k] = in.readDouble();
      births[k] = in.readDouble();
    }
    return new RunPoints(dim, units, vectors, logL, births, calls, iterations, stuck);
  }
}

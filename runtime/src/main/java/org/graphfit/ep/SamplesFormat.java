package org.graphfit.ep;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.search.Samples;

/**
 * The byte format of the samples a factor's sampled update kept for {@code keepSearchOutput}, the
 * same in the fit's state ({@code files/checkpoint.bin}, {@code files/ep_result.bin}) and in the
 * results that Spark executors send back: a flag and, if set, the dimension, the names (each its
 * UTF-8 byte count and bytes), the sample count and per sample its vector, log-likelihood, log
 * prior and weight, big-endian ({@link DataOutputStream}), doubles bit for bit. The state's format
 * version covers it: a change here is a new version.
 */
public final class SamplesFormat {
  private SamplesFormat() {}

  /**
   * Writes samples, or their absence.
   *
   * @param out the stream
   * @param samples the samples, or null for none
   * @throws IOException if the stream fails
   */
  public static void write(DataOutputStream out, Samples samples) throws IOException {
    out.writeBoolean(samples != null);
    if (samples == null) {
      return;
    }
    out.writeInt(samples.dimension());
    for (String name : samples.names()) {
      UpdateFormat.writeString(out, name);
    }
    out.writeInt(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      for (double value : samples.vector(i)) {
        out.writeDouble(value);
      }
      out.writeDouble(samples.logLikelihood(i));
      out.writeDouble(samples.logPrior(i));
      out.writeDouble(samples.weight(i));
    }
  }

  /**
   * Reads what {@link #write} wrote from a stream whose {@link DataInputStream#available()} counts
   * the bytes left, as one over a byte array does: every count is checked against them.
   *
   * @param in the stream
   * @return the samples, or null for none
   * @throws IOException if the bytes are truncated or a count exceeds them
   */
  public static Samples read(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int dimension = EpStateFormat.count(in, 4);
    List<String> names = new ArrayList<>(dimension);
    for (int d = 0; d < dimension; d++) {
      names.add(EpStateFormat.readString(in));
    }
    int size = EpStateFormat.count(in, 8 * (dimension + 3));
    double[][] vectors = new double[size][dimension];
    double[] logLikelihoods = new double[size];
    double[] logPriors = new double[size];
    double[] weights = new double[size];
    for (int i = 0; i < size; i++) {
      for (int d = 0; d < dimension; d++) {
        vectors[i][d] = in.readDouble();
      }
      logLikelihoods[i] = in.readDouble();
      logPriors[i] = in.readDouble();
      weights[i] = in.readDouble();
    }
    return Samples.of(names, vectors, logLikelihoods, logPriors, weights);
  }
}

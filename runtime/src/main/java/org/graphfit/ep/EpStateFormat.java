package org.graphfit.ep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graphfit.search.Samples;

/**
 * The byte format of an {@link EpState}: the checkpoint {@code files/checkpoint.bin} and the
 * completed fit's {@code files/ep_result.bin}.
 *
 * <p>Format version 9, big-endian ({@link DataOutputStream}): magic {@code "GFEP"}, version, the
 * output identifier (string), factor count, variable count, sweeps done, convergence ordinal,
 * seconds; per factor its scope length, then per variable the message's precision and shift, the
 * status ordinal (-1 for none yet), evidence term, updated flag, failures since the last success,
 * flattened flag, fallback flag, last fit ordinal (-1 for none yet), a flag and, if set, the
 * precision and shift of each cavity message of its last passed Laplace check, a flag and, if set,
 * the relative variance noise of each projected variance, and marginal terms (count or -1 for none,
 * then per variable the point count or -1, the message's precision and shift, the correction's
 * lower and upper ends and log values); per variable the noise its approximation inherited in the
 * last sweep; the history's number of updates, the byte length of the prefix of the history file
 * holding them and that prefix's SHA-256 (see {@link HistoryFile}); the sweeps (count, then sweep,
 * KL, largest KL, residual, noise floor, failing count, factor seconds, seconds); per factor the
 * samples of its last sampled update that {@code keepSearchOutput} keeps, if any ({@link
 * SamplesFormat}: a flag and, if set, the samples), so that a resumed fit writes the same search
 * output; the number of averaging sweeps done (see {@link EpState#averagedSweeps}), whether the
 * averaged messages were corrected by their measured noise, per factor a flag and, if set, per
 * variable the five sums of {@link EpState#projectionSums}, per factor a flag and, if set, the two
 * sums of {@link EpState#logNormalizerSums}, and per factor a flag and, if set, its averaged log
 * normaliser and the precision and shift of each averaged cavity message. A string is its UTF-8
 * byte count and bytes. Keeping the history out of the state makes its size independent of the
 * sweeps done.
 */
final class EpStateFormat {
  private static final int MAGIC = 0x47464550; // "GFEP"
  private static final int VERSION = 9;
  private static final UpdateStatus[] STATUSES = UpdateStatus.values();
  private static final FactorResult.Fit[] FITS = FactorResult.Fit.values();
  private static final Convergence[] CONVERGENCES = Convergence.values();

  private EpStateFormat() {}

  /**
   * A state's bytes.
   *
   * @param state the state
   * @param identifier the output identifier of the fit, checked when the bytes are read back
   * @param seconds the seconds spent on the fit so far, all runs together
   * @param history where the fit's history is: the updates handed to the history file so far
   * @return the bytes
   */
  static byte[] toBytes(
      EpState state, String identifier, double seconds, EpState.HistoryReference history) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      UpdateFormat.writeString(out, identifier);
      out.writeInt(state.field.factorCount());
      out.writeInt(state.field.variableCount());
      out.writeInt(state.sweeps.size());
      out.writeInt(state.convergence.ordinal());
      out.writeDouble(seconds);
      for (int f = 0; f < state.field.factorCount(); f++) {
        int scope = state.field.scope(f).length;
        out.writeInt(scope);
        for (int k = 0; k < scope; k++) {
          out.writeDouble(state.field.message(f, k).precision());
          out.writeDouble(state.field.message(f, k).shift());
        }
        out.writeInt(state.statuses[f] == null ? -1 : state.statuses[f].ordinal());
        out.writeDouble(state.evidenceTerms[f]);
        out.writeBoolean(state.updated[f]);
        out.writeInt(state.failures[f]);
        out.writeBoolean(state.flattened[f]);
        out.writeBoolean(state.fallback[f]);
        out.writeInt(state.fits[f] == null ? -1 : state.fits[f].ordinal());
        out.writeBoolean(state.checkedCavity[f] != null);
        for (int k = 0; state.checkedCavity[f] != null && k < scope; k++) {
          out.writeDouble(state.checkedCavity[f][k].precision());
          out.writeDouble(state.checkedCavity[f][k].shift());
        }
        out.writeBoolean(state.varianceNoise[f] != null);
        for (int k = 0; state.varianceNoise[f] != null && k < scope; k++) {
          out.writeDouble(state.varianceNoise[f][k]);
        }
        writeTerms(out, state.marginalTerms[f]);
      }
      for (double noise : state.variableNoise) {
        out.writeDouble(noise);
      }
      out.writeLong(history.count());
      out.writeLong(history.bytes());
      out.write(history.sha256());
      out.writeInt(state.sweeps.size());
      for (EpSweep sweep : state.sweeps) {
        out.writeInt(sweep.sweep());
        out.writeDouble(sweep.kl());
        out.writeDouble(sweep.maxKl());
        out.writeDouble(sweep.residual());
        out.writeDouble(sweep.noiseFloor());
        out.writeBoolean(sweep.withinNoiseFloor());
        out.writeInt(sweep.failing());
        out.writeDouble(sweep.factorSeconds());
        out.writeDouble(sweep.seconds());
      }
      for (Samples samples : state.lastSamples) {
        SamplesFormat.write(out, samples);
      }
      out.writeInt(state.averagedSweeps);
      out.writeBoolean(state.noiseCorrected);
      for (double[][] sums : state.projectionSums) {
        out.writeBoolean(sums != null);
        for (int k = 0; sums != null && k < sums.length; k++) {
          for (double sum : sums[k]) {
            out.writeDouble(sum);
          }
        }
      }
      for (double[] sums : state.logNormalizerSums) {
        out.writeBoolean(sums != null);
        for (int i = 0; sums != null && i < sums.length; i++) {
          out.writeDouble(sums[i]);
        }
      }
      for (int f = 0; f < state.field.factorCount(); f++) {
        out.writeBoolean(state.averagedCavity[f] != null);
        if (state.averagedCavity[f] != null) {
          out.writeDouble(state.averagedLogNormalizer[f]);
          for (GaussianMessage cavity : state.averagedCavity[f]) {
            out.writeDouble(cavity.precision());
            out.writeDouble(cavity.shift());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a state and checks that it belongs to this fit: same identifier, factors and variables.
   * {@link #earlierSeconds} is set to the seconds stored and {@link #history} to where its history
   * is.
   *
   * @param bytes the bytes of {@link #toBytes(EpState, String, double, EpState.HistoryReference)}
   * @param identifier the output identifier of this fit
   * @param factors this fit's factors
   * @param variables this fit's number of variables
   * @return the state
   * @throws IllegalStateException if the bytes are not an EP state of this fit, or are corrupt
   */
  static EpState fromBytes(byte[] bytes, String identifier, List<EpFactor> factors, int variables) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (bytes.length < 8 || in.readInt() != MAGIC) {
        throw new IllegalStateException("it is not an expectation propagation checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException(
            "it has format version " + version + " but this build reads version " + VERSION);
      }
      String owner = readString(in);
      if (!owner.equals(identifier)) {
        throw new IllegalStateException(
            "it belongs to the fit with identifier " + owner + ", not " + identifier);
      }
      int factorCount = in.readInt();
      int variableCount = in.readInt();
      if (factorCount != factors.size() || variableCount != variables) {
        throw new IllegalStateException(
            String.format(
                "it has %d factors and %d variables but the graph has %d and %d",
                factorCount, variableCount, factors.size(), variables));
      }
      EpState state = new EpState(factors, variables);
      int sweepCount = in.readInt();
      state.convergence = CONVERGENCES[in.readInt()];
      state.earlierSeconds = in.readDouble();
      for (int f = 0; f < factorCount; f++) {
        int scope = in.readInt();
        if (scope != factors.get(f).variables().size()) {
          throw new IllegalStateException("factor " + f + " has another number of variables");
        }
        GaussianMessage[] messages = new GaussianMessage[scope];
        for (int k = 0; k < scope; k++) {
          messages[k] = GaussianMessage.ofNatural(in.readDouble(), in.readDouble());
        }
        state.field.replace(f, messages);
        int status = in.readInt();
        state.statuses[f] = status == -1 ? null : STATUSES[status];
        state.evidenceTerms[f] = in.readDouble();
        state.updated[f] = in.readBoolean();
        state.failures[f] = in.readInt();
        state.flattened[f] = in.readBoolean();
        state.fallback[f] = in.readBoolean();
        int fit = in.readInt();
        state.fits[f] = fit == -1 ? null : FITS[fit];
        if (in.readBoolean()) {
          state.checkedCavity[f] = new GaussianMessage[scope];
          for (int k = 0; k < scope; k++) {
            state.checkedCavity[f][k] = GaussianMessage.ofNatural(in.readDouble(), in.readDouble());
          }
        }
        if (in.readBoolean()) {
          state.varianceNoise[f] = new double[scope];
          for (int k = 0; k < scope; k++) {
            state.varianceNoise[f][k] = in.readDouble();
          }
        }
        state.marginalTerms[f] = readTerms(in, scope);
      }
      state.field.recompute();
      for (int v = 0; v < variableCount; v++) {
        state.variableNoise[v] = in.readDouble();
      }
      long count = in.readLong();
      long length = in.readLong();
      if (count < 0 || length < 0) {
        throw new IOException("a negative history length");
      }
      byte[] sha256 = new byte[32];
      in.readFully(sha256);
      state.history = new EpState.HistoryReference(count, length, sha256);
      int sweeps = count(in, 8);
      for (int i = 0; i < sweeps; i++) {
        state.sweeps.add(
            new EpSweep(
                in.readInt(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readBoolean(),
                in.readInt(),
                in.readDouble(),
                in.readDouble()));
      }
      for (int f = 0; f < factorCount; f++) {
        state.lastSamples[f] = SamplesFormat.read(in);
      }
      state.averagedSweeps = in.readInt();
      state.noiseCorrected = in.readBoolean();
      for (int f = 0; f < factorCount; f++) {
        if (in.readBoolean()) {
          state.projectionSums[f] = new double[state.field.scope(f).length][5];
          for (double[] sums : state.projectionSums[f]) {
            for (int i = 0; i < sums.length; i++) {
              sums[i] = in.readDouble();
            }
          }
        }
      }
      for (int f = 0; f < factorCount; f++) {
        if (in.readBoolean()) {
          state.logNormalizerSums[f] = new double[2];
          for (int i = 0; i < 2; i++) {
            state.logNormalizerSums[f][i] = in.readDouble();
          }
        }
      }
      for (int f = 0; f < factorCount; f++) {
        if (in.readBoolean()) {
          state.averagedLogNormalizer[f] = in.readDouble();
          state.averagedCavity[f] = new GaussianMessage[state.field.scope(f).length];
          for (int k = 0; k < state.averagedCavity[f].length; k++) {
            state.averagedCavity[f][k] =
                GaussianMessage.ofNatural(in.readDouble(), in.readDouble());
          }
        }
      }
      if (sweeps != sweepCount || in.read() != -1) {
        throw new IllegalStateException("its sweep count or length is inconsistent");
      }
      return state;
    } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalStateException("it is truncated or corrupt (" + e + ")", e);
    }
  }

  private static void writeTerms(DataOutputStream out, MarginalTerm[] terms) throws IOException {
    out.writeInt(terms == null ? -1 : terms.length);
    for (int k = 0; terms != null && k < terms.length; k++) {
      if (terms[k] == null) {
        out.writeInt(-1);
        continue;
      }
      double[] values = terms[k].correction().logValues();
      out.writeInt(values.length);
      out.writeDouble(terms[k].message().precision());
      out.writeDouble(terms[k].message().shift());
      out.writeDouble(terms[k].correction().lower());
      out.writeDouble(terms[k].correction().upper());
      for (double value : values) {
        out.writeDouble(value);
      }
    }
  }

  private static MarginalTerm[] readTerms(DataInputStream in, int scope) throws IOException {
    int count = in.readInt();
    if (count == -1) {
      return null;
    }
    if (count != scope) {
      throw new IOException("a factor's marginal terms do not match its variables");
    }
    MarginalTerm[] terms = new MarginalTerm[count];
    for (int k = 0; k < count; k++) {
      int points = in.readInt();
      if (points != -1) {
        if (points < 2 || (long) points * 8 > in.available()) {
          throw new IOException("a table of " + points + " points exceeds the bytes left");
        }
        GaussianMessage message = GaussianMessage.ofNatural(in.readDouble(), in.readDouble());
        double lower = in.readDouble();
        double upper = in.readDouble();
        double[] values = new double[points];
        for (int g = 0; g < values.length; g++) {
          values[g] = in.readDouble();
        }
        terms[k] = new MarginalTerm(message, new LogDensityTable(lower, upper, values));
      }
    }
    return terms;
  }

  /** A string of {@link UpdateFormat#writeString}, its length checked against the bytes left. */
  static String readString(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[count(in, 1)];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A count of items of at least {@code minBytes} each, checked against the bytes left. */
  static int count(DataInputStream in, int minBytes) throws IOException {
    int count = in.readInt();
    if (count < 0 || (long) count * minBytes > in.available()) {
      throw new IOException("a count of " + count + " exceeds the bytes left");
    }
    return count;
  }
}

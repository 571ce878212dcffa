package org.graphfit.ep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the EP loop carries from one sweep to the next, and its byte format (the checkpoint
 * {@code files/checkpoint.bin} and the completed fit's {@code files/ep_result.bin}): every factor's
 * messages (the global approximation is their product, recomputed at the end of every sweep), each
 * factor's last status, evidence term and normalised tilted log normaliser, whether it has been
 * updated yet (its next update is damped), how often its own fit has failed since its last success,
 * its last marginal terms, the history, the sweep summaries, whether EP has converged and the
 * seconds spent. The approximation a sweep's KL test compares against is taken at that sweep's
 * start, so nothing else crosses a sweep boundary; factor seeds depend only on {@code (seed, sweep,
 * factor)}.
 *
 * <p>Format version 5, big-endian ({@link DataOutputStream}): magic {@code "GFEP"}, version, the
 * output identifier (string), factor count, variable count, sweeps done, converged flag, seconds;
 * per factor its scope length, then per variable the message's precision and shift, the status
 * ordinal (-1 for none yet), evidence term, normalised log normaliser, updated flag, failures since
 * the last success and marginal terms (count or -1 for none, then per variable the point count or
 * -1, the message's precision and shift, the correction's lower and upper ends and log values); the
 * history: a flag, then either the updates themselves (the completed fit: count, then per update
 * its sweep, factor name, status ordinal, KL, evidence term, seconds and message) or where they are
 * (the checkpoint: their count, the byte length of the prefix of a separate append-only file
 * holding them and that prefix's SHA-256, see {@link HistoryFile}); the sweeps (count, then sweep,
 * KL, largest KL, failing count, seconds). A string is its UTF-8 byte count and bytes. Keeping a
 * running fit's history out of its checkpoint makes a checkpoint's size independent of the sweeps
 * done.
 */
final class EpState {
  private static final int MAGIC = 0x47464550; // "GFEP"
  private static final int VERSION = 5;
  private static final UpdateStatus[] STATUSES = UpdateStatus.values();

  final MeanField field;
  final UpdateStatus[] statuses;
  final double[] evidenceTerms;
  final double[] normalisedLogZ;
  final boolean[] updated;

  /** Per factor, how often its own fit has failed since its last success. */
  final int[] failures;

  /** Per factor, the marginal terms of its last successful update, or null. */
  final MarginalTerm[][] marginalTerms;

  /** Per factor and position in its scope, whether the factor includes that variable's prior. */
  final boolean[][] ownsPrior;

  final List<EpUpdate> history = new ArrayList<>();
  final List<EpSweep> sweeps = new ArrayList<>();
  boolean converged;

  /** The seconds spent by earlier runs of this fit (0 for a fresh start). */
  double earlierSeconds;

  /**
   * For a state read from a checkpoint, where its history is ({@link #history} is then empty until
   * it is read); null otherwise.
   */
  HistoryReference externalHistory;

  /**
   * The history of a checkpoint: its number of updates, the byte length of the prefix of the
   * history file holding them and the prefix's SHA-256.
   *
   * @param count the number of updates
   * @param bytes the length of the prefix
   * @param sha256 the prefix's digest, 32 bytes
   */
  record HistoryReference(int count, long bytes, byte[] sha256) {}

  private EpState(List<EpFactor> factors, int variables) {
    List<List<Integer>> scopes = new ArrayList<>();
    this.ownsPrior = new boolean[factors.size()][];
    for (int f = 0; f < factors.size(); f++) {
      EpFactor factor = factors.get(f);
      scopes.add(factor.variables());
      ownsPrior[f] = new boolean[factor.variables().size()];
      for (int k = 0; k < ownsPrior[f].length; k++) {
        ownsPrior[f][k] = factor.ownsPrior(k);
      }
    }
    this.field = new MeanField(variables, scopes);
    this.statuses = new UpdateStatus[factors.size()];
    this.evidenceTerms = new double[factors.size()];
    this.normalisedLogZ = new double[factors.size()];
    // a factor that never updates contributes no evidence term: the estimate stays NaN
    Arrays.fill(evidenceTerms, Double.NaN);
    Arrays.fill(normalisedLogZ, Double.NaN);
    this.updated = new boolean[factors.size()];
    this.failures = new int[factors.size()];
    this.marginalTerms = new MarginalTerm[factors.size()][];
  }

  /**
   * The state before the first sweep: prior factors' initial messages, analysis factors' latent
   * prior approximations for the variables whose prior they include, exact priors marked {@link
   * UpdateStatus#FIXED} in the history of sweep 1, every other message flat.
   *
   * @param factors the factors
   * @param variables the number of variables
   * @return the state
   */
  static EpState start(List<EpFactor> factors, int variables) {
    EpState state = new EpState(factors, variables);
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f) instanceof PriorFactor prior) {
        state.field.replace(f, new GaussianMessage[] {prior.initialMessage()});
      } else if (factors.get(f) instanceof LikelihoodFactor<?> likelihood) {
        state.field.replace(f, likelihood.initialMessages());
      }
    }
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f) instanceof PriorFactor prior && prior.isFixed()) {
        // An exact factor equals its message times s_f with log s_f = -A(message), in any cavity.
        state.statuses[f] = UpdateStatus.FIXED;
        state.evidenceTerms[f] = -state.field.message(f, 0).logNormaliser();
        state.normalisedLogZ[f] = Double.NaN;
        state.history.add(
            new EpUpdate(
                1, factors.get(f).name(), UpdateStatus.FIXED, 0, state.evidenceTerms[f], 0, ""));
      }
    }
    return state;
  }

  /**
   * The number of sweeps done.
   *
   * @return the count
   */
  int sweepCount() {
    return sweeps.size();
  }

  /**
   * Excludes a factor from further updates. One excluded before any successful update keeps its
   * start, the prior's Gaussian for the variables whose prior it includes and flat messages
   * elsewhere: as with an exact prior factor, its evidence term is then {@code -A(message)} over
   * those variables, so that the estimate is that of the graph without its data.
   *
   * @param f the factor
   */
  void exclude(int f) {
    statuses[f] = UpdateStatus.EXCLUDED;
    if (!updated[f]) {
      evidenceTerms[f] = 0;
      for (int k = 0; k < ownsPrior[f].length; k++) {
        evidenceTerms[f] -= ownsPrior[f][k] ? field.message(f, k).logNormaliser() : 0;
      }
    }
  }

  /** The EP log evidence, {@code A(q) + sum_f log s_f}; see {@link ExpectationPropagation}. */
  double logEvidence() {
    double total = 0;
    for (int v = 0; v < field.variableCount(); v++) {
      total += field.global(v).logNormaliser();
    }
    for (int f = 0; f < field.factorCount(); f++) {
      GaussianMessage[] cavity = field.cavity(f);
      double term = normalisedLogZ[f];
      for (int k = 0; k < cavity.length; k++) {
        term +=
            ExpectationPropagation.cavityLogNormaliser(cavity[k], ownsPrior[f][k])
                - field.global(field.scope(f)[k]).logNormaliser();
      }
      total += Double.isNaN(term) ? evidenceTerms[f] : term;
    }
    return total;
  }

  /**
   * The state's bytes with its history.
   *
   * @param identifier the output identifier of the fit, checked when the bytes are read back
   * @param seconds the seconds spent on the fit so far, all runs together
   * @return the bytes
   */
  byte[] toBytes(String identifier, double seconds) {
    return toBytes(identifier, seconds, null);
  }

  /**
   * The state's bytes without its history, which is a prefix of a separate file.
   *
   * @param identifier the output identifier of the fit, checked when the bytes are read back
   * @param seconds the seconds spent on the fit so far, all runs together
   * @param history the prefix of the history file holding the history
   * @return the bytes
   */
  byte[] toCheckpointBytes(String identifier, double seconds, HistoryReference history) {
    return toBytes(identifier, seconds, history);
  }

  private byte[] toBytes(String identifier, double seconds, HistoryReference external) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      writeString(out, identifier);
      out.writeInt(field.factorCount());
      out.writeInt(field.variableCount());
      out.writeInt(sweeps.size());
      out.writeBoolean(converged);
      out.writeDouble(seconds);
      for (int f = 0; f < field.factorCount(); f++) {
        int scope = field.scope(f).length;
        out.writeInt(scope);
        for (int k = 0; k < scope; k++) {
          out.writeDouble(field.message(f, k).precision());
          out.writeDouble(field.message(f, k).shift());
        }
        out.writeInt(statuses[f] == null ? -1 : statuses[f].ordinal());
        out.writeDouble(evidenceTerms[f]);
        out.writeDouble(normalisedLogZ[f]);
        out.writeBoolean(updated[f]);
        out.writeInt(failures[f]);
        writeTerms(out, marginalTerms[f]);
      }
      out.writeBoolean(external == null);
      if (external == null) {
        out.writeInt(history.size());
        for (EpUpdate update : history) {
          writeUpdate(out, update);
        }
      } else {
        out.writeInt(external.count());
        out.writeLong(external.bytes());
        out.write(external.sha256());
      }
      out.writeInt(sweeps.size());
      for (EpSweep sweep : sweeps) {
        out.writeInt(sweep.sweep());
        out.writeDouble(sweep.kl());
        out.writeDouble(sweep.maxKl());
        out.writeInt(sweep.failing());
        out.writeDouble(sweep.seconds());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a state and checks that it belongs to this fit: same identifier, factors and variables.
   * {@link #earlierSeconds} is set to the seconds stored.
   *
   * @param bytes the bytes of {@link #toBytes}
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
      state.converged = in.readBoolean();
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
        state.normalisedLogZ[f] = in.readDouble();
        state.updated[f] = in.readBoolean();
        state.failures[f] = in.readInt();
        state.marginalTerms[f] = readTerms(in, scope);
      }
      state.field.recompute();
      boolean inline = in.readBoolean();
      if (inline) {
        int updates = count(in, 8);
        for (int i = 0; i < updates; i++) {
          state.history.add(readUpdate(in));
        }
      } else {
        int updates = in.readInt();
        long length = in.readLong();
        byte[] sha256 = new byte[32];
        in.readFully(sha256);
        state.externalHistory = new HistoryReference(updates, length, sha256);
      }
      int sweeps = count(in, 8);
      for (int i = 0; i < sweeps; i++) {
        state.sweeps.add(
            new EpSweep(
                in.readInt(), in.readDouble(), in.readDouble(), in.readInt(), in.readDouble()));
      }
      if (sweeps != sweepCount || in.read() != -1) {
        throw new IllegalStateException("its sweep count or length is inconsistent");
      }
      return state;
    } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalStateException("it is truncated or corrupt (" + e + ")", e);
    }
  }

  /**
   * Encodes updates for the history file: per update its sweep, factor name, status ordinal, KL,
   * evidence term, seconds and message.
   *
   * @param updates the updates
   * @return the bytes
   */
  static byte[] encode(List<EpUpdate> updates) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (EpUpdate update : updates) {
        writeUpdate(out, update);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes the updates of {@link #encode(List)}.
   *
   * @param bytes the bytes, exactly {@code count} encoded updates
   * @param count the number of updates
   * @return the updates
   * @throws IllegalStateException if the bytes do not hold exactly that many updates
   */
  static List<EpUpdate> decode(byte[] bytes, int count) {
    List<EpUpdate> updates = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      for (int i = 0; i < count; i++) {
        updates.add(readUpdate(in));
      }
      if (in.read() != -1) {
        throw new IOException("it holds more than the " + count + " updates expected");
      }
    } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalStateException("it is truncated or corrupt (" + e + ")", e);
    }
    return updates;
  }

  private static void writeUpdate(DataOutputStream out, EpUpdate update) throws IOException {
    out.writeInt(update.sweep());
    writeString(out, update.factor());
    out.writeInt(update.status().ordinal());
    out.writeDouble(update.kl());
    out.writeDouble(update.logEvidenceTerm());
    out.writeDouble(update.seconds());
    writeString(out, update.message());
  }

  private static EpUpdate readUpdate(DataInputStream in) throws IOException {
    return new EpUpdate(
        in.readInt(),
        readString(in),
        STATUSES[in.readInt()],
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        readString(in));
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

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[count(in, 1)];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A count of items of at least {@code minBytes} each, checked against the bytes left. */
  private static int count(DataInputStream in, int minBytes) throws IOException {
    int count = in.readInt();
    if (count < 0 || (long) count * minBytes > in.available()) {
      throw new IOException("a count of " + count + " exceeds the bytes left");
    }
    return count;
  }
}

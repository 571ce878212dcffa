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
 * factor's last status, evidence term, whether it has been updated yet (its next update is damped),
 * how often its own fit has failed since its last success, whether its last message was set flat,
 * whether it is fitted by the fallback sampler, the cavity of its last passed Laplace check, how
 * its last fit was made, the noise of its last sampled projection's variances and its last marginal
 * terms, the updates of the sweep not yet handed to the history, the sweep summaries, how the fit
 * converged and the seconds spent. The approximation a sweep's residuals compare against is taken
 * per update, so nothing else crosses a sweep boundary; factor seeds depend only on {@code (seed,
 * sweep, factor)}. The full history is not held: it goes to a {@link MemoryHistory} or the fit's
 * history file after every sweep.
 *
 * <p>Format version 6, big-endian ({@link DataOutputStream}): magic {@code "GFEP"}, version, the
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
 * KL, largest KL, residual, noise floor, failing count, factor seconds, seconds). A string is its
 * UTF-8 byte count and bytes. Keeping the history out of the state makes its size independent of
 * the sweeps done.
 */
final class EpState {
  private static final int MAGIC = 0x47464550; // "GFEP"
  private static final int VERSION = 6;
  private static final UpdateStatus[] STATUSES = UpdateStatus.values();
  private static final int MAX_UPDATE_STRING = 1 << 24;
  private static final FactorResult.Fit[] FITS = FactorResult.Fit.values();
  private static final Convergence[] CONVERGENCES = Convergence.values();

  final MeanField field;
  final UpdateStatus[] statuses;

  /** Per factor, {@code log s_f} of its scaled site; see {@link #logEvidence()}. */
  final double[] evidenceTerms;

  final boolean[] updated;

  /** Per factor, how often its own fit has failed since its last success. */
  final int[] failures;

  /** Per factor, the marginal terms of its last successful update, or null. */
  final MarginalTerm[][] marginalTerms;

  /** Per factor, whether its last successful update set a message of negative precision flat. */
  final boolean[] flattened;

  /**
   * Per factor, the relative variance {@code Var(v̂)/v²} of each projected variance of its last
   * successful sampled update, or null (deterministic updates).
   */
  final double[][] varianceNoise;

  /**
   * Per variable, the sampling noise its approximation carried from sampled factors after the last
   * sweep (see {@link ConvergenceTest}).
   */
  final double[] variableNoise;

  /**
   * Per analysis factor, the cavity of its last Laplace fit that passed its check, or null: its
   * next fits are checked only once the cavity has moved away from it.
   */
  final GaussianMessage[][] checkedCavity;

  /** Per analysis factor, whether it is fitted by the fallback sampler from now on. */
  final boolean[] fallback;

  /** Per factor, how its last update was fitted, or null before its first. */
  final FactorResult.Fit[] fits;

  /** Per factor and position in its scope, whether the factor includes that variable's prior. */
  final boolean[][] ownsPrior;

  /** The updates not yet handed to the history: those of the sweep under way. */
  final List<EpUpdate> pending = new ArrayList<>();

  final List<EpSweep> sweeps = new ArrayList<>();
  Convergence convergence = Convergence.NOT_CONVERGED;

  /** The seconds spent by earlier runs of this fit (0 for a fresh start). */
  double earlierSeconds;

  /** For a state read from bytes, where its history is in the history file; null otherwise. */
  HistoryReference history;

  /**
   * Where a state's history is: its number of updates, the byte length of the prefix of the history
   * file holding them and the prefix's SHA-256.
   *
   * @param count the number of updates
   * @param bytes the length of the prefix
   * @param sha256 the prefix's digest, 32 bytes
   */
  record HistoryReference(long count, long bytes, byte[] sha256) {}

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
    this.variableNoise = new double[variables];
    this.statuses = new UpdateStatus[factors.size()];
    this.evidenceTerms = new double[factors.size()];
    // a factor that never updates contributes no evidence term: the estimate stays NaN
    Arrays.fill(evidenceTerms, Double.NaN);
    this.updated = new boolean[factors.size()];
    this.failures = new int[factors.size()];
    this.marginalTerms = new MarginalTerm[factors.size()][];
    this.flattened = new boolean[factors.size()];
    this.fallback = new boolean[factors.size()];
    this.fits = new FactorResult.Fit[factors.size()];
    this.varianceNoise = new double[factors.size()][];
    this.checkedCavity = new GaussianMessage[factors.size()][];
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
        state.pending.add(
            new EpUpdate(
                1,
                factors.get(f).name(),
                UpdateStatus.FIXED,
                0,
                0,
                0,
                state.evidenceTerms[f],
                0,
                ""));
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

  /**
   * The EP log evidence {@code A(q) + sum_f log s_f}: the integral of the product of the scaled
   * sites {@code s_f m_f}, each scaled at its last update to its factor's normaliser under the
   * cavity of that update; see {@link ExpectationPropagation}.
   */
  double logEvidence() {
    double total = 0;
    for (int v = 0; v < field.variableCount(); v++) {
      total += field.global(v).logNormaliser();
    }
    for (int f = 0; f < field.factorCount(); f++) {
      total += evidenceTerms[f];
    }
    return total;
  }

  /**
   * The state's bytes.
   *
   * @param identifier the output identifier of the fit, checked when the bytes are read back
   * @param seconds the seconds spent on the fit so far, all runs together
   * @param history where the fit's history is: the updates handed to the history file so far
   * @return the bytes
   */
  byte[] toBytes(String identifier, double seconds, HistoryReference history) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      writeString(out, identifier);
      out.writeInt(field.factorCount());
      out.writeInt(field.variableCount());
      out.writeInt(sweeps.size());
      out.writeInt(convergence.ordinal());
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
        out.writeBoolean(updated[f]);
        out.writeInt(failures[f]);
        out.writeBoolean(flattened[f]);
        out.writeBoolean(fallback[f]);
        out.writeInt(fits[f] == null ? -1 : fits[f].ordinal());
        out.writeBoolean(checkedCavity[f] != null);
        for (int k = 0; checkedCavity[f] != null && k < scope; k++) {
          out.writeDouble(checkedCavity[f][k].precision());
          out.writeDouble(checkedCavity[f][k].shift());
        }
        out.writeBoolean(varianceNoise[f] != null);
        for (int k = 0; varianceNoise[f] != null && k < scope; k++) {
          out.writeDouble(varianceNoise[f][k]);
        }
        writeTerms(out, marginalTerms[f]);
      }
      for (double noise : variableNoise) {
        out.writeDouble(noise);
      }
      out.writeLong(history.count());
      out.writeLong(history.bytes());
      out.write(history.sha256());
      out.writeInt(sweeps.size());
      for (EpSweep sweep : sweeps) {
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
   * @param bytes the bytes of {@link #toBytes(String, double, HistoryReference)}
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
      state.history = new HistoryReference(count, length, sha256);
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
   * residual, noise, evidence term, seconds and message.
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
    out.writeDouble(update.residual());
    out.writeDouble(update.noise());
    out.writeDouble(update.logEvidenceTerm());
    out.writeDouble(update.seconds());
    writeString(out, update.message());
  }

  private static EpUpdate readUpdate(DataInputStream in) throws IOException {
    return new EpUpdate(
        in.readInt(),
        readUpdateString(in),
        STATUSES[in.readInt()],
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        in.readDouble(),
        readUpdateString(in));
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

  /**
   * A string of an update, from a stream whose length {@link DataInputStream#available()} need not
   * know: its length is only checked against a bound no message reaches.
   */
  private static String readUpdateString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_UPDATE_STRING) {
      throw new IOException("a string of " + length + " bytes");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
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

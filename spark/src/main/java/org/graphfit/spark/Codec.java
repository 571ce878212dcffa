package org.graphfit.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.GaussianMessage;
import org.graphfit.ep.LogDensityTable;
import org.graphfit.ep.MarginalTerm;
import org.graphfit.ep.SamplesFormat;
import org.graphfit.ep.UpdateStatus;
import org.graphfit.search.Samples;

/**
 * Tasks and results as compact byte arrays, the only payload this module hands to Spark's
 * serializer: Java serialization and Kryo (whose field serializer cannot set a record's fields)
 * both carry a {@code byte[]} as is. Doubles are written bit for bit, so a decoded value is the
 * encoded one.
 */
final class Codec {
  private static final UpdateStatus[] STATUSES = UpdateStatus.values();
  private static final FactorResult.Fit[] FITS = FactorResult.Fit.values();

  private Codec() {}

  /** What an executor reports with the results of one partition. */
  record Report(
      String executor,
      boolean built,
      double buildSeconds,
      double seconds,
      List<FactorResult> results) {}

  static byte[] tasks(List<FactorTask> tasks) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 80 * tasks.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(tasks.size());
      for (FactorTask task : tasks) {
        out.writeInt(task.factor());
        out.writeInt(task.sweep());
        out.writeLong(task.seed());
        out.writeInt(task.cavity().length);
        for (GaussianMessage message : task.cavity()) {
          writeMessage(out, message);
        }
        for (GaussianMessage message : task.current()) {
          writeMessage(out, message);
        }
        out.writeBoolean(task.fallback());
        out.writeBoolean(task.check());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static FactorTask[] tasks(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      FactorTask[] tasks = new FactorTask[in.readInt()];
      for (int t = 0; t < tasks.length; t++) {
        int factor = in.readInt();
        int sweep = in.readInt();
        long seed = in.readLong();
        GaussianMessage[] cavity = new GaussianMessage[in.readInt()];
        GaussianMessage[] current = new GaussianMessage[cavity.length];
        for (int k = 0; k < cavity.length; k++) {
          cavity[k] = readMessage(in);
        }
        for (int k = 0; k < current.length; k++) {
          current[k] = readMessage(in);
        }
        boolean fallback = in.readBoolean();
        boolean check = in.readBoolean();
        tasks[t] = new FactorTask(factor, sweep, seed, cavity, current, fallback, check);
      }
      return tasks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] report(Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 80 * report.results().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, report.executor());
      out.writeBoolean(report.built());
      out.writeDouble(report.buildSeconds());
      out.writeDouble(report.seconds());
      out.writeInt(report.results().size());
      for (FactorResult result : report.results()) {
        writeResult(out, result);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Report report(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      String executor = readString(in);
      boolean built = in.readBoolean();
      double buildSeconds = in.readDouble();
      double seconds = in.readDouble();
      FactorResult[] results = new FactorResult[in.readInt()];
      for (int r = 0; r < results.length; r++) {
        results[r] = readResult(in);
      }
      return new Report(executor, built, buildSeconds, seconds, List.of(results));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeResult(DataOutputStream out, FactorResult result) throws IOException {
    out.writeInt(result.factor());
    out.writeByte(result.status().ordinal());
    writeMessages(out, result.moments());
    FactorResult.Noise noise = result.noise();
    out.writeBoolean(noise != null);
    if (noise != null) {
      writeDoubles(out, noise.kl());
      writeDoubles(out, noise.variance());
      out.writeDouble(noise.logNormalizerVariance());
    }
    out.writeDouble(result.logNormalizer());
    MarginalTerm[] terms = result.marginalTerms();
    out.writeInt(terms == null ? -1 : terms.length);
    if (terms != null) {
      for (MarginalTerm term : terms) {
        out.writeBoolean(term != null);
        if (term != null) {
          writeMessage(out, term.message());
          LogDensityTable table = term.correction();
          out.writeDouble(table.lower());
          out.writeDouble(table.upper());
          double[] values = table.logValues();
          out.writeInt(values.length);
          for (double value : values) {
            out.writeDouble(value);
          }
        }
      }
    }
    out.writeByte(result.fit().ordinal());
    writeString(out, result.message());
    out.writeDouble(result.seconds());
    SamplesFormat.write(out, result.samples());
  }

  private static FactorResult readResult(DataInputStream in) throws IOException {
    int factor = in.readInt();
    UpdateStatus status = STATUSES[in.readByte()];
    GaussianMessage[] moments = readMessages(in);
    FactorResult.Noise noise =
        in.readBoolean()
            ? new FactorResult.Noise(readDoubles(in), readDoubles(in), in.readDouble())
            : null;
    double logNormalizer = in.readDouble();
    int termCount = in.readInt();
    MarginalTerm[] terms = termCount < 0 ? null : new MarginalTerm[termCount];
    for (int k = 0; k < termCount; k++) {
      if (in.readBoolean()) {
        GaussianMessage message = readMessage(in);
        double lower = in.readDouble();
        double upper = in.readDouble();
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readDouble();
        }
        terms[k] = new MarginalTerm(message, new LogDensityTable(lower, upper, values));
      }
    }
    FactorResult.Fit fit = FITS[in.readByte()];
    String message = readString(in);
    double seconds = in.readDouble();
    Samples samples = SamplesFormat.read(in);
    return new FactorResult(
        factor, status, moments, noise, logNormalizer, terms, fit, message, seconds, samples);
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] values = new double[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  private static void writeMessages(DataOutputStream out, GaussianMessage[] messages)
      throws IOException {
    out.writeInt(messages == null ? -1 : messages.length);
    if (messages != null) {
      for (GaussianMessage message : messages) {
        out.writeBoolean(message != null);
        if (message != null) {
          writeMessage(out, message);
        }
      }
    }
  }

  private static GaussianMessage[] readMessages(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    GaussianMessage[] messages = new GaussianMessage[length];
    for (int k = 0; k < length; k++) {
      messages[k] = in.readBoolean() ? readMessage(in) : null;
    }
    return messages;
  }

  private static void writeMessage(DataOutputStream out, GaussianMessage message)
      throws IOException {
    out.writeDouble(message.precision());
    out.writeDouble(message.shift());
  }

  private static GaussianMessage readMessage(DataInputStream in) throws IOException {
    double precision = in.readDouble();
    return GaussianMessage.ofNatural(precision, in.readDouble());
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    if (text == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}

package org.graphfit.ep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The byte format of the updates of the history file's records ({@link HistoryFile}). */
final class UpdateFormat {
  private static final UpdateStatus[] STATUSES = UpdateStatus.values();
  private static final int MAX_UPDATE_STRING = 1 << 24;
  private static final UpdateAdjustment[] ADJUSTMENTS = UpdateAdjustment.values();

  private UpdateFormat() {}

  /**
   * Encodes updates for the history file: per update its sweep, factor name, status ordinal, KL,
   * residual, noise, evidence term, seconds, message and adjustments (a bit per {@link
   * UpdateAdjustment} ordinal).
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
    int adjustments = 0;
    for (UpdateAdjustment adjustment : update.adjustments()) {
      adjustments |= 1 << adjustment.ordinal();
    }
    out.writeInt(adjustments);
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
        readUpdateString(in),
        readAdjustments(in));
  }

  private static Set<UpdateAdjustment> readAdjustments(DataInputStream in) throws IOException {
    int bits = in.readInt();
    if (bits >>> ADJUSTMENTS.length != 0) {
      throw new IOException("unknown update adjustments " + Integer.toBinaryString(bits));
    }
    Set<UpdateAdjustment> adjustments = EnumSet.noneOf(UpdateAdjustment.class);
    for (UpdateAdjustment adjustment : ADJUSTMENTS) {
      if ((bits & 1 << adjustment.ordinal()) != 0) {
        adjustments.add(adjustment);
      }
    }
    return adjustments;
  }

  /** Writes a string as its UTF-8 byte count and bytes. */
  static void writeString(DataOutputStream out, String text) throws IOException {
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
}

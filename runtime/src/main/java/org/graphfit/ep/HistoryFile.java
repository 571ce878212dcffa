package org.graphfit.ep;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.graphfit.search.Storage;

/**
 * An EP fit's append-only {@code files/history.bin}: the updates of every sweep, appended after the
 * sweep as one record {@code [payload length][update count][payload][CRC32C of the three]}, the
 * payload being {@link UpdateFormat#encode(List)} of the updates. Each checkpoint, and the
 * completed fit's final state, records the count, length and SHA-256 of the prefix it owns ({@link
 * EpState.HistoryReference}). The file is only ever read as a stream, one record (one sweep) at a
 * time, so neither a resume nor a result reading its history holds it in memory: a resume checks
 * the prefix's digest and each record's checksum and cuts off whatever a killed fit appended after
 * it; {@link #forEach} hands the updates over as it checks them. The digest is kept running, so a
 * checkpoint costs the sweep's bytes, not the whole file's.
 */
final class HistoryFile {
  private static final int FRAME = 4 + 4 + 4;

  private final Path file;
  private MessageDigest prefixDigest = newDigest();
  private long length;
  private long count;

  HistoryFile(Path file) {
    this.file = file;
  }

  /** The file. */
  Path path() {
    return file;
  }

  /**
   * What a checkpoint written now records of the history: the count, length and SHA-256 of the
   * prefix appended so far.
   */
  EpState.HistoryReference reference() {
    return new EpState.HistoryReference(count, length, copy(prefixDigest).digest());
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be cloned on every Java platform", e);
    }
  }

  /** Appends one sweep's updates as a record, after cutting off anything beyond this fit's. */
  void append(List<EpUpdate> updates) {
    byte[] payload = UpdateFormat.encode(updates);
    ByteBuffer record = ByteBuffer.allocate(FRAME + payload.length);
    record.putInt(payload.length).putInt(updates.size()).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(record.array(), 0, record.position());
    record.putInt((int) crc.getValue());
    Storage.get().cutAndAppend(file, length, record.array());
    prefixDigest.update(record.array());
    length += record.capacity();
    count += updates.size();
  }

  /** Forgets the file's content: the next append starts it afresh. */
  void reset() {
    prefixDigest = newDigest();
    length = 0;
    count = 0;
  }

  /**
   * Checks the prefix a checkpoint owns, record by record, and continues appending after it.
   *
   * @param reference the checkpoint's history
   * @return what is wrong with the file, or null if the prefix is intact
   */
  String adopt(EpState.HistoryReference reference) {
    reset();
    MessageDigest digest = newDigest();
    String damage = scan(reference, update -> {}, digest);
    if (damage == null) {
      prefixDigest = digest;
      length = reference.bytes();
      count = reference.count();
    }
    return damage;
  }

  /**
   * Hands the updates of a prefix to {@code action}, one record at a time.
   *
   * @param reference the prefix
   * @param action receives each update
   * @throws IllegalStateException naming the file if it is missing, short, damaged or not the
   *     prefix recorded
   */
  void forEach(EpState.HistoryReference reference, Consumer<EpUpdate> action) {
    String damage = scan(reference, action, newDigest());
    if (damage != null) {
      throw new IllegalStateException(file + " cannot be used: " + damage);
    }
  }

  /**
   * Reads a prefix record by record, checking each record's checksum, then the count and the
   * prefix's SHA-256; an update is handed over once its record is checked.
   *
   * @param digest receives the prefix's bytes
   * @return what is wrong, or null
   */
  private String scan(
      EpState.HistoryReference reference, Consumer<EpUpdate> action, MessageDigest digest) {
    if (!Files.exists(file)) {
      return reference.bytes() == 0 && reference.count() == 0 ? null : "it is missing";
    }
    long seen = 0;
    long position = 0;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      while (position < reference.bytes()) {
        if (reference.bytes() - position < FRAME) {
          return "its record at byte " + position + " is cut short";
        }
        int payload;
        int updateCount;
        try {
          payload = in.readInt();
          updateCount = in.readInt();
        } catch (EOFException e) {
          return "the fit owns its first " + reference.bytes() + " bytes but it has " + position;
        }
        if (payload < 0 || updateCount < 0 || payload > reference.bytes() - position - FRAME) {
          return "its record at byte " + position + " has a damaged frame";
        }
        byte[] record = new byte[8 + payload];
        ByteBuffer.wrap(record).putInt(payload).putInt(updateCount);
        int stored;
        try {
          in.readFully(record, 8, payload);
          stored = in.readInt();
        } catch (EOFException e) {
          return "the fit owns its first " + reference.bytes() + " bytes but it is shorter";
        }
        CRC32C crc = new CRC32C();
        crc.update(record);
        if (stored != (int) crc.getValue()) {
          return "its record at byte " + position + " fails its checksum";
        }
        digest.update(record);
        digest.update(ByteBuffer.allocate(4).putInt(stored).array());
        List<EpUpdate> updates;
        try {
          updates = UpdateFormat.decode(Arrays.copyOfRange(record, 8, record.length), updateCount);
        } catch (IllegalStateException e) {
          return "its record at byte " + position + " cannot be decoded: " + e.getMessage();
        }
        updates.forEach(action);
        seen += updateCount;
        position += FRAME + payload;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    if (seen != reference.count()) {
      return "it holds " + seen + " updates, not the " + reference.count() + " the fit expects";
    }
    if (!MessageDigest.isEqual(copy(digest).digest(), reference.sha256())) {
      return "its first "
          + reference.bytes()
          + " bytes differ from those the fit recorded (SHA-256)";
    }
    return null;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

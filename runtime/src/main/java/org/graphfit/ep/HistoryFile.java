package org.graphfit.ep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.graphfit.output.AtomicFiles;

/**
 * A running EP fit's append-only {@code files/history.bin}: the updates of every sweep, appended
 * after the sweep as one record {@code [payload length][update count][payload][CRC32C of the
 * three]}, the payload being {@link EpState#encode(List)} of the updates. Each checkpoint records
 * the count, length and SHA-256 of the prefix it owns ({@link EpState.HistoryReference}); a resume
 * reads exactly that prefix, checks its digest and each record's checksum, and cuts off whatever a
 * killed fit appended after it. The digest is kept running, so a checkpoint costs the sweep's
 * bytes, not the whole file's.
 */
final class HistoryFile {
  private static final int FRAME = 4 + 4 + 4;

  private final Path file;
  private MessageDigest prefixDigest = newDigest();
  private long length;
  private int count;

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
    try {
      byte[] digest = ((MessageDigest) prefixDigest.clone()).digest();
      return new EpState.HistoryReference(count, length, digest);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be cloned on every Java platform", e);
    }
  }

  /** Appends one sweep's updates as a record, after cutting off anything beyond this fit's. */
  void append(List<EpUpdate> updates) {
    byte[] payload = EpState.encode(updates);
    ByteBuffer record = ByteBuffer.allocate(FRAME + payload.length);
    record.putInt(payload.length).putInt(updates.size()).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(record.array(), 0, record.position());
    record.putInt((int) crc.getValue());
    AtomicFiles.cutAndAppend(file, length, record.array());
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

  /** The updates of a checkpoint's prefix, or what is wrong with the file. */
  record Read(List<EpUpdate> updates, String damage) {}

  /**
   * Reads the prefix a checkpoint owns, checks its digest and records, and continues appending
   * after it.
   */
  Read read(EpState.HistoryReference reference) {
    reset();
    if (reference.bytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          file + " holds more than 2 GiB of updates, more than a resume can read; fit afresh");
    }
    byte[] bytes;
    try {
      if (!Files.exists(file)) {
        return reference.bytes() == 0 && reference.count() == 0
            ? new Read(List.of(), null)
            : new Read(List.of(), "it is missing");
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) reference.bytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    if (bytes.length < reference.bytes()) {
      return new Read(
          List.of(),
          "the checkpoint owns its first "
              + reference.bytes()
              + " bytes but it has "
              + bytes.length);
    }
    MessageDigest digest = newDigest();
    digest.update(bytes);
    if (!MessageDigest.isEqual(digest.digest(), reference.sha256())) {
      return new Read(
          List.of(),
          "its first "
              + bytes.length
              + " bytes differ from those the"
              + " checkpoint recorded (SHA-256)");
    }
    List<EpUpdate> updates = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      int start = buffer.position();
      if (buffer.remaining() < FRAME) {
        return new Read(List.of(), "its record at byte " + start + " is cut short");
      }
      int payload = buffer.getInt();
      int updateCount = buffer.getInt();
      if (payload < 0 || updateCount < 0 || payload > buffer.remaining() - 4) {
        return new Read(List.of(), "its record at byte " + start + " has a damaged frame");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, start, 8 + payload);
      buffer.position(start + 8 + payload);
      if (buffer.getInt() != (int) crc.getValue()) {
        return new Read(List.of(), "its record at byte " + start + " fails its checksum");
      }
      try {
        updates.addAll(
            EpState.decode(Arrays.copyOfRange(bytes, start + 8, start + 8 + payload), updateCount));
      } catch (IllegalStateException e) {
        return new Read(List.of(), "its record at byte " + start + " cannot be decoded: " + e);
      }
    }
    if (updates.size() != reference.count()) {
      return new Read(
          List.of(),
          "it holds "
              + updates.size()
              + " updates, not the "
              + reference.count()
              + " the checkpoint expects");
    }
    prefixDigest.update(bytes);
    length = bytes.length;
    count = updates.size();
    return new Read(updates, null);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

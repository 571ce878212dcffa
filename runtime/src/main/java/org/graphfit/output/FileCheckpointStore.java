package org.graphfit.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import org.graphfit.log.Log;
import org.graphfit.search.CheckpointStore;

/**
 * A {@link CheckpointStore} kept in one file, replaced atomically at every save. The file carries
 * its own digest: a 48-byte header (magic {@code "GFCK"}, format version, the state's length and
 * its SHA-256) before the state. A file that fails the check (damaged, truncated, emptied, or
 * written by something else) is never resumed from: it is renamed {@code <name>.corrupt}, a warning
 * says so, and the fit starts again from the beginning, which with the same seed ends with the same
 * result as an uninterrupted fit.
 */
public final class FileCheckpointStore implements CheckpointStore {
  private static final Log LOG = Log.of(FileCheckpointStore.class);
  private static final int MAGIC = 0x4746434b; // "GFCK"
  private static final int VERSION = 1;
  private static final int HEADER = 4 + 4 + 8 + 32;

  private final Path file;

  /**
   * A store in the given file.
   *
   * @param file the checkpoint file; it need not exist yet
   */
  public FileCheckpointStore(Path file) {
    this.file = file;
  }

  /**
   * The saved state, checked against its digest.
   *
   * @return the state, or empty if none was saved or the saved one is damaged (then moved aside)
   * @throws UncheckedIOException if the file cannot be read
   */
  @Override
  public Optional<byte[]> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read checkpoint " + file, e);
    }
    String damage = damage(bytes);
    if (damage == null) {
      return Optional.of(Arrays.copyOfRange(bytes, HEADER, bytes.length));
    }
    discard(damage);
    return Optional.empty();
  }

  /** What is wrong with a checkpoint file's bytes, or null if they pass the check. */
  private static String damage(byte[] bytes) {
    if (bytes.length < HEADER) {
      return bytes.length == 0 ? "it is empty" : "it is shorter than its header";
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER);
    if (header.getInt() != MAGIC) {
      return "it is not a GraphFit checkpoint file";
    }
    int version = header.getInt();
    if (version != VERSION) {
      return "it has format version " + version + ", this build reads " + VERSION;
    }
    long length = header.getLong();
    if (length != bytes.length - HEADER) {
      return "its header announces "
          + length
          + " bytes of state but it holds "
          + (bytes.length - HEADER);
    }
    byte[] recorded = new byte[32];
    header.get(recorded);
    if (!MessageDigest.isEqual(recorded, sha256(bytes, HEADER, bytes.length - HEADER))) {
      return "its SHA-256 differs from the one recorded when it was written";
    }
    return null;
  }

  /**
   * Moves a damaged checkpoint aside and says that the fit starts afresh. Other files that only a
   * checkpoint gives meaning to (e.g. expectation propagation's history) are the caller's.
   *
   * @param reason what is wrong with it
   * @throws UncheckedIOException if it cannot be moved
   */
  public void discard(String reason) {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not move the damaged checkpoint " + file + " aside", e);
    }
    LOG.warn(
        "{} cannot be resumed from: {}; the fit starts again from the beginning (same seed, same"
            + " result) and the damaged file is kept as {}",
        file,
        reason,
        aside.getFileName());
  }

  @Override
  public void save(byte[] state) {
    ByteBuffer bytes = ByteBuffer.allocate(HEADER + state.length);
    bytes.putInt(MAGIC).putInt(VERSION).putLong(state.length);
    bytes.put(sha256(state, 0, state.length)).put(state);
    AtomicFiles.write(file, bytes.array());
  }

  /**
   * Removes the checkpoint, once the fit it belongs to has completed.
   *
   * @throws UncheckedIOException if it cannot be deleted
   */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete checkpoint " + file, e);
    }
  }

  private static byte[] sha256(byte[] bytes, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, offset, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

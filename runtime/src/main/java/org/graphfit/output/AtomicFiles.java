package org.graphfit.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.graphfit.search.FitStore;

/**
 * Writes files so that no reader ever sees half of one: the bytes go to a temporary file in the
 * same folder ({@code .<name>.<16 hex digits>.tmp}, created with the permissions the umask allows,
 * like any other file), are forced to disk, and the temporary file is renamed over the target in
 * one step. A process killed during a write leaves its temporary file behind; {@link
 * #removeTemporaries(Path)} removes such files once no other process writes the folder. The one
 * exception to atomic replacement is {@link #cutAndAppend}, for append-only files whose readers
 * know how many bytes are valid.
 */
public final class AtomicFiles {
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");

  /** The names {@code Files.createTempFile} gave temporary files in earlier versions. */
  private static final Pattern OLD_TEMPORARY = Pattern.compile("\\..+[0-9]+\\.tmp");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final WriteListener SILENT = (file, stage) -> {};
  private static volatile WriteListener listener = SILENT;

  private AtomicFiles() {}

  /** Writes a file's content to a stream (see {@link FitStore.Content}). */
  @FunctionalInterface
  public interface Content extends FitStore.Content {}

  /**
   * Replaces {@code file} with {@code bytes} atomically, creating parent folders.
   *
   * @param file the target
   * @param bytes the complete content
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, byte[] bytes) {
    int half = bytes.length / 2;
    write(
        file, out -> out.write(bytes, 0, half), out -> out.write(bytes, half, bytes.length - half));
  }

  /**
   * Replaces {@code file} atomically with content written to a stream, creating parent folders: for
   * content too large to hold in memory at once. The listener is told {@link
   * WriteListener.Stage#PARTLY_WRITTEN} once the whole content is in the temporary file.
   *
   * @param file the target
   * @param content writes the complete content
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(Path file, Content content) {
    write(file, content, out -> {});
  }

  /** Writes two parts to a temporary file, telling the listener between them, and renames it. */
  private static void write(Path file, Content first, Content second) {
    Path parent = file.toAbsolutePath().getParent();
    Path temporary = null;
    WriteListener told = listener;
    try {
      Files.createDirectories(parent);
      String name = file.getFileName().toString();
      Path fresh = parent.resolve("." + name + "." + randomHex() + ".tmp");
      // CREATE_NEW without file attributes: the permissions are those the umask gives any new file
      try (FileChannel channel =
          FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        temporary = fresh;
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        first.writeTo(out);
        out.flush();
        told.at(file, WriteListener.Stage.PARTLY_WRITTEN);
        second.writeTo(out);
        out.flush();
        channel.force(true);
      }
      told.at(file, WriteListener.Stage.WRITTEN);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
      told.at(file, WriteListener.Stage.REPLACED);
      syncFolder(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the original failure is the one worth reporting
        }
      }
    }
  }

  /**
   * Replaces {@code file} with UTF-8 text atomically.
   *
   * @param file the target
   * @param text the complete content
   */
  public static void write(Path file, String text) {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Cuts an append-only file to its first {@code keep} bytes (dropping what a killed writer
   * appended after them), appends {@code bytes} and forces them to disk. Not atomic: the file's
   * reader must know from elsewhere (e.g. a checkpoint written after this call) how many bytes are
   * complete.
   *
   * @param file the file, created if missing
   * @param keep how many bytes of it to keep
   * @param bytes the bytes to append
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void cutAndAppend(Path file, long keep, byte[] bytes) {
    WriteListener told = listener;
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(keep);
      channel.position(keep);
      writeFully(channel, ByteBuffer.wrap(bytes, 0, bytes.length / 2));
      told.at(file, WriteListener.Stage.PARTLY_WRITTEN);
      writeFully(
          channel, ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
      channel.force(false);
      told.at(file, WriteListener.Stage.REPLACED);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to " + file + ": " + e, e);
    }
  }

  /**
   * Deletes the temporary files that killed writes left in a folder (not in its sub-folders). Call
   * it only while no other process writes there, e.g. holding the folder's {@link FitLock}.
   *
   * @param folder the folder; nothing happens if it does not exist
   * @return the files deleted
   * @throws UncheckedIOException if the folder cannot be listed or a file deleted
   */
  public static List<Path> removeTemporaries(Path folder) {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return removed;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if ((TEMPORARY.matcher(name).matches() || OLD_TEMPORARY.matcher(name).matches())
            && Files.isRegularFile(file)) {
          Files.deleteIfExists(file);
          removed.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove temporary files in " + folder, e);
    }
    return removed;
  }

  /**
   * Sets the listener told of every stage of every write in this JVM, for fault injection.
   *
   * @param newListener the listener, or null for none
   */
  public static void setListener(WriteListener newListener) {
    listener = newListener == null ? SILENT : newListener;
  }

  private static String randomHex() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Forces the folder's entry for the renamed file to disk, so a power loss cannot undo the rename;
   * platforms that cannot open a folder for syncing (Windows) are skipped.
   */
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // not supported on this platform: the rename itself is still atomic
    }
  }
}

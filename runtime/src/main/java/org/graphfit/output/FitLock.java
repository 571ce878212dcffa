package org.graphfit.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graphfit.search.SearchFolder;

/**
 * The right to write one fit folder: an operating-system lock ({@link FileChannel#tryLock()}) on
 * {@code files/fit.lock}, held from before a fit reads the folder until its last write, and
 * released by the operating system if the process dies, so a killed fit never leaves a stale lock.
 * The lock file holds its holder's process id, host, thread and start time, which a refused fit
 * names. Within one JVM a registry refuses a second holder before it opens the file: the operating
 * system grants locks per process, and closing a second channel on the file would drop the first
 * one's lock.
 */
public final class FitLock implements SearchFolder.Lock {
  /** The lock file's name in a fit folder's {@code files/}. */
  public static final String FILE = "fit.lock";

  private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private FitLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of a fit folder, creating the folder if needed.
   *
   * @param folder the fit folder
   * @param wait how long to wait for another holder to release it; zero to fail at once
   * @return the lock, to be closed when the fit has written its last file
   * @throws IllegalStateException if another process or thread holds the lock for longer than
   *     {@code wait}; the message names the folder and the holder
   * @throws UncheckedIOException if the lock file cannot be created
   */
  public static FitLock acquire(Path folder, Duration wait) {
    Path key;
    Path file;
    try {
      Files.createDirectories(folder.resolve("files"));
      key = folder.toRealPath();
      file = key.resolve("files").resolve(FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the fit folder " + folder + ": " + e, e);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      String here = "thread '" + Thread.currentThread().getName() + "' of " + Holder.PROCESS;
      String holder = HELD_HERE.putIfAbsent(key, here + " since " + Instant.now());
      if (holder == null) {
        Attempt attempt = tryLock(key, file, here);
        if (attempt.lock != null) {
          return attempt.lock;
        }
        holder = attempt.holder;
      } else {
        holder = holder + " (this process)";
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            folder
                + " is being written by another fit ("
                + holder
                + "): one process writes a fit folder at a time; wait for that fit to end (a"
                + " fit's withLockWait / lockWait option waits for it) or give this one another"
                + " output name");
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the lock of " + folder, e);
      }
    }
  }

  /** A lock taken, or the holder of the lock that another process holds. */
  private record Attempt(FitLock lock, String holder) {}

  /**
   * Tries the operating-system lock; this thread holds the registry entry of {@code key}, which is
   * removed unless the lock is taken. The lock file is read, if another process holds the lock,
   * through the one channel this JVM opens on it, before the entry is removed.
   */
  private static Attempt tryLock(Path key, Path file, String here) {
    FileChannel channel = null;
    boolean taken = false;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // held through another channel of this JVM, outside FitLock: closing ours would drop it
        channel = null;
        throw new IllegalStateException(
            file + " is locked by other code of this process; one fit writes a folder at a time",
            e);
      }
      if (lock == null) {
        return new Attempt(null, holderOf(channel));
      }
      byte[] text = (here + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(text), 0);
      channel.force(false);
      taken = true;
      return new Attempt(new FitLock(key, channel, lock), null);
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock " + file + ": " + e, e);
    } finally {
      if (!taken) {
        closeQuietly(channel);
        HELD_HERE.remove(key);
      }
    }
  }

  private static String holderOf(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // read on until the buffer is full or the file ends
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "holder unknown" : text;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the failure being reported matters more
      }
    }
  }

  /**
   * Releases the lock.
   *
   * @throws UncheckedIOException if the lock file cannot be closed
   */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not release the lock of " + key, e);
    } finally {
      HELD_HERE.remove(key);
    }
  }

  /** This process, described once: process id and host. */
  private static final class Holder {
    static final String PROCESS = "process " + ProcessHandle.current().pid() + " on " + host();

    private static String host() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        return "an unknown host";
      }
    }
  }
}

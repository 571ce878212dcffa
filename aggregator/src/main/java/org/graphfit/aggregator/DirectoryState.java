package org.graphfit.aggregator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A directory's modification and change times, and when it was listed: whether a directory's
 * entries may have changed since. The change time (of the inode) cannot be set by tools that copy
 * modification times (rsync, tar); where the file system has none, the modification time stands in
 * for it.
 *
 * @param modified the modification time in nanoseconds
 * @param changed the inode's change time in nanoseconds
 * @param listed the wall-clock time just before the directory was listed, in nanoseconds
 */
record DirectoryState(long modified, long changed, long listed) {
  /**
   * How long before its listing a directory must have last changed for its times to tell that it
   * has not changed since: file systems keep times in ticks of milliseconds (ext4, tmpfs) up to 2 s
   * (FAT), so an entry added in the same tick as the listing leaves the times as they were.
   */
  static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(3);

  private static final boolean UNIX =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  /** The state of a directory now (its times, and now as the listing time), null if it is gone. */
  static DirectoryState of(Path directory) {
    long now = nowNanos();
    try {
      if (UNIX) {
        Map<String, Object> times =
            Files.readAttributes(
                directory, "unix:lastModifiedTime,ctime", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return new DirectoryState(
            nanos((FileTime) times.get("lastModifiedTime")),
            nanos((FileTime) times.get("ctime")),
            now);
      }
      long modified =
          nanos(Files.getLastModifiedTime(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS));
      return new DirectoryState(modified, modified, now);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether another state has the same times (whenever either was listed). */
  boolean sameTimes(DirectoryState other) {
    return modified == other.modified && changed == other.changed;
  }

  /**
   * Whether the directory had last changed long enough before it was listed that a later change
   * must change its times.
   */
  boolean settled() {
    return Math.max(modified, changed) + SETTLE_NANOS < listed;
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }

  private static long nowNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}

package org.graphfit.aggregator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Finds the fit folders under an output root: directories named by a 32-hex-digit identifier that
 * have a {@code files/} folder. Reads directory listings only, never a fit's files, and does not
 * descend into a fit folder, nor follow links to other directories.
 */
final class FitScanner {
  private FitScanner() {}

  /**
   * The fit folders under a root, sorted by path. Sub-folders are listed in parallel on the common
   * pool.
   *
   * @throws IllegalArgumentException if the root is not a directory
   * @throws UncheckedIOException if a directory cannot be listed
   */
  static List<FitFolder> scan(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "the output root "
              + root
              + (Files.exists(root) ? " is not a directory" : " does not exist")
              + ": give the folder fits were written to (the root passed to withOutput)");
    }
    Path base = root.toAbsolutePath().normalize();
    Queue<Path> found = new ConcurrentLinkedQueue<>();
    ForkJoinPool.commonPool().invoke(new Listing(base, found));
    List<FitFolder> fits = new ArrayList<>(found.size());
    for (Path folder : found) {
      fits.add(new FitFolder(base, folder));
    }
    fits.sort((a, b) -> a.path().compareTo(b.path()));
    return fits;
  }

  /** Lists one directory: fit folders are collected, other directories listed in turn. */
  private static final class Listing extends RecursiveAction {
    private static final long serialVersionUID = 1L;

    private final transient Path dir;
    private final transient Queue<Path> found;

    Listing(Path dir, Queue<Path> found) {
      this.dir = dir;
      this.found = found;
    }

    @Override
    protected void compute() {
      List<Listing> below = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          // an identifier-named entry costs one stat (of its files/ folder; a link named so to a
          // fit folder is taken as one), any other entry one stat of itself
          if (isIdentifier(entry.getFileName().toString())) {
            if (Files.isDirectory(entry.resolve("files"), LinkOption.NOFOLLOW_LINKS)) {
              found.add(entry);
              continue;
            }
          }
          if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            below.add(new Listing(entry, found));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not list " + dir + ": " + e, e);
      }
      invokeAll(below);
    }
  }

  /** Whether a directory is a fit folder. */
  static boolean isFitFolder(Path dir) {
    return isIdentifier(dir.getFileName().toString()) && Files.isDirectory(dir.resolve("files"));
  }

  /** Whether a name is a fit identifier: 32 lower-case hex digits. */
  static boolean isIdentifier(String name) {
    if (name.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = name.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}

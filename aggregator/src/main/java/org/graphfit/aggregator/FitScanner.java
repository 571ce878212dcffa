package org.graphfit.aggregator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the fit folders under an output root: directories named by a 32-hex-digit identifier that
 * have a {@code files/} folder. Reads directory listings only, never a fit's files, and does not
 * descend into a fit folder, nor follow links to other directories.
 */
final class FitScanner {
  private FitScanner() {}

  /**
   * The fit folders under a root, sorted by path.
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
    List<Path> found = new ArrayList<>();
    list(base.toFile(), found);
    List<FitFolder> fits = new ArrayList<>(found.size());
    for (Path folder : found) {
      fits.add(new FitFolder(base, folder));
    }
    fits.sort((a, b) -> a.path().compareTo(b.path()));
    return fits;
  }

  /**
   * Lists one directory: fit folders are collected, other directories listed in turn. Plain {@link
   * File} listings (names only, no attribute objects) cost less CPU than a {@code DirectoryStream}
   * walk. An identifier-named entry costs one stat (of its {@code files/} folder; a link so named
   * to a fit folder is taken as one), any other entry one stat of itself, not following links.
   */
  private static void list(File dir, List<Path> found) {
    String[] names = dir.list();
    if (names == null) {
      throw new UncheckedIOException(
          new IOException("could not list " + dir + " (is it readable?)"));
    }
    for (String name : names) {
      File entry = new File(dir, name);
      if (isIdentifier(name) && new File(entry, "files").isDirectory()) {
        found.add(entry.toPath());
      } else if (Files.isDirectory(entry.toPath(), LinkOption.NOFOLLOW_LINKS)) {
        list(entry, found);
      }
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

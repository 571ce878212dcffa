package org.graphfit.aggregator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the fit folders under an output root: directories named by a 32-hex-digit identifier that
 * have a {@code files/} folder. Reads directory listings only, never a fit's files, and does not
 * descend into a fit folder (nor follow links).
 */
final class FitScanner {
  private static final Pattern IDENTIFIER = Pattern.compile("[0-9a-f]{32}");

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
    List<FitFolder> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          base,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              if (!dir.equals(base) && isFitFolder(dir)) {
                found.add(new FitFolder(base, dir));
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the fit folders under " + root + ": " + e, e);
    }
    found.sort((a, b) -> a.path().compareTo(b.path()));
    return found;
  }

  /** Whether a directory is a fit folder. */
  static boolean isFitFolder(Path dir) {
    return IDENTIFIER.matcher(dir.getFileName().toString()).matches()
        && Files.isDirectory(dir.resolve("files"));
  }
}

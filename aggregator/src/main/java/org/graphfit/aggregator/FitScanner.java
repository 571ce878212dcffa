package org.graphfit.aggregator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the fit folders under an output root: directories named by a 32-hex-digit identifier that
 * have a {@code files/} folder. Reads directory listings only, never a fit's files, and does not
 * descend into a fit folder, nor follow links to other directories.
 *
 * <p>Given what an earlier scan saw ({@link Known}), a directory whose modification and change
 * times are those it had then, and had long enough before that scan listed it (see {@link
 * DirectoryState#settled()}), is not listed again: its entries are the fit folders and directories
 * found in it then: its directories are stat'ed and scanned in turn, its fit folders are taken as
 * they were, unchecked ({@link Scan#unchecked()}: the caller, which stats each fit's manifest
 * anyway, checks that one without a manifest still has its {@code files/} folder). Adding, removing
 * or renaming an entry changes a directory's times, so a new fit folder is always found.
 */
final class FitScanner {
  private final Known known;
  private final List<Path> found = new ArrayList<>();
  private final Map<String, DirectoryState> states = new HashMap<>();
  private final Set<String> unchecked = new HashSet<>();
  private boolean statesChanged;
  private int listed;

  private FitScanner(Known known) {
    this.known = known;
  }

  /**
   * What an earlier scan saw: each directory's state, and the fit folders and directories found in
   * it, by the directory's path.
   *
   * @param states the directories' states when they were listed
   * @param fits the fit folders in each directory
   * @param directories the other directories in each directory
   */
  record Known(
      Map<String, DirectoryState> states,
      Map<String, List<String>> fits,
      Map<String, List<String>> directories) {
    /** Nothing known: every directory is listed. */
    static final Known NOTHING = new Known(Map.of(), Map.of(), Map.of());

    /** Known states, with the entries they had: the fit folders' and directories' parents. */
    static Known of(Map<String, DirectoryState> states, Iterable<String> fitPaths) {
      Map<String, List<String>> fits = new HashMap<>();
      for (String fit : fitPaths) {
        String parent = parent(fit);
        if (parent != null) {
          fits.computeIfAbsent(parent, p -> new ArrayList<>(1)).add(fit);
        }
      }
      Map<String, List<String>> directories = new HashMap<>();
      for (String directory : states.keySet()) {
        String parent = parent(directory);
        if (parent != null) {
          directories.computeIfAbsent(parent, p -> new ArrayList<>(1)).add(directory);
        }
      }
      return new Known(states, fits, directories);
    }

    /**
     * The parent of an absolute, normalized path as {@link File#getPath()} spells it (the form the
     * scan records), without parsing it into a {@code Path}.
     */
    private static String parent(String path) {
      int slash = path.lastIndexOf(File.separatorChar);
      return slash <= 0 ? null : path.substring(0, slash);
    }
  }

  /**
   * What a scan found.
   *
   * @param fits the fit folders, sorted by path
   * @param states the state of every other directory it went through, by path
   * @param listed how many directories it listed (the others it knew unchanged)
   * @param unchecked the paths of the fit folders taken from the earlier scan without a look at
   *     their {@code files/} folder
   * @param statesChanged whether a directory was listed or a known one not found again, so that the
   *     states differ from those known
   */
  record Scan(
      List<FitFolder> fits,
      Map<String, DirectoryState> states,
      int listed,
      Set<String> unchecked,
      boolean statesChanged) {}

  /**
   * The fit folders under a root, sorted by path, every directory listed.
   *
   * @throws IllegalArgumentException if the root is not a directory
   * @throws UncheckedIOException if a directory cannot be listed
   */
  static List<FitFolder> scan(Path root) {
    return scan(root, Known.NOTHING).fits();
  }

  /**
   * The fit folders under a root, listing only the directories that changed since an earlier scan.
   *
   * @throws IllegalArgumentException if the root is not a directory
   * @throws UncheckedIOException if a directory cannot be listed
   */
  static Scan scan(Path root, Known known) {
    requireDirectory(root);
    Path base = root.toAbsolutePath().normalize();
    FitScanner scanner = new FitScanner(known);
    scanner.visit(base.toFile());
    List<FitFolder> fits = new ArrayList<>(scanner.found.size());
    for (Path folder : scanner.found) {
      fits.add(new FitFolder(base, folder));
    }
    fits.sort((a, b) -> a.path().compareTo(b.path()));
    boolean changed = scanner.statesChanged || scanner.states.size() != known.states().size();
    return new Scan(fits, scanner.states, scanner.listed, scanner.unchecked, changed);
  }

  /** Checks that a root is a directory. */
  static void requireDirectory(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "the output root "
              + root
              + (Files.exists(root) ? " is not a directory" : " does not exist")
              + ": give the folder fits were written to (the root passed to withOutput)");
    }
  }

  /** Scans a directory that is not a fit folder: from what was known of it, or by listing it. */
  private void visit(File dir) {
    String path = dir.getPath();
    DirectoryState old = known.states().get(path);
    DirectoryState now = old == null ? null : DirectoryState.of(dir.toPath());
    if (old != null && now != null && old.settled() && old.sameTimes(now)) {
      states.put(path, old);
      for (String fit : known.fits().getOrDefault(path, List.of())) {
        // not stat'ed: the caller stats its manifest, and checks its files/ folder if there is none
        found.add(Path.of(fit));
        unchecked.add(fit);
      }
      for (String directory : known.directories().getOrDefault(path, List.of())) {
        entry(new File(directory));
      }
      return;
    }
    list(dir);
  }

  /**
   * Lists one directory: fit folders are collected, other directories scanned in turn. Plain {@link
   * File} listings (names only, no attribute objects) cost less CPU than a {@code DirectoryStream}
   * walk. The directory's state is taken before it is listed, so an entry added while it is listed
   * changes the state and is found by the next scan.
   */
  private void list(File dir) {
    DirectoryState state = DirectoryState.of(dir.toPath());
    String[] names = dir.list();
    if (names == null) {
      throw new UncheckedIOException(
          new IOException("could not list " + dir + " (is it readable?)"));
    }
    listed++;
    statesChanged = true;
    if (state != null) {
      states.put(dir.getPath(), state);
    }
    for (String name : names) {
      entry(new File(dir, name));
    }
  }

  /**
   * One entry of a directory. An identifier-named entry costs one stat (of its {@code files/}
   * folder; a link so named to a fit folder is taken as one), any other entry one stat of itself,
   * not following links.
   */
  private void entry(File entry) {
    if (isIdentifier(entry.getName()) && new File(entry, "files").isDirectory()) {
      found.add(entry.toPath());
    } else if (Files.isDirectory(entry.toPath(), LinkOption.NOFOLLOW_LINKS)) {
      visit(entry);
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

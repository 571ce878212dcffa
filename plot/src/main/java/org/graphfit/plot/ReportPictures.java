package org.graphfit.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the pictures a fit's hooks drew, in the order a report shows them. */
final class ReportPictures {
  private ReportPictures() {}

  /** The PNG files of a folder, in name order; none if it does not exist. */
  static List<Path> pngs(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    return sortedChildren(
        folder,
        file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".png"));
  }

  /** A folder's children that pass a filter, hidden ones left out, in natural name order. */
  static List<Path> sortedChildren(Path folder, Predicate<Path> filter) {
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(filter)
          .filter(child -> !child.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(child -> naturalKey(child.getFileName().toString())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder + ": " + e, e);
    }
  }

  /** A name with every run of digits padded to 20 digits, so numbers sort as numbers. */
  private static String naturalKey(String name) {
    Matcher digits = DIGITS.matcher(name);
    StringBuilder key = new StringBuilder();
    while (digits.find()) {
      String run = digits.group();
      digits.appendReplacement(key, "0".repeat(Math.max(0, 20 - run.length())) + run);
    }
    digits.appendTail(key);
    return key.toString();
  }

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
}

package org.graphfit.benchmarks;

import java.util.Arrays;

/**
 * Parses the seed lists of the benchmark commands: a range {@code 1-10} or a list {@code 3,5,8}.
 */
final class Seeds {
  private Seeds() {}

  /**
   * The seeds named by {@code text}.
   *
   * @param text a range such as {@code 1-10} or a comma-separated list
   * @return the seeds in order
   * @throws IllegalArgumentException if the range is empty or a seed is not a number
   */
  static long[] parse(String text) {
    String trimmed = text.trim();
    int dash = trimmed.indexOf('-', 1);
    if (dash > 0) {
      long from = Long.parseLong(trimmed.substring(0, dash).trim());
      long to = Long.parseLong(trimmed.substring(dash + 1).trim());
      if (to < from) {
        throw new IllegalArgumentException("empty seed range " + text);
      }
      long[] values = new long[(int) (to - from + 1)];
      Arrays.setAll(values, i -> from + i);
      return values;
    }
    return Arrays.stream(trimmed.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
  }
}

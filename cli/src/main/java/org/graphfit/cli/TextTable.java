package org.graphfit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with columns padded to their widest cell, numbers right-aligned. */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  /** Adds a row of as many cells as the header. */
  void add(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
    }
    rows.add(List.copyOf(cells));
  }

  /** A number as tables show it: empty for NaN, else with the given format. */
  static String number(String format, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }

  /** A JDBC value as a cell: empty for NULL, doubles in Java's shortest round-trip form. */
  static String cell(Object value) {
    return value == null ? "" : value.toString();
  }

  /** Prints the header and the rows. */
  void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    boolean[] numeric = new boolean[header.size()];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = header.get(c).length();
      numeric[c] = !rows.isEmpty();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
        numeric[c] &= row.get(c).isEmpty() || isNumber(row.get(c));
      }
    }
    line(out, header, widths, numeric);
    for (List<String> row : rows) {
      line(out, row, widths, numeric);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths, boolean[] numeric) {
    StringBuilder text = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        text.append("  ");
      }
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      text.append(numeric[c] ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
    }
    out.println(text.toString().stripTrailing());
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

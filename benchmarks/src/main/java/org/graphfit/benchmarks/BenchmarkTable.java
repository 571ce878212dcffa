package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's rows on standard output: a table under a heading line, or with {@code --json} one
 * JSON object per row and no heading. Every row is flushed, so a long run shows its progress.
 */
final class BenchmarkTable {
  private final PrintStream out = System.out;
  private final ObjectMapper mapper = new ObjectMapper();
  private final boolean json;

  /**
   * A table, its heading printed at once unless it prints JSON.
   *
   * @param json whether rows are JSON objects
   * @param headingFormat the heading line's {@link java.util.Formatter} format, ending in {@code
   *     %n}
   * @param headings the column headings
   */
  BenchmarkTable(boolean json, String headingFormat, Object... headings) {
    this.json = json;
    if (!json) {
      out.printf(Locale.ROOT, headingFormat, headings);
    }
  }

  /**
   * Prints a row: the object, or its cells in the table's columns.
   *
   * @param row the row as JSON, by name
   * @param format the table line's format, ending in {@code %n}
   * @param cells the table line's cells
   * @throws JsonProcessingException if the row cannot be written as JSON
   */
  void print(Map<String, Object> row, String format, Object... cells)
      throws JsonProcessingException {
    if (json) {
      out.println(mapper.writeValueAsString(row));
    } else {
      out.printf(Locale.ROOT, format, cells);
    }
    out.flush();
  }
}

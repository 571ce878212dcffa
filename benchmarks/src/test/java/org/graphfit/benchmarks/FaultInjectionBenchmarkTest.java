package org.graphfit.benchmarks;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.examples.ExampleData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The fault-injection command's machinery on a few attacks of the smallest fit. */
class FaultInjectionBenchmarkTest {
  @TempDir Path work;

  @Test
  void aFewAttacksRunAndPrintOneRowEachAndASummary() throws Exception {
    System.setProperty(ExampleData.PROPERTY, "../examples/data");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new FaultInjectionBenchmark())
              .execute(
                  "--fits",
                  "NESTED",
                  "--attacks",
                  "6",
                  "--random-kills",
                  "1",
                  "--seed",
                  "3",
                  "--work",
                  work.toString(),
                  "--json");
    } finally {
      System.setOut(stdout);
    }

    List<JsonNode> rows = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      rows.add(JsonMapper.builder().build().readTree(line));
    }
    assertThat(rows).hasSize(7);
    JsonNode summary = rows.get(6);
    assertThat(summary.path("attacks").asInt()).isEqualTo(6);
    assertThat(summary.path("wrong").asInt()).isEqualTo(0);
    assertThat(summary.path("identical").asInt() + summary.path("clear_error").asInt())
        .isEqualTo(6 - summary.path("skipped").asInt());
    for (JsonNode row : rows.subList(0, 6)) {
      assertThat(row.path("fit").asText()).isEqualTo("nested");
      assertThat(row.path("outcome").asText()).isAnyOf("identical", "clear error", "skipped");
    }
    assertThat(exit).isEqualTo(0);
  }
}

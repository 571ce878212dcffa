package org.graphfit.aggregator;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index page over synthetic fits: one row per folder, grouped, corrupt ones with why. */
final class IndexPageTest {
  @TempDir Path root;

  private static final Pattern ROW = Pattern.compile("<tr class=\"([a-z]+)\">(.*?)</tr>");
  private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>");

  /** Each body row's class and cells' text. */
  static List<List<String>> rows(String html) {
    List<List<String>> rows = new ArrayList<>();
    Matcher row = ROW.matcher(html.substring(html.indexOf("<tbody>")));
    while (row.find()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.group(1));
      Matcher cell = CELL.matcher(row.group(2));
      while (cell.find()) {
        cells.add(cell.group(1));
      }
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void listsEveryFolderGroupedWithCorruptAndIncompleteOnesSaidSo() throws Exception {
    SyntheticFits.write(root, "survey/b", "", 40, 1);
    OutputFolder doubtful = SyntheticFits.folder(root, "survey/a", "", 2);
    try (FitLock lock = doubtful.lock(Duration.ZERO)) {
      doubtful.writeStart(SyntheticFits.LAYOUT.info());
      var result = SyntheticFits.result(41, 2);
      doubtful.writeResult(
          org.graphfit.search.Result.builder("Synthetic", SyntheticFits.LAYOUT, result.samples())
              .logEvidence(result.logEvidence(), result.logEvidenceError())
              .cost(1002, 0, null, 0.01)
              .concern(new Concern(Check.CONVERGENCE, "ran out of calls <before> converging"))
              .build());
    }
    Path damaged = SyntheticFits.write(root, "survey/c", "", 42, 3);
    Files.writeString(damaged.resolve("model.results"), "edited\n");
    OutputFolder running = SyntheticFits.folder(root, "survey/d", "", 4);
    try (FitLock lock = running.lock(Duration.ZERO)) {
      running.writeStart(SyntheticFits.LAYOUT.info());
    }
    Path page =
        IndexPage.titled("survey").write(Aggregator.of(root).all(), root.resolve("index.html"));
    String html = Files.readString(page);
    assertThat(html).startsWith("<!DOCTYPE html>");
    // self-contained: nothing is fetched
    assertThat(html).doesNotContainMatch("(src|href)=\"(https?:)?//");
    assertThat(html).contains("4 fits: 2 complete (1 not trustworthy), 1 incomplete, 1 corrupt");
    List<List<String>> rows = rows(html);
    assertThat(rows).hasSize(4);
    // corrupt first, with the problem naming the file; then the untrustworthy, trustworthy fits
    assertThat(rows.get(0).subList(0, 3))
        .containsExactly("corrupt", "corrupt", "survey/c")
        .inOrder();
    assertThat(rows.get(0).get(rows.get(0).size() - 1)).contains("model.results");
    assertThat(rows.get(1).subList(0, 3))
        .containsExactly("untrusted", "complete", "survey/a")
        .inOrder();
    assertThat(rows.get(1).get(8)).isEqualTo("NO");
    assertThat(rows.get(1).get(10))
        .isEqualTo("<div><b>CONVERGENCE</b>: ran out of calls &lt;before&gt; converging</div>");
    assertThat(rows.get(2).subList(0, 3))
        .containsExactly("trusted", "complete", "survey/b")
        .inOrder();
    assertThat(rows.get(2).get(5)).isEqualTo("-10.400 \u00b1 0.100");
    assertThat(rows.get(2).get(6)).isEqualTo("1001");
    assertThat(rows.get(2).get(8)).isEqualTo("yes");
    assertThat(rows.get(3).subList(0, 3))
        .containsExactly("incomplete", "incomplete", "survey/d")
        .inOrder();
    assertThat(rows.get(3).get(rows.get(3).size() - 1)).contains("no manifest");
    assertThat(html).doesNotContain("<before>");
  }
}

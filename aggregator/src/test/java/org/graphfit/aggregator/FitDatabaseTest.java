package org.graphfit.aggregator;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fit database: its schema, incremental updates, and reading it from Python. */
final class FitDatabaseTest {
  @TempDir Path root;
  @TempDir Path elsewhere;

  private static final Map<String, List<String>> SCHEMA = new LinkedHashMap<>();

  static {
    SCHEMA.put("schema_info", List.of("key", "value"));
    SCHEMA.put(
        "fits",
        List.of(
            "fit_id",
            "path",
            "root",
            "name",
            "identifier",
            "tag",
            "kind",
            "status",
            "problem",
            "model",
            "search",
            "log_evidence",
            "log_evidence_error",
            "log_evidence_approximate",
            "likelihood_calls",
            "failed_calls",
            "seconds",
            "trustworthy",
            "converged",
            "sweeps",
            "parameter_count",
            "manifest_sha256",
            "manifest_bytes",
            "manifest_modified_ns"));
    SCHEMA.put(
        "parameters",
        List.of(
            "fit_id",
            "position",
            "path",
            "median",
            "mean",
            "sd",
            "error_1_sigma",
            "error_3_sigma",
            "max_likelihood"));
    SCHEMA.put(
        "factors",
        List.of("fit_id", "position", "factor", "kind", "status", "log_evidence_term", "folder"));
    SCHEMA.put("directories", List.of("root", "path", "modified_ns", "changed_ns", "listed_ns"));
    SCHEMA.put(
        "factor_parameters",
        List.of(
            "fit_id",
            "factor",
            "name",
            "path",
            "median",
            "mean",
            "sd",
            "error_1_sigma",
            "error_3_sigma",
            "max_likelihood"));
    SCHEMA.put(
        "derived",
        List.of(
            "fit_id",
            "position",
            "name",
            "mean",
            "median",
            "lower_1_sigma",
            "upper_1_sigma",
            "lower_3_sigma",
            "upper_3_sigma"));
    SCHEMA.put("searches", List.of("fit_id", "search", "settings_json"));
    SCHEMA.put("settings", List.of("fit_id", "key", "value"));
    SCHEMA.put("diagnostics", List.of("fit_id", "name", "value"));
    SCHEMA.put("concerns", List.of("fit_id", "position", "check_name", "message"));
    SCHEMA.put("files", List.of("fit_id", "file", "bytes", "sha256"));
  }

  private void writeFits(int count) {
    for (int i = 0; i < count; i++) {
      SyntheticFits.write(root, String.format("survey/dataset_%03d", i), "", 30 + i, i);
    }
  }

  @Test
  void schemaHasTheDocumentedTablesAndColumns() {
    try (FitDatabase database = FitDatabase.open(root.resolve("fits.sqlite"))) {
      List<String> tables = new ArrayList<>();
      for (List<Object> row :
          database
              .query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              .rows()) {
        tables.add((String) row.get(0));
      }
      assertThat(tables).containsExactlyElementsIn(SCHEMA.keySet());
      for (Map.Entry<String, List<String>> table : SCHEMA.entrySet()) {
        List<String> columns = new ArrayList<>();
        for (List<Object> row :
            database
                .query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table.getKey())
                .rows()) {
          columns.add((String) row.get(0));
        }
        assertThat(columns).containsExactlyElementsIn(table.getValue()).inOrder();
      }
      assertThat(database.query("SELECT value FROM schema_info WHERE key = 'version'").rows())
          .containsExactly(List.of(FitDatabase.SCHEMA_VERSION));
    }
  }

  @Test
  void updateReadsOnlyFoldersWhoseManifestChanged() throws Exception {
    writeFits(20);
    Path db = elsewhere.resolve("fits.sqlite");
    try (FitDatabase database = FitDatabase.open(db)) {
      FitDatabase.UpdateReport first = database.update(Aggregator.of(root));
      assertThat(first.added()).isEqualTo(20);
      assertThat(database.count("parameters")).isEqualTo(60);
      assertThat(database.count("files")).isEqualTo(20 * 9);

      FitDatabase.UpdateReport second = database.update(Aggregator.of(root));
      assertThat(second.unchanged()).isEqualTo(20);
      assertThat(second.added() + second.changed() + second.removed()).isEqualTo(0);

      // the same fit written again with another result: same folder, new manifest
      Path refitted = SyntheticFits.folder(root, "survey/dataset_003", "", 3).path();
      deleteTree(refitted);
      SyntheticFits.write(root, "survey/dataset_003", "", 99, 3);
      SyntheticFits.write(root, "survey/dataset_new", "", 50, 100);
      deleteTree(SyntheticFits.folder(root, "survey/dataset_007", "", 7).path().getParent());
      FitDatabase.UpdateReport third = database.update(Aggregator.of(root));
      assertThat(third.changed()).isEqualTo(1);
      assertThat(third.added()).isEqualTo(1);
      assertThat(third.removed()).isEqualTo(1);
      assertThat(third.unchanged()).isEqualTo(18);
      assertThat(database.count("fits")).isEqualTo(20);
      assertThat(database.count("parameters")).isEqualTo(60);
      double median =
          (Double)
              database
                  .query(
                      "SELECT p.median FROM fits f JOIN parameters p USING (fit_id)"
                          + " WHERE f.name = 'survey/dataset_003' AND p.path = 'centre'")
                  .rows()
                  .get(0)
                  .get(0);
      assertThat(median)
          .isEqualTo(
              Aggregator.of(root)
                  .all()
                  .named("survey/dataset_003")
                  .values("centre")
                  .values()
                  .iterator()
                  .next()
                  .median());
      assertThat(Math.abs(median - 99)).isLessThan(1.0);
    }
  }

  @Test
  void fileDamagedAfterIndexingIsFoundByAVerifyingUpdate() throws Exception {
    writeFits(3);
    try (FitDatabase database = FitDatabase.open(elsewhere.resolve("fits.sqlite"))) {
      database.update(Aggregator.of(root));
      Path samples =
          SyntheticFits.folder(root, "survey/dataset_001", "", 1)
              .path()
              .resolve("files/samples.csv");
      Files.writeString(samples, "damaged\n", StandardCharsets.UTF_8);
      assertThat(database.update(Aggregator.of(root)).corrupt()).isEmpty();
      FitDatabase.UpdateReport verified = database.update(Aggregator.of(root), true);
      assertThat(verified.corrupt()).hasSize(1);
      assertThat(verified.changed()).isEqualTo(1);
      List<List<Object>> rows =
          database
              .query(
                  "SELECT name, status, problem, parameter_count FROM fits WHERE status <>"
                      + " 'COMPLETE'")
              .rows();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(0)).isEqualTo("survey/dataset_001");
      assertThat(rows.get(0).get(1)).isEqualTo("CORRUPT");
      assertThat((String) rows.get(0).get(2)).contains(samples.toString());
      assertThat(((Number) rows.get(0).get(3)).intValue()).isEqualTo(0);
      assertThat(database.count("parameters")).isEqualTo(6);
    }
  }

  @Test
  void twoUpdatersAtOnceNeverAddAFolderTwice() throws Exception {
    writeFits(30);
    Path db = elsewhere.resolve("fits.sqlite");
    FitDatabase.open(db).close();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<FitDatabase.UpdateReport>> reports = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        reports.add(
            pool.submit(
                () -> {
                  try (FitDatabase database = FitDatabase.open(db)) {
                    return database.update(Aggregator.of(root));
                  }
                }));
      }
      int added = 0;
      for (java.util.concurrent.Future<FitDatabase.UpdateReport> report : reports) {
        added += report.get().added();
      }
      assertThat(added).isEqualTo(30);
    } finally {
      pool.shutdown();
    }
    try (FitDatabase database = FitDatabase.open(db)) {
      assertThat(database.count("fits")).isEqualTo(30);
      assertThat(database.count("parameters")).isEqualTo(90);
    }
  }

  @Test
  void whereFragmentSelectsFitsAndRejectsSeveralStatements() {
    writeFits(10);
    try (FitDatabase database = FitDatabase.open(elsewhere.resolve("fits.sqlite"))) {
      database.update(Aggregator.of(root));
      FitDatabase.Rows rows =
          database.fitsWhere(
              "fit_id IN (SELECT fit_id FROM parameters WHERE path = 'centre' AND median > 35)",
              List.of("centre"));
      List<String> expected =
          Aggregator.of(root).completed().where("centre", c -> c > 35).stream()
              .map(FitFolder::name)
              .toList();
      assertThat(expected).hasSize(4);
      List<Object> names = rows.rows().stream().map(row -> row.get(0)).toList();
      assertThat(names).containsExactlyElementsIn(expected).inOrder();
      assertThat(rows.columns().get(rows.columns().size() - 1)).isEqualTo("centre");
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> database.fitsWhere("1 = 1; DROP TABLE fits", List.of()));
      assertThat(error).hasMessageThat().contains("without ';'");
      IllegalArgumentException bad =
          assertThrows(
              IllegalArgumentException.class, () -> database.fitsWhere("nonsense >", List.of()));
      assertThat(bad).hasMessageThat().contains("the query failed");
    }
  }

  @Test
  void readOnlyDatabaseRefusesAMissingFileWithTheCommandToBuildIt() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> FitDatabase.openReadOnly(elsewhere.resolve("none.sqlite")));
    assertThat(error).hasMessageThat().contains("graphfit index");
  }

  @Test
  void pythonStandardLibraryReadsTheDatabaseAsJavaDoes() throws Exception {
    assumeTrue(onPath("python3"), "python3 is not installed");
    writeFits(12);
    Path db = elsewhere.resolve("fits.sqlite");
    List<String> java = new ArrayList<>();
    try (FitDatabase database = FitDatabase.open(db)) {
      database.update(Aggregator.of(root));
      for (List<Object> row :
          database
              .query(
                  "SELECT f.name, p.median FROM fits f JOIN parameters p USING (fit_id)"
                      + " WHERE p.path = 'centre' AND f.log_evidence > -10.395 ORDER BY f.name")
              .rows()) {
        java.add(row.get(0) + " " + row.get(1));
      }
    }
    String script =
        "import sqlite3, sys\n"
            + "db = sqlite3.connect(sys.argv[1])\n"
            + "for name, median in db.execute(\"SELECT f.name, p.median FROM fits f JOIN parameters"
            + " p USING (fit_id) WHERE p.path = 'centre' AND f.log_evidence > -10.395 ORDER BY"
            + " f.name\"):\n"
            + "    print(name, repr(median))\n";
    Process process =
        new ProcessBuilder("python3", "-c", script, db.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(0);
    List<String> python = new ArrayList<>();
    for (String line : output.strip().split("\n")) {
      String[] cells = line.split(" ");
      python.add(cells[0] + " " + Double.parseDouble(cells[1]));
    }
    assertThat(java).hasSize(10);
    assertThat(python).containsExactlyElementsIn(java).inOrder();
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

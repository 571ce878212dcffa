package org.graphfit.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.graphfit.aggregator.FitFolder;
import org.graphfit.aggregator.ParameterSummary;
import org.graphfit.aggregator.SyntheticFits;
import org.graphfit.output.FitFiles;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line run end to end on real fit folders, its output compared line by line. */
final class GraphFitCommandTest {
  @TempDir Path root;
  @TempDir Path work;

  private Path first;
  private Path second;
  private Path interrupted;
  private Path damaged;

  /** The output and exit code of one run. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = GraphFitCommand.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void writeFits() throws Exception {
    first = SyntheticFits.write(root, "survey/a", "", 40, 1);
    second = SyntheticFits.write(root, "survey/b", "", 50, 2);
    OutputFolder folder = SyntheticFits.folder(root, "survey/c", "", 3);
    try (FitLock lock = folder.lock(Duration.ZERO)) {
      folder.writeStart(SyntheticFits.LAYOUT.info());
    }
    interrupted = folder.path();
    damaged = SyntheticFits.write(root, "survey/d", "", 60, 4);
    Files.writeString(damaged.resolve("model.results"), "edited\n");
  }

  @Test
  void listShowsStatusNameModelEvidenceCallsAndTimeAndReportsTheCorruptFit() {
    Run run = run("list", root.toString());
    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.out())
        .isEqualTo(
            String.join(
                "\n",
                "status      name      kind    model       log Z  calls  seconds  trust "
                    + " identifier",
                "complete    survey/a  search  Gaussian  -10.400   1001     0.01  yes    "
                    + first.getFileName(),
                "complete    survey/b  search  Gaussian  -10.500   1002     0.01  yes    "
                    + second.getFileName(),
                "incomplete  survey/c  search  Gaussian"
                    + " ".repeat(34)
                    + interrupted.getFileName(),
                "4 fits: 2 complete, 1 incomplete, 1 corrupt (skipped, see below)",
                ""));
    assertThat(run.err())
        .isEqualTo(
            "graphfit: corrupt fit skipped: "
                + damaged.resolve("model.results")
                + " has 7 bytes but the fit wrote "
                + FitFiles.read(damaged).files().get("model.results").bytes()
                + " (recorded in "
                + damaged.resolve("files/manifest.json")
                + "): it is truncated; restore it, or delete the folder "
                + damaged
                + " to fit again (nothing in it is used)\n");
  }

  @Test
  void reportWritesOnePageListingEveryFitAndNamesTheCorruptOne() throws Exception {
    Path page = work.resolve("pages/index.html");
    Run run = run("report", root.toString(), "--out", page.toString());
    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("wrote " + page.toAbsolutePath() + " (4 fits)\n");
    assertThat(run.err())
        .startsWith("graphfit: corrupt fit listed: " + damaged.resolve("model.results"));
    String html = Files.readString(page);
    assertThat(html).contains("4 fits: 2 complete (0 not trustworthy), 1 incomplete, 1 corrupt");
    for (String name : List.of("survey/a", "survey/b", "survey/c", "survey/d")) {
      assertThat(html).contains("<td>" + name + "</td>");
    }
    Run missing = run("report", work.resolve("nowhere").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
  }

  @Test
  void showPrintsTheFiguresParametersAndFilesOfOneFit() {
    FitFolder fit = FitFolder.at(first);
    Run run = run("show", first.getParent().toString());
    assertThat(run.exit()).isEqualTo(0);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.subList(0, 14))
        .containsExactly(
            "fit         survey/a",
            "identifier  " + first.getFileName(),
            "folder      " + first,
            "status      complete",
            "kind        search",
            "model       Gaussian",
            "search      Synthetic",
            "log Z       -10.4000 +/- 0.1000",
            "calls       1001 (0 failed)",
            "seconds     0.01",
            "converged   yes",
            "trustworthy yes",
            "",
            "parameter       median    1 sigma   3 sigma  mean  sd    max L")
        .inOrder();
    ParameterSummary centre = fit.parameter("centre").orElseThrow();
    assertThat(lines.get(14))
        .matches(
            String.format(
                java.util.Locale.ROOT,
                "centre +%.6g +%.6g +%.6g +%.6g",
                centre.median(),
                centre.error1Sigma(),
                centre.error3Sigma(),
                centre.maxLikelihood()));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("9 files, each checked against files/manifest.json");
    assertThat(run.out()).contains("files/fit.json");
  }

  @Test
  void indexThenQueryAnswersFromTheDatabase() {
    Path db = work.resolve("fits.sqlite");
    Run index = run("index", root.toString(), "--db", db.toString());
    assertThat(index.exit()).isEqualTo(0);
    assertThat(index.out())
        .startsWith(
            "4 fit folders: 4 added, 0 changed, 0 unchanged, 0 removed; 2 complete, 1 incomplete,"
                + " 1 corrupt (");
    assertThat(index.err())
        .startsWith("graphfit: corrupt fit skipped: " + damaged.resolve("model.results"));
    Run again = run("index", root.toString(), "--db", db.toString());
    assertThat(again.out())
        .startsWith("4 fit folders: 0 added, 0 changed, 4 unchanged, 0 removed;");

    Run query =
        run(
            "query",
            "--db",
            db.toString(),
            "--csv",
            "-p",
            "centre",
            "status = 'COMPLETE' AND log_evidence > -10.45");
    assertThat(query.exit()).isEqualTo(0);
    double centre = FitFolder.at(first).parameter("centre").orElseThrow().median();
    assertThat(query.out())
        .isEqualTo(
            "name,status,kind,model,log_evidence,likelihood_calls,seconds,trustworthy,path,centre\n"
                + "survey/a,COMPLETE,SEARCH,Gaussian,-10.4,1001,0.01,1,"
                + first
                + ","
                + centre
                + "\n");
    Run sql =
        run(
            "query",
            "--db",
            db.toString(),
            "--sql",
            "SELECT status, count(*) AS n FROM fits GROUP BY status ORDER BY status");
    assertThat(sql.out())
        .isEqualTo("status      n\nCOMPLETE    2\nCORRUPT     1\nINCOMPLETE  1\n3 rows\n");
  }

  @Test
  void exportWritesOneCsvRowPerFitWithChosenColumns() throws Exception {
    Path csv = work.resolve("table.csv");
    Run run =
        run(
            "export",
            root.toString(),
            "--columns",
            "name,status,log_evidence,centre,centre:error_1_sigma",
            "--out",
            csv.toString());
    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("wrote " + csv + " (3 fits)\n");
    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(Files.readString(csv)))
            .getRecords();
    assertThat(rows).hasSize(3);
    FitFolder a = FitFolder.at(first);
    assertThat(rows.get(0).toMap())
        .containsExactly(
            "name", "survey/a",
            "status", "COMPLETE",
            "log_evidence", "-10.4",
            "centre", Double.toString(a.parameter("centre").orElseThrow().median()),
            "centre:error_1_sigma",
                Double.toString(a.parameter("centre").orElseThrow().error1Sigma()));
    assertThat(rows.get(2).get("status")).isEqualTo("INCOMPLETE");
    assertThat(rows.get(2).get("centre")).isEmpty();
  }

  @Test
  void errorsNameTheFolderAndSayWhatIsWrong() {
    Run missing = run("show", root.resolve("nowhere").toString());
    assertThat(missing.exit()).isEqualTo(GraphFitCommand.BAD_INPUT);
    assertThat(missing.err())
        .isEqualTo(
            "graphfit: no fit folder at " + root.resolve("nowhere") + " (it does not exist)\n");

    Run corrupt = run("show", damaged.toString());
    assertThat(corrupt.exit()).isEqualTo(GraphFitCommand.UNREADABLE);
    assertThat(corrupt.err())
        .startsWith("graphfit: corrupt fit: " + damaged.resolve("model.results"));

    Run noRoot = run("list", root.resolve("absent").toString());
    assertThat(noRoot.exit()).isEqualTo(GraphFitCommand.BAD_INPUT);
    assertThat(noRoot.err()).contains("absent does not exist");

    Run badColumn = run("export", root.toString(), "--columns", "name,centre:spread");
    assertThat(badColumn.exit()).isEqualTo(GraphFitCommand.BAD_INPUT);
    assertThat(badColumn.err()).contains("no statistic 'spread'");

    Run noDatabase = run("query", "--db", work.resolve("none.sqlite").toString());
    assertThat(noDatabase.exit()).isEqualTo(GraphFitCommand.BAD_INPUT);
    assertThat(noDatabase.err()).contains("graphfit index");
  }
}

package org.graphfit.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.DerivedSummary;
import org.graphfit.aggregator.FactorSummary;
import org.graphfit.aggregator.FitFolder;
import org.graphfit.aggregator.ParameterSummary;
import org.graphfit.graph.GraphResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code show} and {@code export} over a real graph fit with factor folders and derived values. */
final class FactorFoldersCommandTest {
  @TempDir static Path root;
  private static GraphResult result;
  private static FitFolder fit;

  @BeforeAll
  static void fit() {
    result = SmallGraphFit.write(root, "small");
    fit = Aggregator.of(root).completed().list().get(0);
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = GraphFitCommand.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(line.execute(args)).isEqualTo(0);
    return out.toString();
  }

  @Test
  void showListsEachFactorFolderWithItsEstimatesAndTheDerivedQuantities() {
    String out = run("show", fit.path().toString());
    for (FactorSummary factor : fit.factors()) {
      assertThat(out).contains("factor " + factor.name() + "  (" + factor.folder() + "/)");
      ParameterSummary sigma = factor.estimate("sigma").orElseThrow();
      assertThat(out)
          .containsMatch(
              "(?m)^sigma +"
                  + java.util.regex.Pattern.quote(factor.parameters().get("sigma"))
                  + " +"
                  + java.util.regex.Pattern.quote(
                      String.format(Locale.ROOT, "%.6g", sigma.median())));
    }
    DerivedSummary fwhm = fit.derived().get(0);
    assertThat(fwhm.name()).isEqualTo("near.fwhm");
    assertThat(out).containsMatch("(?m)^derived +median +mean +1 sigma +3 sigma interval$");
    assertThat(out)
        .contains(
            String.format(Locale.ROOT, "[%.6g, %.6g]", fwhm.lower3Sigma(), fwhm.upper3Sigma()));
  }

  @Test
  void exportPerFactorReadsEachFactorsFolder() throws Exception {
    String csv =
        run(
            "export",
            root.toString(),
            "--per-factor",
            "--columns",
            "name,factor,factor_folder,centre,sigma,sigma:max_likelihood");
    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))
            .getRecords();
    assertThat(rows).hasSize(2);
    for (CSVRecord row : rows) {
      FactorSummary factor =
          fit.factors().stream()
              .filter(f -> f.name().equals(row.get("factor")))
              .findFirst()
              .orElseThrow();
      assertThat(row.get("factor_folder")).isEqualTo("factors/" + factor.name());
      assertThat(Double.parseDouble(row.get("sigma")))
          .isEqualTo(factor.estimate("sigma").orElseThrow().median());
      assertThat(Double.parseDouble(row.get("sigma:max_likelihood")))
          .isEqualTo(factor.estimate("sigma").orElseThrow().maxLikelihood());
      // the factor's view of the joint fit is the joint fit's marginal of the parameter it reads
      assertThat(Double.parseDouble(row.get("sigma")))
          .isEqualTo(result.summary(factor.parameters().get("sigma")).median());
      assertThat(Double.parseDouble(row.get("centre")))
          .isEqualTo(result.summary(factor.parameters().get("centre")).median());
    }
    assertThat(rows.get(0).get("centre")).isEqualTo(rows.get(1).get("centre"));
  }
}

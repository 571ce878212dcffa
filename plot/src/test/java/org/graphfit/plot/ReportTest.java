package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.CollectionInstance;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path folder;

  private static int count(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  /** Nothing in the page is fetched: no scripts, no external sources, links or styles. */
  private static void assertSelfContained(String html) {
    assertThat(html).doesNotContain("<script");
    assertThat(html).doesNotContainMatch("(src|href)=\"(https?:)?//");
    assertThat(html).doesNotContainMatch("url\\(");
    assertThat(html).doesNotContain("<link");
  }

  @Test
  void aGraphReportHasTheVerdictCostResultsAndPicturesInline() throws IOException {
    FactorGraph graph = TestGraphs.shared(3);
    GraphResult result = CornerPlotTest.fitted(graph, 3000);
    FitPlot fit =
        FitPlot.of(
            "dataset_0",
            new double[] {1, 2},
            new double[] {1, 2},
            new double[] {1, 1},
            new double[] {1, 2});
    Report report = Report.of(result).title("Seed <joint> fit").figure("dataset_0 & its fit", fit);

    Path file = report.write(folder);
    String html = Files.readString(file);

    assertThat(file).isEqualTo(folder.resolve("report.html"));
    assertThat(html).isEqualTo(report.html());
    assertSelfContained(html);
    assertThat(html).contains("<title>Seed &lt;joint&gt; fit</title>");
    assertThat(html).contains("Trustworthy: every self-check passed.");
    assertThat(report.trustworthy()).isTrue();
    assertThat(html).contains("<th>likelihood calls</th>");
    // the shared centre's row: its shared name, prior, median with errors, intervals
    assertThat(html).contains("<tr><th>centre</th><td>Gaussian(50, 30)</td>");
    assertThat(html).contains("<td>LogUniform(1e\u22126, 1e6)</td>");
    assertThat(html).contains("<td>Uniform(0, 25)</td>");
    assertThat(count(html, "<tr><th>dataset_\\d\\.(normalization|sigma)</th>")).isEqualTo(6);
    assertThat(report.captions())
        .containsExactly(
            "Posterior: marginals and pairs", "The factor graph", "dataset_0 & its fit")
        .inOrder();
    assertThat(count(html, "<img alt=\"\" width=\"\\d+\" src=\"data:image/(svg\\+xml|png);base64,"))
        .isEqualTo(3);
    assertThat(html).contains("<figcaption>dataset_0 &amp; its fit</figcaption>");
    assertThat(html).contains("<summary>Graph</summary>");
  }

  @Test
  void concernsAndFailedCallsMakeItUntrustworthy() {
    FactorGraph graph = TestGraphs.shared(1);
    Result<CollectionInstance> fitted = CornerPlotTest.result(graph, 1000);
    Result<CollectionInstance> result =
        Result.builder("NestedSampling", graph.layout(), fitted.samples())
            .concern(new Concern(Check.CONVERGENCE, "stopped at its call limit"))
            .cost(5000, 12, "ArithmeticException: bad pixel", 1.5)
            .build();
    Report report = Report.of(result);
    String html = report.html();

    assertThat(report.trustworthy()).isFalse();
    assertThat(report.concerns()).hasSize(2);
    assertThat(html).contains("Not trustworthy: 2 concerns");
    assertThat(html).contains("<li><b>CONVERGENCE</b>: stopped at its call limit</li>");
    assertThat(html).contains("12 likelihood calls threw or returned NaN");
    assertThat(html).contains("ArithmeticException: bad pixel");
    assertThat(html).contains("<th>wall time</th><td>1.50 s</td>");
  }

  @Test
  void anEpReportShowsConvergenceTheTraceAndTheHierarchy() {
    TestGraphs.EpFit fit = TestGraphs.epFit();
    Report report = Report.of(fit.result(), fit.trace());
    String html = report.html();

    assertSelfContained(html);
    // six sweeps at a tolerance of 1e-12 do not converge: the report says so
    assertThat(fit.result().converged()).isFalse();
    assertThat(report.trustworthy()).isFalse();
    assertThat(report.concerns().get(0)).startsWith("CONVERGENCE: EP stopped after 6 sweeps");
    assertThat(report.captions())
        .containsExactly(
            "Convergence: how much the approximation changed in each sweep",
            "Each variable's approximation per sweep",
            "The factor graph",
            "Hierarchy 'centres'")
        .inOrder();
    assertThat(html).contains("<th>sweeps</th><td>6</td>");
    assertThat(count(html, "<tr><th>dataset_\\d\\.centre</th>")).isEqualTo(4);
    assertThat(Report.of(fit.result()).captions()).hasSize(3);
    // a hierarchy plot with truths replaces the plain one instead of adding a second
    HierarchyPlot withTruths =
        HierarchyPlot.of(fit.result(), fit.hierarchy().centres()).truths(new double[] {1, 2, 3, 4});
    Report replaced = report.hierarchy(fit.hierarchy().centres(), withTruths);
    assertThat(replaced.captions()).isEqualTo(report.captions());
    assertThat(replaced.html()).isNotEqualTo(html);
  }

  @Test
  void aLargeModelListsTheFirstRowsAndSaysWhereTheRestAre() {
    GraphResult result = CornerPlotTest.fitted(TestGraphs.hierarchical(70), 500);
    String html = Report.of(result).html();

    // the global parameters first, then local ones up to the limit
    assertThat(html.indexOf("<tr><th>centres.mean</th>"))
        .isLessThan(html.indexOf("<tr><th>dataset_0.centre</th>"));
    assertThat(count(html, "<tr><th>dataset_\\d+\\.\\w+</th>")).isEqualTo(Report.MOST_ROWS - 2);
    assertThat(html).contains("The first 200 of 212 parameters are listed");
    assertThat(html).contains("Showing 8 of 212 parameters, the global ones first");
    // the graph description of 212 parameters is cut too
    assertThat(html).containsMatch("\u2026 \\d+ more lines in the fit's model.info");
  }

  @Test
  void aLargeEpFitListsTheHyperParametersFirst() {
    TestGraphs.HierarchyOf hierarchy = TestGraphs.hierarchicalWithData(70);
    EpResult result = ExpectationPropagation.builder().maxSweeps(2).build().fit(hierarchy.graph());
    String html = Report.of(result).html();

    assertThat(html).contains("<tr><th>centres.mean</th>");
    assertThat(html).contains("<tr><th>centres.sigma</th>");
    assertThat(html.indexOf("<tr><th>centres.mean</th>"))
        .isLessThan(html.indexOf("<tr><th>dataset_0.centre</th>"));
    assertThat(count(html, "<tr><th>dataset_\\d+\\.\\w+</th>")).isEqualTo(Report.MOST_ROWS - 2);
  }
}

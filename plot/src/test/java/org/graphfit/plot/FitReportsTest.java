package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.ep.EpReportWriter;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphReportWriter;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.ReportWriter;
import org.graphfit.search.mcmc.EnsembleMcmc;
import org.graphfit.search.nested.NestedSampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report every fit with an output folder writes, through the runtime's report writers. */
class FitReportsTest {
  private static final Pattern PNG = Pattern.compile("data:image/png;base64,");

  @TempDir Path root;

  /** Data near a centre, drawn by its hook as a fit plot; the hook of one dataset throws. */
  private static final class Near implements Analysis<double[]> {
    private final double centre;
    private final boolean broken;

    Near(double centre, boolean broken) {
      this.centre = centre;
      this.broken = broken;
    }

    @Override
    public double logLikelihood(double[] values) {
      double z = (values[0] - centre) / 3;
      return -0.5 * z * z;
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("centre", new double[] {centre}).build());
    }

    @Override
    public void visualize(FitPaths paths, double[] instance, FitStage stage) {
      if (broken) {
        throw new IllegalStateException("cannot draw this dataset");
      }
      double[] data = {centre - 1, centre, centre + 1};
      double[] model = {instance[0], instance[0], instance[0]};
      FitPlot.of("fit", data, new double[] {1, 1, 1}, model)
          .writePng(paths.image().resolve("fit.png"));
    }
  }

  private static FactorGraph graph(boolean oneBroken) {
    Parameter centre = Parameter.free(Prior.uniform(0, 100));
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < 3; i++) {
      graph.add(
          AnalysisFactor.of(TestGraphs.gaussian(centre), new Near(40 + 5 * i, oneBroken && i == 2))
              .named("dataset_" + i));
    }
    return graph;
  }

  private static int count(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static List<String> listed(Path fit) throws IOException {
    List<String> names = new ArrayList<>();
    new JsonMapper()
        .readTree(Files.readAllBytes(fit.resolve("files/manifest.json")))
        .path("files")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  @Test
  void theRuntimeFindsThisModulesWriters() {
    assertThat(ReportWriter.find().orElseThrow()).isInstanceOf(FitReports.class);
    assertThat(GraphReportWriter.find().orElseThrow()).isInstanceOf(FitReports.class);
    assertThat(EpReportWriter.find().orElseThrow()).isInstanceOf(FitReports.class);
  }

  @Test
  void aGraphFitsReportHasTheVerdictThePicturesItsHooksDrewAndTheirFailures() throws IOException {
    FactorGraph graph = graph(true);
    NestedSampling search =
        NestedSampling.builder().nLive(60).seed(1).output(root, "graph").build();
    graph.fit(search);
    Path fit = search.outputPath(graph.layout(), graph.analysis()).orElseThrow();
    String html = Files.readString(fit.resolve("report.html"));

    assertThat(html).contains("Trustworthy: every self-check passed.");
    assertThat(html).contains("dataset_0, drawn by its analysis (factors/dataset_0/image/fit.png)");
    assertThat(html).contains("dataset_1, drawn by its analysis");
    assertThat(html).doesNotContain("dataset_2, drawn by its analysis");
    assertThat(html).contains("1 warning");
    assertThat(html).contains("visualize(FINAL) of factor dataset_2 threw");
    assertThat(html).contains("Factor folders");
    // the corner plot and the factor graph may be SVG; the two hook pictures are PNG
    assertThat(count(PNG, html)).isAtLeast(2);
    assertThat(html).doesNotContain("http://");
    assertThat(html).doesNotContain("https://");
    assertThat(listed(fit)).contains("report.html");
    assertThat(listed(fit)).contains("factors/dataset_1/image/fit.png");
  }

  @Test
  void aReportLeftByAnInterruptedRunIsReplaced() throws IOException {
    FactorGraph graph = graph(false);
    NestedSampling search =
        NestedSampling.builder().nLive(60).seed(1).output(root, "stale").build();
    Path fit = search.outputPath(graph.layout(), graph.analysis()).orElseThrow();
    Files.createDirectories(fit);
    Files.writeString(fit.resolve("report.html"), "stale");
    graph.fit(search);

    assertThat(Files.readString(fit.resolve("report.html"))).contains("Graph fit report");
  }

  @Test
  void anUntrustworthyFitSaysWhyInItsReport() throws IOException {
    FactorGraph graph = graph(false);
    EnsembleMcmc search = EnsembleMcmc.builder().maxSteps(40).seed(2).output(root, "short").build();
    var result = graph.fit(search);
    Path fit = search.outputPath(graph.layout(), graph.analysis()).orElseThrow();
    String html = Files.readString(fit.resolve("report.html"));

    assertThat(result.global().trustworthy()).isFalse();
    assertThat(html).contains("Not trustworthy: ");
    for (var concern : result.global().concerns()) {
      assertThat(html).contains("<b>" + concern.check().name() + "</b>");
    }
  }

  @Test
  void aSearchFitAndAnEpFitWriteTheirReportsToo() throws IOException {
    NestedSampling search =
        NestedSampling.builder().nLive(60).seed(1).output(root, "single").build();
    TestGraphs.TestModel model = TestGraphs.gaussian(Parameter.free(Prior.uniform(0, 100)));
    Near analysis = new Near(50, false);
    search.fit(model, analysis);
    Path single = search.outputPath(model.layout(), analysis).orElseThrow();
    String html = Files.readString(single.resolve("report.html"));
    assertThat(html).contains("Drawn by the analysis (image/fit.png)");
    assertThat(listed(single)).contains("report.html");

    FactorGraph graph = graph(false);
    ExpectationPropagation ep = ExpectationPropagation.builder().output(root, "ep").build();
    ep.fit(graph);
    Path epFolder = ep.outputPath(graph).orElseThrow();
    String epHtml = Files.readString(epFolder.resolve("report.html"));
    assertThat(epHtml).contains("EP fit report");
    assertThat(epHtml).contains("Convergence: how much the approximation changed in each sweep");
    assertThat(epHtml).contains("Factor folders");
    assertThat(listed(epFolder)).contains("report.html");

    // without a report
    ExpectationPropagation none =
        ExpectationPropagation.builder().output(root, "ep-none").report(false).build();
    none.fit(graph(false));
    assertThat(Files.exists(none.outputPath(graph(false)).orElseThrow().resolve("report.html")))
        .isFalse();
  }
}

package org.graphfit.aggregator;

import static com.google.common.truth.Truth.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.examples.EpHierarchicalExample;
import org.graphfit.examples.ExampleData;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.HierarchicalGraph;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.examples.SeedExample;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.CollectionInstance;
import org.graphfit.prior.Prior;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.graphfit.search.nested.NestedSampling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator over the examples' real output: the seed example's three single fits and its joint
 * graph fit, and the hierarchical example's EP fit (Laplace path), each read back and compared with
 * what the library loads from the same folder through the model; and a small search whose analysis
 * declares derived quantities.
 */
final class ExampleOutputTest {
  @TempDir static Path root;

  @BeforeAll
  static void runExamples() throws Exception {
    SeedExample.main(new String[] {root.toString()});
    EpHierarchicalExample.main(new String[] {root.toString(), "laplace"});
    derivedSearch().toBuilder().output(root, "derived").build().fit(derivedModel(), new Peaked());
  }

  /** A centre near 40 and a sigma near 3, with the full width at half maximum derived. */
  private record Peaked() implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian g) {
      double a = (g.centre() - 40) / 2;
      double b = (g.sigma() - 3) / 0.5;
      return -0.5 * (a * a + b * b);
    }

    @Override
    public List<DerivedQuantity<Gaussian>> derivedQuantities() {
      return List.of(
          DerivedQuantity.of("fwhm", g -> 2 * Math.sqrt(2 * Math.log(2)) * g.sigma()),
          DerivedQuantity.of("ratio", g -> g.centre() / g.sigma()));
    }
  }

  private static GaussianModel derivedModel() {
    return GaussianModel.unset()
        .centre(Prior.uniform(20, 60))
        .normalization(1.0)
        .sigma(Prior.uniform(0.5, 6));
  }

  private static NestedSampling derivedSearch() {
    return NestedSampling.builder().nLive(60).seed(9).build();
  }

  /** The seed example's graph (its three datasets, the centre shared), with its keys. */
  private static FactorGraph seedGraph(List<FactorKey<Gaussian>> keys) throws Exception {
    FactorGraph graph = new FactorGraph();
    List<Dataset1D> datasets = ExampleData.load("gaussian_x1__low_snr", 3);
    for (int i = 0; i < 3; i++) {
      keys.add(
          graph.add(
              AnalysisFactor.of(
                      GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(datasets.get(i)))
                  .named("dataset_" + i)));
    }
    return graph;
  }

  private static FitFolder only(FitSelection fits) {
    assertThat(fits.size()).isEqualTo(1);
    return fits.list().get(0);
  }

  @Test
  void findsEveryFitOfTheExamplesAsCompleteAndOfItsKind() {
    Aggregator aggregator = Aggregator.of(root);
    List<String> found = new ArrayList<>();
    for (FitFolder fit : aggregator.all()) {
      found.add(fit.name() + " " + fit.kind() + " " + fit.status());
    }
    assertThat(found)
        .containsExactly(
            "derived SEARCH COMPLETE",
            "hierarchical_ep_laplace EP COMPLETE",
            "seed/dataset_0 SEARCH COMPLETE",
            "seed/dataset_1 SEARCH COMPLETE",
            "seed/dataset_2 SEARCH COMPLETE",
            "seed/joint GRAPH COMPLETE")
        .inOrder();
    assertThat(aggregator.completed().named("seed/dataset_*").size()).isEqualTo(3);
    Map<String, FitSelection> bySearch = aggregator.completed().groupBy(FitFolder::search);
    assertThat(bySearch.keySet()).containsExactly("ExpectationPropagation", "NestedSampling");
    assertThat(bySearch.get("NestedSampling").size()).isEqualTo(5);
    assertThat(aggregator.completed().trustworthy().named("seed/dataset_*").size()).isEqualTo(3);
    assertThat(aggregator.corrupt().size()).isEqualTo(0);
    assertThat(only(aggregator.all().named("seed/dataset_0")).tag()).isEqualTo("");
  }

  @Test
  void singleFitSummaryMatchesTheTypedResultLoadedThroughTheModel() throws Exception {
    FitFolder fit = only(Aggregator.of(root).completed().named("seed/dataset_1"));
    Result<Gaussian> result = fit.result(GaussianModel.withDefaults());
    double[] median = result.samples().median();
    List<String> paths = fit.parameterPaths();
    assertThat(paths).containsExactly("centre", "normalization", "sigma").inOrder();
    for (int i = 0; i < paths.size(); i++) {
      assertThat(fit.parameter(paths.get(i)).orElseThrow().median()).isEqualTo(median[i]);
    }
    assertThat(fit.summary().logEvidence()).isEqualTo(result.logEvidence());
    assertThat(fit.summary().likelihoodCalls()).isEqualTo(result.likelihoodCalls());
    assertThat(fit.summary().trustworthy()).isEqualTo(result.trustworthy());
    assertThat(fit.summary().search()).isEqualTo("NestedSampling");
    assertThat(fit.settings()).containsEntry("n_live", "500");
    assertThat(fit.factors()).hasSize(1);
    assertThat(fit.factors().get(0).kind()).isEqualTo(FactorKind.FIT);
  }

  @Test
  void jointGraphFitHasOneFactorPerDatasetSharingTheCentre() throws Exception {
    FitFolder fit = only(Aggregator.of(root).completed().ofKind(FitKind.GRAPH));
    FactorGraph graph = new FactorGraph();
    List<Dataset1D> datasets = ExampleData.load("gaussian_x1__low_snr", 3);
    for (int i = 0; i < 3; i++) {
      graph.add(
          AnalysisFactor.of(
                  GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(datasets.get(i)))
              .named("dataset_" + i));
    }
    Result<CollectionInstance> global = fit.result(graph.layout());
    assertThat(fit.summary().logEvidence()).isEqualTo(global.logEvidence());
    double[] median = global.samples().median();
    assertThat(fit.parameter("dataset_0.centre").orElseThrow().median()).isEqualTo(median[0]);

    List<String> factors = new ArrayList<>();
    for (FactorSummary factor : fit.factors()) {
      factors.add(factor.name() + " " + factor.kind() + " " + factor.parameters());
    }
    assertThat(factors)
        .containsExactly(
            "dataset_0 LIKELIHOOD {centre=dataset_0.centre, normalization=dataset_0.normalization,"
                + " sigma=dataset_0.sigma}",
            "dataset_1 LIKELIHOOD {centre=dataset_0.centre, normalization=dataset_1.normalization,"
                + " sigma=dataset_1.sigma}",
            "dataset_2 LIKELIHOOD {centre=dataset_0.centre, normalization=dataset_2.normalization,"
                + " sigma=dataset_2.sigma}")
        .inOrder();

    // per-factor table: the shared centre is the same in every factor's row
    StringBuilder csv = new StringBuilder();
    Table.perFactor(List.of("name", "factor", "centre", "sigma"))
        .writeCsv(new FitSelection(List.of(fit)), csv);
    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv.toString()))
            .getRecords();
    assertThat(rows).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(rows.get(i).get("factor")).isEqualTo("dataset_" + i);
      assertThat(Double.parseDouble(rows.get(i).get("centre"))).isEqualTo(median[0]);
      assertThat(Double.parseDouble(rows.get(i).get("sigma")))
          .isEqualTo(fit.parameter("dataset_" + i + ".sigma").orElseThrow().median());
    }
  }

  @Test
  void epFitParametersAndFactorsMatchTheResultTheLibraryLoads() throws Exception {
    FitFolder fit = only(Aggregator.of(root).completed().ofKind(FitKind.EP));
    HierarchicalGraph hierarchy = HierarchicalGraph.load();
    EpResult loaded =
        ExpectationPropagation.builder()
            .threads(2)
            .seed(1)
            .output(root, "hierarchical_ep_laplace")
            .build()
            .fit(hierarchy.graph());
    assertThat(fit.summary().logEvidence()).isEqualTo(loaded.logEvidence());
    assertThat(fit.summary().converged()).isEqualTo(loaded.converged());
    assertThat(fit.summary().sweeps()).isEqualTo(loaded.sweepCount());
    assertThat(fit.summary().trustworthy()).isEqualTo(loaded.trustworthy());
    assertThat(fit.summary().concerns()).isEqualTo(loaded.concerns());
    assertThat(fit.parameters()).hasSize(loaded.summaries().size());
    for (VariableSummary summary : loaded.summaries()) {
      ParameterSummary read = fit.parameter(summary.path()).orElseThrow();
      assertThat(read.mean()).isEqualTo(summary.mean());
      assertThat(read.sd()).isEqualTo(summary.sd());
    }
    Map<String, ?> statuses = loaded.statuses();
    assertThat(fit.factors()).hasSize(statuses.size());
    int likelihoods = 0;
    for (FactorSummary factor : fit.factors()) {
      assertThat(factor.status()).isEqualTo(statuses.get(factor.name()).toString());
      if (factor.kind() == FactorKind.LIKELIHOOD) {
        likelihoods++;
        assertThat(factor.parameters().get("centre")).isEqualTo(factor.name() + ".centre");
        assertThat(Double.isFinite(factor.logEvidenceTerm())).isTrue();
      }
    }
    assertThat(likelihoods).isEqualTo(HierarchicalGraph.DATASETS);
  }

  @Test
  void databaseOfTheExamplesAnswersAsTheAggregator() {
    Aggregator aggregator = Aggregator.of(root);
    try (FitDatabase database = FitDatabase.open(root.resolve("fits.sqlite"))) {
      FitDatabase.UpdateReport report = database.update(aggregator);
      assertThat(report.added()).isEqualTo(6);
      assertThat(report.complete()).isEqualTo(6);
      FitDatabase.Rows rows =
          database.query(
              "SELECT f.name, p.median FROM fits f JOIN parameters p ON p.fit_id = f.fit_id"
                  + " WHERE p.path = 'centre' AND f.name LIKE 'seed/%' ORDER BY f.name");
      Map<FitFolder, ParameterSummary> values =
          aggregator.completed().named("seed/*").values("centre");
      assertThat(rows.rows()).hasSize(3);
      int i = 0;
      for (Map.Entry<FitFolder, ParameterSummary> entry : values.entrySet()) {
        assertThat(rows.rows().get(i).get(0)).isEqualTo(entry.getKey().name());
        assertThat(rows.rows().get(i).get(1)).isEqualTo(entry.getValue().median());
        i++;
      }
      assertThat(
              database
                  .query(
                      "SELECT count(*) FROM factors f JOIN fits USING (fit_id) WHERE fits.kind ="
                          + " 'EP' AND f.kind = 'LIKELIHOOD'")
                  .rows()
                  .get(0)
                  .get(0))
          .isEqualTo(HierarchicalGraph.DATASETS);
    }
  }

  @Test
  void graphFactorFoldersHoldTheirViewOfTheJointFitUnderTheirOwnNames() {
    FitFolder fit = only(Aggregator.of(root).completed().ofKind(FitKind.GRAPH));
    for (int i = 0; i < 3; i++) {
      FactorSummary factor = fit.factors().get(i);
      assertThat(factor.folder()).isEqualTo("factors/dataset_" + i);
      List<String> names = new ArrayList<>();
      factor.estimates().forEach(estimate -> names.add(estimate.path()));
      assertThat(names).containsExactly("centre", "normalization", "sigma").inOrder();
      // the factor's view of the joint fit: its parameters' joint marginals, the centre shared
      for (String name : names) {
        ParameterSummary joint = fit.parameter(factor.parameters().get(name)).orElseThrow();
        ParameterSummary own = factor.estimate(name).orElseThrow();
        assertThat(own.median()).isEqualTo(joint.median());
        assertThat(own.error1Sigma()).isEqualTo(joint.error1Sigma());
        assertThat(own.maxLikelihood()).isEqualTo(joint.maxLikelihood());
      }
    }
    assertThat(fit.factors().get(0).estimate("centre").orElseThrow().median())
        .isEqualTo(fit.factors().get(2).estimate("centre").orElseThrow().median());
  }

  @Test
  void epFactorFoldersHoldTheMeanFieldOfTheirVariables() throws Exception {
    FitFolder fit = only(Aggregator.of(root).completed().ofKind(FitKind.EP));
    int withFolders = 0;
    for (FactorSummary factor : fit.factors()) {
      if (factor.kind() != FactorKind.LIKELIHOOD) {
        assertThat(factor.folder()).isNull();
        assertThat(factor.estimates()).isEmpty();
        continue;
      }
      withFolders++;
      assertThat(factor.folder()).isEqualTo("factors/" + factor.name());
      assertThat(factor.estimates()).isNotEmpty();
      for (Map.Entry<String, String> entry : factor.parameters().entrySet()) {
        ParameterSummary own = factor.estimate(entry.getKey()).orElseThrow();
        ParameterSummary global = fit.parameter(entry.getValue()).orElseThrow();
        assertThat(own.mean()).isEqualTo(global.mean());
        assertThat(own.sd()).isEqualTo(global.sd());
      }
      assertThat(fit.factor(factor.name()).text("ep_history.csv")).startsWith("sweep,factor,");
    }
    assertThat(withFolders).isEqualTo(HierarchicalGraph.DATASETS);
    IllegalStateException samples =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> fit.factor("dataset_0").result(GaussianModel.withDefaults()));
    assertThat(samples).hasMessageThat().contains("hold no samples");
  }

  @Test
  void factorResultReadFromItsFolderIsTheInMemoryFactorResultOfTheSameFit() throws Exception {
    FitFolder fit = only(Aggregator.of(root).completed().ofKind(FitKind.GRAPH));
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    FactorGraph graph = seedGraph(keys);
    // the same search, in memory: same seed, same samples
    GraphResult inMemory = graph.fit(NestedSampling.builder().nLive(500).walks(10).seed(1).build());
    for (int i = 0; i < 3; i++) {
      Result<Gaussian> expected = inMemory.factor(keys.get(i));
      GaussianModel model = GaussianModel.withDefaults();
      Result<Gaussian> read = fit.factor("dataset_" + i).result(model);
      var own = keys.get(i).factor().model();
      Samples a = expected.samples();
      Samples b = read.samples();
      assertThat(b.names()).isEqualTo(a.names());
      assertThat(b.size()).isEqualTo(a.size());
      for (int s = 0; s < a.size(); s += 97) {
        assertThat(b.vector(s)).isEqualTo(a.vector(s));
        assertThat(b.weight(s)).isEqualTo(a.weight(s));
        assertThat(b.logLikelihood(s)).isEqualTo(a.logLikelihood(s));
      }
      assertThat(read.median(model)).isEqualTo(expected.median(own));
      assertThat(read.maxLikelihood(model)).isEqualTo(expected.maxLikelihood(own));
      assertThat(read.summary("sigma").median()).isEqualTo(expected.summary("sigma").median());
      assertThat(read.atSigma(model, 1)).isEqualTo(expected.atSigma(own, 1));
      assertThat(read.likelihoodCalls()).isEqualTo(expected.likelihoodCalls());
      assertThat(read.trustworthy()).isEqualTo(expected.trustworthy());
      assertThat(read.concerns()).isEqualTo(expected.concerns());
      assertThat(read.diagnostics()).isEqualTo(expected.diagnostics());
      assertThat(Double.isNaN(read.logEvidence())).isTrue();
    }
    IllegalArgumentException unknown =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> fit.factor("dataset_9"));
    assertThat(unknown).hasMessageThat().contains("[dataset_0, dataset_1, dataset_2]");
    IllegalStateException wrongModel =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> fit.factor("dataset_0").result(graph.model()));
    assertThat(wrongModel).hasMessageThat().contains("give the factor's own model");
  }

  @Test
  void derivedQuantitiesAreReadAsTheResultLoadedThroughTheModelSummarizesThem() {
    FitFolder fit = only(Aggregator.of(root).completed().named("derived"));
    Result<Gaussian> loaded =
        derivedSearch().toBuilder()
            .output(root, "derived")
            .build()
            .fit(derivedModel(), new Peaked());
    Samples derived = loaded.derivedSamples().orElseThrow();
    assertThat(fit.derived()).hasSize(2);
    double[][] one = derived.valuesAtSigma(1);
    double[][] three = derived.valuesAtSigma(3);
    for (int i = 0; i < 2; i++) {
      DerivedSummary summary = fit.derived().get(i);
      assertThat(summary.name()).isEqualTo(derived.names().get(i));
      assertThat(summary.mean()).isEqualTo(derived.mean()[i]);
      assertThat(summary.median()).isEqualTo(derived.median()[i]);
      assertThat(summary.lower1Sigma()).isEqualTo(one[0][i]);
      assertThat(summary.upper3Sigma()).isEqualTo(three[1][i]);
    }
    // the width is a function of sigma alone: its median is that of sigma's, mapped
    assertThat(fit.derived().get(0).median())
        .isWithin(1e-9)
        .of(2 * Math.sqrt(2 * Math.log(2)) * fit.parameter("sigma").orElseThrow().median());
    assertThat(only(Aggregator.of(root).completed().named("seed/dataset_0")).derived()).isEmpty();
  }

  @Test
  void databaseHoldsFactorFoldersTheirEstimatesAndDerivedQuantities() {
    Aggregator aggregator = Aggregator.of(root);
    try (FitDatabase database = FitDatabase.open(root.resolve("factors.sqlite"))) {
      database.update(aggregator);
      FitFolder joint = only(aggregator.completed().ofKind(FitKind.GRAPH));
      FitDatabase.Rows rows =
          database.query(
              "SELECT fa.factor, fa.folder, fp.name, fp.path, fp.median, fp.max_likelihood"
                  + " FROM factors fa JOIN fits f USING (fit_id) JOIN factor_parameters fp ON"
                  + " fp.fit_id = fa.fit_id AND fp.factor = fa.factor WHERE f.kind = 'GRAPH'"
                  + " ORDER BY fa.position, fp.name");
      assertThat(rows.rows()).hasSize(9);
      for (List<Object> row : rows.rows()) {
        FactorSummary factor =
            joint.factors().stream().filter(f -> f.name().equals(row.get(0))).findFirst().get();
        ParameterSummary own = factor.estimate((String) row.get(2)).orElseThrow();
        assertThat(row.get(1)).isEqualTo("factors/" + row.get(0));
        assertThat(row.get(4)).isEqualTo(own.median());
        assertThat(row.get(5)).isEqualTo(own.maxLikelihood());
      }
      assertThat(
              database
                  .query(
                      "SELECT count(*) FROM factor_parameters fp JOIN fits f USING (fit_id) WHERE"
                          + " f.kind = 'EP' AND fp.mean IS NOT NULL AND fp.sd IS NOT NULL")
                  .rows()
                  .get(0)
                  .get(0))
          .isEqualTo(
              (int)
                  only(aggregator.completed().ofKind(FitKind.EP)).factors().stream()
                      .mapToLong(f -> f.parameters().size())
                      .sum());
      FitFolder derived = only(aggregator.completed().named("derived"));
      FitDatabase.Rows quantities =
          database.query(
              "SELECT d.name, d.median, d.lower_1_sigma, d.upper_3_sigma FROM derived d JOIN fits f"
                  + " USING (fit_id) WHERE f.name = 'derived' ORDER BY d.position");
      assertThat(quantities.rows()).hasSize(2);
      for (int i = 0; i < 2; i++) {
        DerivedSummary summary = derived.derived().get(i);
        assertThat(quantities.rows().get(i))
            .containsExactly(
                summary.name(), summary.median(), summary.lower1Sigma(), summary.upper3Sigma())
            .inOrder();
      }
      assertThat(database.count("derived")).isEqualTo(2);
    }
  }

  @Test
  void indexPageLinksEveryFitToItsReport() throws Exception {
    Path page =
        IndexPage.titled("examples")
            .write(Aggregator.of(root).all(), root.resolve("pages").resolve("index.html"));
    String html = java.nio.file.Files.readString(page);
    List<List<String>> rows = IndexPageTest.rows(html);
    assertThat(rows).hasSize(Aggregator.of(root).all().size());
    java.util.regex.Matcher links =
        java.util.regex.Pattern.compile("<a href=\"([^\"]+)\">report</a>").matcher(html);
    int count = 0;
    while (links.find()) {
      Path report = page.getParent().resolve(links.group(1)).normalize();
      assertThat(report.getFileName().toString()).isEqualTo("report.html");
      assertThat(java.nio.file.Files.isRegularFile(report)).isTrue();
      count++;
    }
    // every fit of the examples writes its report
    assertThat(count).isEqualTo(rows.size());
    // the EP fit's evidence is approximate: it is said, and its concern listed
    FitFolder ep = only(Aggregator.of(root).completed().ofKind(FitKind.EP));
    assertThat(html).contains("(approx.)");
    for (org.graphfit.search.Concern concern : ep.summary().concerns()) {
      assertThat(html).contains("<b>" + concern.check().name() + "</b>");
    }
  }
}

package org.graphfit.aggregator;

import static com.google.common.truth.Truth.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.graphfit.analysis.Dataset1D;
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
import org.graphfit.model.CollectionInstance;
import org.graphfit.search.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator over the examples' real output: the seed example's three single fits and its joint
 * graph fit, and the hierarchical example's EP fit (Laplace path), each read back and compared with
 * what the library loads from the same folder through the model.
 */
final class ExampleOutputTest {
  @TempDir static Path root;

  @BeforeAll
  static void runExamples() throws Exception {
    SeedExample.main(new String[] {root.toString()});
    EpHierarchicalExample.main(new String[] {root.toString(), "laplace"});
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
            "hierarchical_ep_laplace EP COMPLETE",
            "seed/dataset_0 SEARCH COMPLETE",
            "seed/dataset_1 SEARCH COMPLETE",
            "seed/dataset_2 SEARCH COMPLETE",
            "seed/joint GRAPH COMPLETE")
        .inOrder();
    assertThat(aggregator.completed().named("seed/dataset_*").size()).isEqualTo(3);
    Map<String, FitSelection> bySearch = aggregator.completed().groupBy(FitFolder::search);
    assertThat(bySearch.keySet()).containsExactly("ExpectationPropagation", "NestedSampling");
    assertThat(bySearch.get("NestedSampling").size()).isEqualTo(4);
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
      assertThat(report.added()).isEqualTo(5);
      assertThat(report.complete()).isEqualTo(5);
      FitDatabase.Rows rows =
          database.query(
              "SELECT f.name, p.median FROM fits f JOIN parameters p ON p.fit_id = f.fit_id"
                  + " WHERE p.path = 'centre' ORDER BY f.name");
      Map<FitFolder, ParameterSummary> values = aggregator.completed().values("centre");
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
}

package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.model.CollectionInstance;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedQuantitiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A centre near 40 and a sigma near 3, with two derived quantities. */
  private record Peaked(boolean failing) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian g) {
      double a = (g.centre() - 40) / 2;
      double b = (g.sigma() - 3) / 0.5;
      return -0.5 * (a * a + b * b);
    }

    @Override
    public List<DerivedQuantity<Gaussian>> derivedQuantities() {
      DerivedQuantity<Gaussian> fwhm =
          DerivedQuantity.of("fwhm", g -> 2 * Math.sqrt(2 * Math.log(2)) * g.sigma());
      DerivedQuantity<Gaussian> ratio =
          failing
              ? DerivedQuantity.of(
                  "ratio",
                  g -> {
                    if (g.sigma() > 3) {
                      throw new IllegalStateException("too wide");
                    }
                    return g.centre() / g.sigma();
                  })
              : DerivedQuantity.of("ratio", g -> g.centre() / g.sigma());
      return List.of(fwhm, ratio);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("peaked", failing ? 1 : 0).build());
    }
  }

  private static GaussianModel model() {
    return GaussianModel.unset()
        .centre(Prior.uniform(20, 60))
        .normalization(1.0)
        .sigma(Prior.uniform(0.5, 6));
  }

  private static ProblemSearch search(Path root, int threads) {
    return NestedSampling.builder()
        .nLive(60)
        .seed(9)
        .output(root, "derived")
        .threads(threads)
        .build();
  }

  private static Path file(Path root, String name) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(path -> path.endsWith(name)).findFirst().orElseThrow();
    }
  }

  @Test
  void latentFilesHoldTheQuantitiesOfEverySampleAndSummariesComputedFromSamplesCsv(
      @TempDir Path root) throws IOException {
    Result<Gaussian> result = search(root, 2).fit(model(), new Peaked(false));

    // samples.csv by hand: centre, sigma, ..., weight
    List<String> rows = Files.readAllLines(file(root, "samples.csv"));
    List<String> latentRows = Files.readAllLines(file(root, "latent.csv"));
    assertThat(latentRows.get(0))
        .isEqualTo("fwhm,ratio,log_likelihood,log_prior,log_posterior,weight");
    assertThat(latentRows).hasSize(rows.size());
    int n = rows.size() - 1;
    double[][] values = new double[2][n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      String[] cells = rows.get(i + 1).split(",");
      double centre = Double.parseDouble(cells[0]);
      double sigma = Double.parseDouble(cells[1]);
      weights[i] = Double.parseDouble(cells[cells.length - 1]);
      values[0][i] = 2 * Math.sqrt(2 * Math.log(2)) * sigma;
      values[1][i] = centre / sigma;
      String[] latent = latentRows.get(i + 1).split(",");
      assertThat(Double.parseDouble(latent[0])).isEqualTo(values[0][i]);
      assertThat(Double.parseDouble(latent[1])).isEqualTo(values[1][i]);
    }
    JsonNode summary = JSON.readTree(file(root, "latent_summary.json").toFile());
    double tail = NormalDistribution.of(0, 1).cumulativeProbability(-1);
    String[] names = {"fwhm", "ratio"};
    for (int q = 0; q < 2; q++) {
      JsonNode quantity = summary.path("quantities").path(names[q]);
      double mean = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        mean += weights[i] * values[q][i];
        total += weights[i];
      }
      mean /= total;
      double median = quantile(values[q], weights, 0.5);
      double lower = quantile(values[q], weights, tail);
      double upper = quantile(values[q], weights, 1 - tail);
      assertThat(quantity.path("mean").asDouble()).isWithin(1e-12 * Math.abs(mean)).of(mean);
      assertThat(quantity.path("median").asDouble()).isWithin(1e-12 * Math.abs(median)).of(median);
      assertThat(quantity.path("lower_at_1_sigma").asDouble()).isWithin(1e-12 * lower).of(lower);
      assertThat(quantity.path("errors_at_1_sigma").asDouble())
          .isWithin(1e-9)
          .of(0.5 * (upper - lower));
    }
    // fwhm is 2.3548 sigma, sigma is about 3 +/- 0.5
    assertThat(summary.path("quantities").path("fwhm").path("median").asDouble())
        .isWithin(0.4)
        .of(2.3548 * 3);
    JsonNode manifest = JSON.readTree(file(root, "manifest.json").toFile());
    assertThat(manifest.toString()).contains("files/latent.csv");
    assertThat(manifest.toString()).contains("files/latent_summary.json");
    assertThat(result.summary()).contains("Derived quantities (1.0 sigma limits):");
    assertThat(result.summary()).containsMatch("fwhm +7\\.");
    assertThat(result.trustworthy()).isTrue();

    Result<Gaussian> loaded = search(root, 1).fit(model(), new Peaked(false));
    assertThat(loaded.derivedSamples().orElseThrow())
        .isEqualTo(result.derivedSamples().orElseThrow());
    Samples joined = result.samples().withColumnsOf(result.derivedSamples().orElseThrow());
    assertThat(joined.names()).containsExactly("centre", "sigma", "fwhm", "ratio").inOrder();
  }

  /** Weighted quantile: linear between the cumulative-weight midpoints of the sorted values. */
  private static double quantile(double[] values, double[] weights, double p) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double total = Arrays.stream(weights).sum();
    double cumulative = 0;
    double previousMid = Double.NaN;
    double previous = Double.NaN;
    for (int index : order) {
      double mid = (cumulative + 0.5 * weights[index]) / total;
      if (mid >= p) {
        return Double.isNaN(previousMid)
            ? values[index]
            : previous + (p - previousMid) / (mid - previousMid) * (values[index] - previous);
      }
      cumulative += weights[index];
      previousMid = mid;
      previous = values[index];
    }
    return previous;
  }

  @Test
  void theValuesDoNotDependOnTheNumberOfThreads(@TempDir Path one, @TempDir Path four)
      throws IOException {
    search(one, 1).fit(model(), new Peaked(false));
    search(four, 4).fit(model(), new Peaked(false));

    assertThat(Files.readString(file(four, "latent.csv")))
        .isEqualTo(Files.readString(file(one, "latent.csv")));
  }

  @Test
  void aQuantityThatThrowsIsNanAndAConcern() {
    Result<Gaussian> result =
        NestedSampling.builder().nLive(60).seed(9).build().fit(model(), new Peaked(true));

    assertThat(result.trustworthy()).isFalse();
    assertThat(result.concerns().get(0).check()).isEqualTo(Check.DERIVED_QUANTITY);
    assertThat(result.concerns().get(0).message()).contains("derived quantity ratio threw");
    Samples derived = result.derivedSamples().orElseThrow();
    assertThat(derived.mean()[1]).isNaN();
    // the quantiles of what could be computed: only samples with sigma <= 3, centre near 40
    assertThat(derived.median()[1]).isGreaterThan(40.0 / 3);
    assertThat(derived.mean()[0]).isFinite();
  }

  @Test
  void aGraphNamesEachFactorsQuantitiesByFactor() {
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(model(), new Peaked(false)).named("first"));
    graph.add(AnalysisFactor.of(model(), new Peaked(false)).named("second"));

    Result<CollectionInstance> result =
        graph.fit(NestedSampling.builder().nLive(60).seed(2).build()).global();

    assertThat(result.derivedSamples().orElseThrow().names())
        .containsExactly("first.fwhm", "first.ratio", "second.fwhm", "second.ratio")
        .inOrder();
  }

  @Test
  void duplicateNamesAreRefusedBeforeTheFit() {
    Analysis<Gaussian> twice =
        new Analysis<>() {
          @Override
          public double logLikelihood(Gaussian g) {
            return 0;
          }

          @Override
          public List<DerivedQuantity<Gaussian>> derivedQuantities() {
            return List.of(
                DerivedQuantity.of("x", Gaussian::sigma),
                DerivedQuantity.of("x", Gaussian::centre));
          }
        };
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> NestedSampling.builder().nLive(20).build().fit(model(), twice));
    assertThat(error).hasMessageThat().contains("two derived quantities are named 'x'");
    assertThrows(IllegalArgumentException.class, () -> DerivedQuantity.of("1x", Gaussian::sigma));
  }
}

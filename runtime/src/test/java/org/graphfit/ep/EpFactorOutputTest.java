package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-factor folders of an EP fit. */
class EpFactorOutputTest {
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path root;

  /** A measurement that states its identity and records the instances its hooks see. */
  private static final class Measured implements Analysis<Gaussian> {
    private final double y;
    private final Map<String, Object> seen;

    Measured(double y, Map<String, Object> seen) {
      this.y = y;
      this.seen = seen;
    }

    @Override
    public double logLikelihood(Gaussian g) {
      return -0.5 * (y - g.centre()) * (y - g.centre());
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("y", new double[] {y}).build());
    }

    @Override
    public void saveData(FitPaths paths) {
      seen.put("saveData " + y, paths.folder().getFileName().toString());
    }

    @Override
    public void visualize(FitPaths paths, Gaussian instance, FitStage stage) {
      if (y == 3.5) {
        throw new IllegalStateException("this dataset cannot be drawn");
      }
      seen.put(stage + " " + paths.folder().getFileName(), instance);
      paths.write("image/centre.txt", Double.toString(instance.centre()));
    }
  }

  private static JsonNode json(Path file) throws IOException {
    return JSON.readTree(Files.readAllBytes(file));
  }

  private HierarchicalToys toy(Map<String, Object> seen) {
    double[] y = HierarchicalToys.simulate(3, 4, 1, 1, 1);
    y[3] = 3.5;
    return HierarchicalToys.of(
        y,
        1,
        HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.logUniform(0.1, 10)),
        i -> new Measured(y[i], seen));
  }

  @Test
  void everyAnalysisFactorHasItsApproximationHistoryAndHooksInItsFolder() throws IOException {
    Map<String, Object> seen = new ConcurrentHashMap<>();
    HierarchicalToys toy = toy(seen);
    ExpectationPropagation ep =
        ExpectationPropagation.builder()
            .seed(2)
            .output(root, "ep")
            .factorOutput(FactorOutput.RESULTS_AND_HOOKS)
            .build();
    EpResult result = ep.fit(toy.graph);
    Path fit = ep.outputPath(toy.graph).orElseThrow();

    for (FactorKey<?> key : toy.graph.factors()) {
      Path folder = fit.resolve("factors").resolve(key.name());
      String path = key.name() + ".centre";
      JsonNode meanField = json(folder.resolve("mean_field.json"));
      assertThat(meanField.path("status").asText())
          .isEqualTo(result.statuses().get(key.name()).name());
      assertThat(meanField.path("variables").path(path).path("mean").asDouble())
          .isEqualTo(result.summary(path).mean());
      assertThat(meanField.path("variables").path(path).path("message_precision").asDouble())
          .isGreaterThan(0.0);
      long updates = result.history().stream().filter(u -> u.factor().equals(key.name())).count();
      assertThat(Files.readAllLines(folder.resolve("ep_history.csv"))).hasSize(1 + (int) updates);
      assertThat(seen)
          .containsEntry("saveData " + ((Measured) key.factor().analysis()).y, key.name());
      if (!key.name().equals("dataset_3")) {
        // the final hook sees the factor's mean instance
        assertThat(((Gaussian) seen.get("FINAL " + key.name())).centre())
            .isEqualTo(((Gaussian) result.meanInstance(key)).centre());
      }
    }
    assertThat(seen).doesNotContainKey("FINAL dataset_3");
    List<String> failures = new ArrayList<>();
    json(fit.resolve("files/hooks.json")).path("failures").forEach(f -> failures.add(f.asText()));
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).contains("visualize(FINAL) of factor dataset_3 threw");
    assertThat(Files.readString(fit.resolve("graph.txt")))
        .containsMatch("dataset_2 +factors/dataset_2/");
    assertThat(
            json(fit.resolve("mean_field.json")).path("factor_folders").path("dataset_0").asText())
        .isEqualTo("factors/dataset_0");

    Set<String> listed = new TreeSet<>();
    json(fit.resolve("files/manifest.json"))
        .path("files")
        .fieldNames()
        .forEachRemaining(listed::add);
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.walk(fit)) {
      files
          .filter(Files::isRegularFile)
          .map(file -> fit.relativize(file).toString())
          .filter(name -> !name.equals("files/manifest.json") && !name.equals("files/fit.lock"))
          .forEach(present::add);
    }
    assertThat(listed).isEqualTo(present);
    assertThat(listed).contains("factors/dataset_0/image/centre.txt");

    // loaded, every factor file checked; the hooks are not called again
    seen.clear();
    EpResult loaded = ep.fit(toy.graph);
    assertThat(loaded.summaries()).isEqualTo(result.summaries());
    assertThat(seen).isEmpty();
  }

  @Test
  void byDefaultSmallGraphsGetFactorFoldersAndLargeOnesNone() {
    HierarchicalToys toy = toy(new ConcurrentHashMap<>());
    ExpectationPropagation ep = ExpectationPropagation.builder().output(root, "auto").build();
    ep.fit(toy.graph);

    Path fit = ep.outputPath(toy.graph).orElseThrow();
    assertThat(Files.exists(fit.resolve("factors/dataset_0/mean_field.json"))).isTrue();
    assertThat(FactorOutput.AUTO.resolve(FactorOutput.AUTO_MOST_FACTORS))
        .isEqualTo(FactorOutput.RESULTS);
    assertThat(FactorOutput.AUTO.resolve(FactorOutput.AUTO_MOST_FACTORS + 1))
        .isEqualTo(FactorOutput.NONE);
    assertThat(FactorOutput.RESULTS.resolve(1_000_000)).isEqualTo(FactorOutput.RESULTS);
  }

  @Test
  void aSampledFactorKeepsItsSearchsLastOutputWhenAskedAndTheFitIsUnchanged() throws IOException {
    ExpectationPropagation.Builder sampled =
        ExpectationPropagation.builder()
            .seed(4)
            .maxSweeps(3)
            .sampler(NestedSampling.builder().nLive(40).build());
    ExpectationPropagation keeping = sampled.output(root, "kept").keepSearchOutput(true).build();
    HierarchicalToys toy = toy(new ConcurrentHashMap<>());
    EpResult kept = keeping.fit(toy.graph);
    Path fit = keeping.outputPath(toy.graph).orElseThrow();

    Path search = fit.resolve("factors/dataset_1/search");
    List<String> csv = Files.readAllLines(search.resolve("files/samples.csv"));
    assertThat(csv.get(0)).contains("dataset_1.centre");
    assertThat(csv.size()).isGreaterThan(40);
    assertThat(Files.readString(search.resolve("model.results"))).contains("centre");
    assertThat(json(search.resolve("files/samples_summary.json")).path("search").asText())
        .isEqualTo("NestedSampling");
    Set<String> listed = new TreeSet<>();
    json(fit.resolve("files/manifest.json"))
        .path("files")
        .fieldNames()
        .forEachRemaining(listed::add);
    assertThat(listed).contains("factors/dataset_1/search/files/samples.csv");

    EpResult plain =
        sampled
            .output(root, "plain")
            .keepSearchOutput(false)
            .build()
            .fit(toy(new ConcurrentHashMap<>()).graph);
    assertThat(kept.summaries()).isEqualTo(plain.summaries());
    assertThat(Files.exists(root.resolve("plain"))).isTrue();
    try (Stream<Path> files = Files.walk(root.resolve("plain"))) {
      assertThat(files.anyMatch(file -> file.toString().contains("/search/"))).isFalse();
    }
  }

  @Test
  void noFactorFoldersWhenAskedForNone() {
    HierarchicalToys toy = toy(new ConcurrentHashMap<>());
    ExpectationPropagation ep =
        ExpectationPropagation.builder().output(root, "ep").factorOutput(FactorOutput.NONE).build();
    EpResult without = ep.fit(toy.graph);
    Path fit = ep.outputPath(toy.graph).orElseThrow();

    assertThat(Files.exists(fit.resolve("factors"))).isFalse();
    EpResult plain =
        ExpectationPropagation.builder().build().fit(toy(new ConcurrentHashMap<>()).graph);
    assertThat(without.summaries()).isEqualTo(plain.summaries());
  }
}

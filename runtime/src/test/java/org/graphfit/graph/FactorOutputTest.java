package org.graphfit.graph;

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
import java.util.stream.Stream;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.model.CollectionInstance;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-factor folders and hooks of a joint fit of a graph. */
class FactorOutputTest {
  private static final JsonMapper JSON = new JsonMapper();

  @TempDir Path root;

  /** Measurements of a centre that state their data identity and record their hook calls. */
  private static final class CentreData implements Analysis<Gaussian> {
    private final double centre;
    private final List<String> calls = new ArrayList<>();
    private final List<Gaussian> finals = new ArrayList<>();

    CentreData(double centre) {
      this.centre = centre;
    }

    @Override
    public double logLikelihood(Gaussian gaussian) {
      double z = (gaussian.centre() - centre) / 5;
      return -0.5 * z * z - 0.5 * Math.log(gaussian.sigma());
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("centre", new double[] {centre}).build());
    }

    @Override
    public void saveData(FitPaths paths) {
      synchronized (calls) {
        calls.add("saveData " + paths.folder().getFileName());
      }
      paths.write("files/dataset/centre.txt", Double.toString(centre));
    }

    @Override
    public void visualize(FitPaths paths, Gaussian instance, FitStage stage) {
      synchronized (calls) {
        calls.add(stage + " " + paths.folder().getFileName());
        if (stage == FitStage.FINAL) {
          finals.add(instance);
        }
      }
      paths.write("image/fit.txt", instance.toString());
    }
  }

  private static FactorGraph graph(List<FactorKey<Gaussian>> keys, List<CentreData> analyses) {
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < 3; i++) {
      CentreData analysis = new CentreData(40 + 10 * i);
      analyses.add(analysis);
      keys.add(
          graph.add(
              AnalysisFactor.of(GaussianModel.withDefaults(), analysis).named("dataset_" + i)));
    }
    return graph;
  }

  private static NestedSampling search() {
    return NestedSampling.builder().nLive(60).seed(3).threads(2).build();
  }

  private static JsonNode json(Path file) throws IOException {
    return JSON.readTree(Files.readAllBytes(file));
  }

  @Test
  void everyFactorFolderHoldsTheJointValuesAndEveryFileIsInTheManifest() throws IOException {
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    FactorGraph graph = graph(keys, new ArrayList<>());
    NestedSampling search = search().toBuilder().output(root, "joint").build();
    GraphResult result = graph.fit(search);
    Path fit = search.outputPath(graph.layout(), graph.analysis()).orElseThrow();

    double jointCentre = result.global().samples().median()[0];
    for (FactorKey<Gaussian> key : keys) {
      Path folder = fit.resolve("factors").resolve(key.name());
      assertThat(Files.readString(folder.resolve("model.info")))
          .isEqualTo(key.factor().model().layout().info());
      assertThat(Files.readString(folder.resolve("model.results")))
          .isEqualTo(result.factor(key).summary());
      JsonNode summary = json(folder.resolve("files/samples_summary.json"));
      // the shared centre has one value, the joint one, in every factor's folder
      assertThat(summary.path("names").get(0).asText()).isEqualTo("centre");
      assertThat(summary.path("median_pdf_vector").get(0).asDouble()).isEqualTo(jointCentre);
      assertThat(summary.path("max_log_likelihood_vector").get(0).asDouble())
          .isEqualTo(result.factor(key).maxLogLikelihoodInstance().centre());
      assertThat(Files.readAllLines(folder.resolve("files/samples.csv")))
          .hasSize(result.global().samples().size() + 1);
      assertThat(Files.readString(folder.resolve("files/dataset/centre.txt"))).isNotEmpty();
      assertThat(Files.readString(folder.resolve("image/fit.txt")))
          .isEqualTo(result.factor(key).maxLogLikelihoodInstance().toString());
    }
    String graphText = Files.readString(fit.resolve("graph.txt"));
    assertThat(graphText).contains("Factor folders");
    assertThat(graphText).containsMatch("dataset_1 +factors/dataset_1/");

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
    assertThat(listed).contains("factors/dataset_2/files/samples_summary.json");
    assertThat(listed).contains("factors/dataset_0/image/fit.txt");
    assertThat(listed).contains("files/hooks.json");

    // a changed factor file makes the completed fit an error, never a silent reload
    Path edited = fit.resolve("factors/dataset_1/model.results");
    Files.writeString(edited, "edited");
    IllegalStateException error =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> graph.fit(search));
    assertThat(error).hasMessageThat().contains("dataset_1");
  }

  @Test
  void factorNamesBecomeDistinctFoldersInsideTheFactorsFolder() {
    List<String> names = List.of("../up", "a/b", ".", "..", "Data", "data", "x y", "é", "");
    List<String> folders = FitPaths.factorFolders(names);

    assertThat(folders).hasSize(names.size());
    Set<String> distinct = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    distinct.addAll(folders);
    assertThat(distinct).hasSize(names.size());
    Path base = Path.of("fit").toAbsolutePath();
    for (String folder : folders) {
      assertThat(folder).matches("factors/[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
      Path resolved = base.resolve(folder).normalize();
      assertThat(resolved.getParent()).isEqualTo(base.resolve("factors"));
    }
    assertThat(FitPaths.factorFolders(List.of("n".repeat(300))).get(0).length()).isLessThan(100);
  }

  @Test
  void hooksCannotWriteOutsideTheirFolder() {
    OutputFolder folder = OutputFolder.of(root, "fit", "", Map.of(), Map.of(), "test", Map.of());
    FitPaths paths = folder.paths("");
    for (String name : List.of("../escaped", "/etc/x", "a/../../b", "", "image//x", "a\\b")) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> paths.write(name, "x"), name);
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> paths.child(name), name);
    }
    paths.child("factors/a").write("image/fit.txt", "x");
    assertThat(Files.exists(folder.path().resolve("factors/a/image/fit.txt"))).isTrue();
    assertThat(Files.exists(root.resolve("escaped"))).isFalse();
  }

  @Test
  void hooksSeeTheRightInstancesAtTheRightTimes() {
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    List<CentreData> analyses = new ArrayList<>();
    FactorGraph graph = graph(keys, analyses);
    List<String> combined = new ArrayList<>();
    List<CollectionInstance> combinedFinal = new ArrayList<>();
    graph.hooks(
        new GraphHooks() {
          @Override
          public void visualize(FitPaths paths, CollectionInstance instance, FitStage stage) {
            synchronized (combined) {
              combined.add(stage.name());
              if (stage == FitStage.FINAL) {
                combinedFinal.add(instance);
              }
            }
          }

          @Override
          public void saveResults(FitPaths paths, GraphResult result) {
            combined.add("saveResults");
          }
        });
    GraphResult result =
        graph.fit(
            search().toBuilder()
                .output(root, "hooks")
                .visualizeInterval(java.time.Duration.ofMillis(1))
                .build());

    for (int i = 0; i < keys.size(); i++) {
      List<String> calls = analyses.get(i).calls;
      String folder = keys.get(i).name();
      assertThat(calls.get(0)).isEqualTo("saveData " + folder);
      assertThat(calls.get(calls.size() - 1)).isEqualTo("FINAL " + folder);
      assertThat(calls.stream().filter(call -> call.startsWith("FINAL")).count()).isEqualTo(1);
      // the final instance is the joint maximum-likelihood sample seen through the factor
      assertThat(analyses.get(i).finals)
          .containsExactly(result.factor(keys.get(i)).maxLogLikelihoodInstance());
    }
    assertThat(combined.get(combined.size() - 2)).isEqualTo("FINAL");
    assertThat(combined.get(combined.size() - 1)).isEqualTo("saveResults");
    assertThat(combined).contains("DURING");
    CollectionInstance best = combinedFinal.get(0);
    for (FactorKey<Gaussian> key : keys) {
      assertThat(key.instanceIn(best)).isEqualTo(result.factor(key).maxLogLikelihoodInstance());
    }
  }

  @Test
  void factorFoldersAreNamedByFactorInGraphOrder() {
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    FactorGraph graph = graph(keys, new ArrayList<>());
    Map<String, String> folders = graph.factorFolders();

    assertThat(folders)
        .containsExactly(
            "dataset_0", "factors/dataset_0",
            "dataset_1", "factors/dataset_1",
            "dataset_2", "factors/dataset_2")
        .inOrder();
  }
}

package org.graphfit.output;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.graphfit.testing.PriorImportanceSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph fit's {@code files/model.json} read back into the graph, which then loads the fit. */
class GraphModelFileTest {
  private static final AtomicLong CALLS = new AtomicLong();

  /** A dataset measuring its centre, counting its calls. */
  private record Centre(double y) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian gaussian) {
      CALLS.incrementAndGet();
      return -0.5 * (gaussian.centre() - y) * (gaussian.centre() - y);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("y", new double[] {y}).build());
    }
  }

  /**
   * The graph: three datasets sharing one width, each drawing its centre from a log-Gaussian parent
   * and its normalization a relation of a global scale; priors from {@code wide}.
   */
  private static FactorGraph graph(boolean wide) {
    FactorGraph graph = new FactorGraph();
    Parameter width = Parameter.free(wide ? Prior.uniform(0.1, 50) : Prior.uniform(0.5, 5));
    Parameter scale = Parameter.free("scale", wide ? Prior.uniform(0, 10) : Prior.halfNormal(2));
    HierarchicalFactor centres =
        HierarchicalFactor.logGaussian(
                wide ? Prior.gaussian(0, 10) : Prior.gaussian(1, 2),
                wide ? Prior.logUniform(0.01, 10) : Prior.logUniform(0.05, 3))
            .named("centres");
    for (int i = 0; i < 3; i++) {
      GaussianModel model =
          GaussianModel.unset()
              .centre(wide ? Prior.logUniform(0.001, 1000) : Prior.logUniform(0.1, 100))
              .normalization(scale.times(i + 1))
              .sigma(width);
      graph.add(AnalysisFactor.of(model, new Centre(2 + i)).named("dataset_" + i));
      centres.draw(model.centre());
    }
    graph.add(centres);
    return graph;
  }

  private static PriorImportanceSearch search(Path output) {
    return PriorImportanceSearch.builder(2, 300, 5L).output(output, "graph").build();
  }

  private static Path modelFile(Path output) throws IOException {
    try (Stream<Path> files = Files.walk(output)) {
      return files.filter(p -> p.endsWith("files/model.json")).findFirst().orElseThrow();
    }
  }

  @Test
  void aGraphReadBackFromItsModelFileLoadsTheSavedFit(@TempDir Path output) throws IOException {
    GraphResult saved = graph(false).fit(search(output));
    FactorGraph template = graph(true); // the same code, other priors: another fit
    assertThat(OutputFolder.toJson(template.layout().description()))
        .isNotEqualTo(Files.readString(modelFile(output)));

    FactorGraph read = ModelFile.read(modelFile(output)).applyTo(template);
    CALLS.set(0);
    GraphResult loaded = read.fit(search(output));

    assertThat(CALLS.get()).isEqualTo(0);
    assertThat(loaded.global().samples()).isEqualTo(saved.global().samples());
    assertThat(read.layout().freeParameterPaths())
        .isEqualTo(graph(false).layout().freeParameterPaths());
    assertThat(read.globalParameters()).isEqualTo(graph(false).globalParameters());
    assertThat(read.hierarchicalFactors().get(0).hyperParameter("sigma").prior())
        .hasValue(Prior.logUniform(0.05, 3));
    // the width is still one parameter shared by the three factors
    assertThat(read.layout().priorCount()).isEqualTo(graph(false).layout().priorCount());
  }

  @Test
  void anEpFitsModelFileReadsBackAndLoadsTheSavedFit(@TempDir Path output) throws IOException {
    ExpectationPropagation ep =
        ExpectationPropagation.builder().seed(2).output(output, "ep").build();
    EpResult saved = ep.fit(graph(false));
    assertThat(Files.readString(modelFile(output))).contains("LogGaussianParent");

    FactorGraph read = ModelFile.read(modelFile(output)).applyTo(graph(true));
    CALLS.set(0);
    EpResult loaded = ep.fit(read);

    assertThat(CALLS.get()).isEqualTo(0);
    assertThat(loaded.approximation()).isEqualTo(saved.approximation());
  }

  @Test
  void aTemplateOfAnotherGraphIsRefusedWithTheDifference(@TempDir Path output) throws IOException {
    graph(false).fit(search(output));
    FactorGraph smaller = new FactorGraph();
    smaller.add(
        AnalysisFactor.of(
                GaussianModel.unset().centre(Prior.uniform(0, 10)).normalization(1.0).sigma(1.0),
                new Centre(2))
            .named("dataset_0"));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelFile.read(modelFile(output)).applyTo(smaller));
    assertThat(e).hasMessageThat().contains("describes other slots than the template has");
  }
}

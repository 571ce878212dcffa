package org.graphfit.graph;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five datasets whose widths follow {@code sigma_i = m * x_i + c} with {@code m} and {@code c}
 * global: fitted with the relation in the model, and with the relation written by hand inside the
 * likelihood (m and c then fill the normalization and sigma slots of every factor). Both describe
 * one posterior over the same seven free parameters in the same order.
 */
class RelationFitTest {
  private static final double[] X = {0, 1, 2, 3, 4};
  private static final double TRUE_M = 0.5;
  private static final double TRUE_C = 1.0;
  private static final int POINTS = 40;

  private static final double[][] DATA = simulate();

  private static double[][] simulate() {
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(17L);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] data = new double[X.length][POINTS];
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < POINTS; j++) {
        data[i][j] = 10 * i + (TRUE_M * X[i] + TRUE_C) * normal.sample();
      }
    }
    return data;
  }

  /** Normal measurements of one dataset, with a width given by the instance. */
  private record Widths(int dataset, boolean byHand) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian instance) {
      double sigma =
          byHand ? instance.normalization() * X[dataset] + instance.sigma() : instance.sigma();
      double sum = 0;
      for (double y : DATA[dataset]) {
        double z = (y - instance.centre()) / sigma;
        sum += -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
      }
      return sum;
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("dataset", dataset).build());
    }
  }

  private static final class Graph {
    final FactorGraph graph = new FactorGraph();
    final Parameter m = Parameter.free("m", Prior.uniform(0, 2));
    final Parameter c = Parameter.free("c", Prior.uniform(0.1, 4));

    Graph(boolean byHand) {
      for (int i = 0; i < X.length; i++) {
        GaussianModel model = GaussianModel.unset().centre(Prior.uniform(10 * i - 5, 10 * i + 5));
        if (byHand) {
          model.normalization(m).sigma(c);
        } else {
          model.normalization(1.0).sigma(m.times(X[i]).plus(c));
        }
        graph.add(AnalysisFactor.of(model, new Widths(i, byHand)).named("dataset_" + i));
      }
    }
  }

  private static Result<CollectionInstance> nested(FactorGraph graph, long seed) {
    return graph.fit(NestedSampling.builder().nLive(150).seed(seed).build()).global();
  }

  @Test
  void relationAndHandWrittenLikelihoodGiveTheSamePosteriorAndEvidence() {
    Graph relation = new Graph(false);
    Graph byHand = new Graph(true);
    assertThat(relation.graph.layout().priorCount()).isEqualTo(7);
    assertThat(relation.graph.globalParameters())
        .containsExactly("dataset_0.sigma.m", "dataset_0.sigma.c");

    Result<CollectionInstance> fitted = nested(relation.graph, 1);
    Result<CollectionInstance> reference = nested(byHand.graph, 2);

    Samples samples = fitted.samples();
    Samples expected = reference.samples();
    double[] mean = samples.mean();
    double[] referenceMean = expected.mean();
    double[] sd = samples.standardDeviation();
    double[] referenceSd = expected.standardDeviation();
    for (int i = 0; i < 7; i++) {
      assertThat(mean[i]).isWithin(2 * referenceSd[i]).of(referenceMean[i]);
      assertThat(sd[i]).isWithin(0.25 * referenceSd[i]).of(referenceSd[i]);
    }
    // m and c themselves are recovered
    assertThat(mean[1]).isWithin(3 * sd[1]).of(TRUE_M);
    assertThat(mean[2]).isWithin(3 * sd[2]).of(TRUE_C);
    double logZError = Math.hypot(fitted.logEvidenceError(), reference.logEvidenceError());
    assertThat(fitted.logEvidence()).isWithin(3 * logZError).of(reference.logEvidence());
  }

  @Test
  void withOneSeedTheRelationIsTheSameComputationAsTheHandWrittenLikelihood() {
    Samples relation = nested(new Graph(false).graph, 4).samples();
    Samples byHand = nested(new Graph(true).graph, 4).samples();

    assertThat(relation.size()).isEqualTo(byHand.size());
    for (int i = 0; i < relation.size(); i++) {
      assertThat(relation.vector(i)).usingExactEquality().containsExactly(byHand.vector(i));
      assertThat(relation.logLikelihood(i)).isEqualTo(byHand.logLikelihood(i));
    }
  }

  @Test
  void expectationPropagationTakesTheLeavesAsEachFactorsVariables() {
    Graph relation = new Graph(false);
    Graph byHand = new Graph(true);
    Result<CollectionInstance> reference = nested(byHand.graph, 2);
    double[] referenceMean = reference.samples().mean();
    double[] referenceSd = reference.samples().standardDeviation();

    EpResult ep = ExpectationPropagation.builder().seed(3).build().fit(relation.graph);
    EpResult epByHand = ExpectationPropagation.builder().seed(3).build().fit(byHand.graph);

    assertThat(ep.converged()).isTrue();
    assertThat(ep.failingFactors()).isEmpty();
    VariableSummary m = ep.summary(relation.m);
    VariableSummary c = ep.summary(relation.c);
    assertThat(m.mean()).isWithin(2 * referenceSd[1]).of(referenceMean[1]);
    assertThat(c.mean()).isWithin(2 * referenceSd[2]).of(referenceMean[2]);
    assertThat(m.mean()).isWithin(1e-6 * referenceSd[1]).of(epByHand.summary(byHand.m).mean());
    assertThat(c.sd()).isWithin(1e-6 * referenceSd[2]).of(epByHand.summary(byHand.c).sd());
    FactorKey<?> first = relation.graph.factors().get(0);
    Gaussian instance = (Gaussian) ep.meanInstance(first);
    assertThat(instance.sigma()).isWithin(1e-12).of(m.mean() * X[0] + c.mean());
  }

  @Test
  void samplesCsvHasADerivedColumnPerRelationAfterTheFreeOnesAndLoadsBack(@TempDir Path root)
      throws IOException {
    Graph relation = new Graph(false);
    NestedSampling search =
        NestedSampling.builder().nLive(50).seed(5).output(root, "relations").build();
    Result<CollectionInstance> first = relation.graph.fit(search).global();
    Path csv;
    try (Stream<Path> files = Files.walk(root)) {
      // the fit's own samples, not a factor folder's view of them
      csv =
          files
              .filter(path -> path.endsWith("samples.csv") && !path.toString().contains("factors"))
              .findFirst()
              .orElseThrow();
    }
    List<String> lines = Files.readAllLines(csv);

    assertThat(lines.get(0))
        .isEqualTo(
            "dataset_0.centre,dataset_0.sigma.m,dataset_0.sigma.c,dataset_1.centre,"
                + "dataset_2.centre,dataset_3.centre,dataset_4.centre,"
                + "dataset_0.sigma,dataset_1.sigma,dataset_2.sigma,dataset_3.sigma,"
                + "dataset_4.sigma,log_likelihood,log_prior,log_posterior,weight");
    String[] row = lines.get(1).split(",");
    double m = Double.parseDouble(row[1]);
    double c = Double.parseDouble(row[2]);
    for (int i = 0; i < X.length; i++) {
      assertThat(Double.parseDouble(row[7 + i])).isEqualTo(m * X[i] + c);
    }
    Result<CollectionInstance> loaded = relation.graph.fit(search).global();
    assertThat(loaded.samples()).isEqualTo(first.samples());
  }

  @Test
  void graphInfoAndResultsShowTheRelations() {
    Graph relation = new Graph(false);
    String info = relation.graph.info();

    assertThat(info).contains("7 free parameters (2 global, 5 local)");
    assertThat(info)
        .containsMatch("dataset_2.sigma +.= dataset_0.sigma.m \\* 2.0 \\+ dataset_0.sigma.c");
    assertThat(info).containsMatch("dataset_0.sigma.m .*links dataset_0, dataset_1, dataset_2");
    String summary = nested(relation.graph, 6).summary();
    assertThat(summary).contains("Relations (1.0 sigma limits):");
    assertThat(summary).containsMatch("dataset_4.sigma +[0-9.]+ \\([0-9.]+, [0-9.]+\\) = ");
    assertThat(GraphStructure.of(relation.graph).toDot()).contains("label=\"sigma.m\"");
  }

  @Test
  void aHierarchyMayDrawARelationInAJointFitButNotInExpectationPropagation() {
    FactorGraph graph = new FactorGraph();
    Parameter offset = Parameter.free("offset", Prior.uniform(-5, 5));
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.gaussian(20, 20), Prior.uniform(0.1, 30));
    for (int i = 0; i < 2; i++) {
      GaussianModel model =
          GaussianModel.unset()
              .centre(Prior.uniform(0, 50))
              .normalization(1.0)
              .sigma(Prior.uniform(0.1, 5));
      graph.add(AnalysisFactor.of(model, new Widths(i, false)));
      centres.draw(model.centre().plus(offset));
      if (i == 0) {
        model.normalization(offset);
      }
    }
    graph.add(centres);
    CollectionInstance instance =
        graph.layout().instanceFromVector(new double[] {3, 1.5, 2, 13, 2.5, 10, 4});
    double expected =
        new Widths(0, false).logLikelihood(new Gaussian(3, 1.5, 2))
            + new Widths(1, false).logLikelihood(new Gaussian(13, 1, 2.5))
            + GaussianParent.INSTANCE.logDensity(3 + 1.5, new double[] {10, 4})
            + GaussianParent.INSTANCE.logDensity(13 + 1.5, new double[] {10, 4});

    assertThat(graph.analysis().logLikelihood(instance)).isWithin(1e-9).of(expected);
    IllegalStateException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> ExpectationPropagation.builder().build().fit(graph));
    assertThat(refused).hasMessageThat().contains("draws a relation (drawn parameter 0)");
  }

  @Test
  void expectationPropagationRunsAHierarchyOverTheLeavesOfRelations() {
    FactorGraph graph = new FactorGraph();
    Parameter m = Parameter.free("m", Prior.uniform(0, 2));
    HierarchicalFactor offsets =
        HierarchicalFactor.gaussian(Prior.gaussian(1, 2), Prior.uniform(0.05, 3)).named("offsets");
    for (int i = 0; i < X.length; i++) {
      Parameter c = Parameter.free("c", Prior.uniform(0.1, 4));
      offsets.draw(c);
      GaussianModel model =
          GaussianModel.unset()
              .centre(Prior.uniform(10 * i - 5, 10 * i + 5))
              .normalization(1.0)
              .sigma(m.times(X[i]).plus(c));
      graph.add(AnalysisFactor.of(model, new Widths(i, false)).named("dataset_" + i));
    }
    graph.add(offsets);

    EpResult ep = ExpectationPropagation.builder().seed(4).build().fit(graph);

    assertThat(ep.failingFactors()).isEmpty();
    // every dataset's offset is drawn from one parent, as the data were made with one c
    assertThat(ep.summary(offsets.hyperParameter("mean")).mean()).isWithin(0.5).of(TRUE_C);
    assertThat(ep.summary(m).mean()).isWithin(3 * ep.summary(m).sd() + 0.05).of(TRUE_M);
    assertThat(graph.globalParameters()).contains("dataset_0.sigma.m");
  }
}

package org.graphfit.graph;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.graphfit.search.mcmc.EnsembleMcmc;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.graphfit.testing.PriorImportanceSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactorGraphTest {

  /** A likelihood that prefers a given centre, sigma 1, and ignores the other parameters. */
  private static Analysis<Gaussian> centreNear(double centre) {
    return gaussian -> -0.5 * (gaussian.centre() - centre) * (gaussian.centre() - centre);
  }

  private static FactorGraph seedGraph(List<FactorKey<Gaussian>> keys) {
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < 3; i++) {
      keys.add(
          graph.add(
              AnalysisFactor.of(GaussianModel.withDefaults(), centreNear(40 + 10 * i))
                  .named("dataset_" + i)));
    }
    return graph;
  }

  @Test
  void sharedCentreIsOneGlobalParameterAndTheRestAreLocal() {
    FactorGraph graph = seedGraph(new ArrayList<>());

    assertThat(graph.layout().priorCount()).isEqualTo(7);
    assertThat(graph.globalParameters()).containsExactly("dataset_0.centre");
    assertThat(graph.localParameters()).hasSize(6);
    assertThat(graph.info()).contains("7 free parameters (1 global, 6 local)");
    assertThat(graph.info()).contains("links dataset_0, dataset_1, dataset_2");
  }

  @Test
  void jointLikelihoodIsTheSumOverFactors() {
    FactorGraph graph = seedGraph(new ArrayList<>());
    ModelLayout<CollectionInstance> layout = graph.layout();
    CollectionInstance instance = layout.instanceFromVector(new double[] {45, 1, 1, 1, 1, 1, 1});

    // (45-40)^2 + (45-50)^2 + (45-60)^2 = 25 + 25 + 225
    assertThat(graph.analysis().logLikelihood(instance)).isWithin(1e-12).of(-0.5 * 275);
  }

  @Test
  void explicitSharingByParameterObjectWorksInAGraph() {
    FactorGraph graph = new FactorGraph();
    GaussianModel first = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
    GaussianModel second =
        GaussianModel.withDefaults().centre(Prior.uniform(0, 100)).sigma(first.sigma());
    graph.add(AnalysisFactor.of(first, centreNear(10)));
    graph.add(AnalysisFactor.of(second, centreNear(20)));

    assertThat(graph.globalParameters()).containsExactly("factor_0.sigma");
    assertThat(graph.layout().priorCount()).isEqualTo(5);
  }

  @Test
  void hierarchicalFactorAddsTheParentDensityOfTheDrawnParameters() {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.gaussian(50, 20), Prior.uniform(0.1, 30));
    for (int i = 0; i < 2; i++) {
      GaussianModel model =
          GaussianModel.withDefaults()
              .centre(Prior.uniform(0, 100))
              .sigma(5.0)
              .normalization(Prior.uniform(0, 1));
      graph.add(AnalysisFactor.of(model, gaussian -> 0.0));
      centres.draw(model.centre());
    }
    graph.add(centres);
    ModelLayout<CollectionInstance> layout = graph.layout();

    assertThat(layout.freeParameterPaths())
        .containsExactly(
            "factor_0.centre",
            "factor_0.normalization",
            "factor_1.centre",
            "factor_1.normalization",
            "hierarchy.mean",
            "hierarchy.sigma")
        .inOrder();
    assertThat(graph.globalParameters()).containsExactly("hierarchy.mean", "hierarchy.sigma");
    double[] vector = {48, 0.5, 53, 0.5, 50, 2};
    double expected =
        GaussianParent.INSTANCE.logDensity(48, new double[] {50, 2})
            + GaussianParent.INSTANCE.logDensity(53, new double[] {50, 2});
    // log N(48 | 50, 2) = -0.5 - ln 2 - 0.5 ln 2 pi
    assertThat(GaussianParent.INSTANCE.logDensity(48, new double[] {50, 2}))
        .isWithin(1e-12)
        .of(-0.5 - Math.log(2) - 0.5 * Math.log(2 * Math.PI));
    assertThat(graph.analysis().logLikelihood(layout.instanceFromVector(vector)))
        .isWithin(1e-12)
        .of(expected);
    assertThat(graph.info())
        .contains("hierarchy                    GaussianParent drawing 2 parameters");
  }

  @Test
  void aHierarchyRefusesToDrawAParameterTwice() {
    GaussianModel model = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.gaussian(50, 20), Prior.uniform(0.1, 30));
    centres.draw(model.centre());

    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> centres.draw(model.centre()));

    assertThat(twice).hasMessageThat().contains("already draws this parameter");
    assertThat(twice).hasMessageThat().contains("count the parent density twice");
    assertThat(centres.drawnParameters()).hasSize(1);
  }

  @Test
  void aHierarchyRefusesTwoParametersSharedByOneKey() {
    // Both default centres carry the @Shared key: they are one free parameter of the graph.
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.gaussian(50, 20), Prior.uniform(0.1, 30));
    centres.draw(GaussianModel.withDefaults().centre());

    IllegalArgumentException shared =
        assertThrows(
            IllegalArgumentException.class,
            () -> centres.draw(GaussianModel.withDefaults().centre()));

    assertThat(shared).hasMessageThat().contains("shared by key");
    assertThat(shared).hasMessageThat().contains("give each model its own");
  }

  @Test
  void perFactorResultsAreTypedProjectionsOfTheJointSamples() {
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    FactorGraph graph = seedGraph(keys);

    GraphResult result = graph.fit(PriorImportanceSearch.builder(4, 5_000, 2L).threads(2).build());

    // three unit-width likelihoods at 40, 50, 60: the shared centre's posterior is N(50, 1/sqrt 3)
    // times a N(50, 30) prior, essentially N(50, 0.577); the importance sampler's error is ~0.1.
    assertThat(result.factor(keys.get(0)).medianPdfInstance().centre()).isWithin(0.3).of(50);
    assertThat(result.factor(keys.get(2)).medianPdfInstance().centre()).isWithin(0.3).of(50);
    assertThat(result.factor(keys.get(1)).samples().names())
        .containsExactly("centre", "normalization", "sigma")
        .inOrder();
    assertThat(result.global().samples().dimension()).isEqualTo(7);
  }

  @Test
  void everyFactorsInstancesAreTheJointFitsValues() {
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    FactorGraph graph = seedGraph(keys);
    GraphResult result = graph.fit(PriorImportanceSearch.builder(4, 5_000, 2L).threads(2).build());
    Samples joint = result.global().samples();
    double[] best = joint.vector(joint.maxLogLikelihoodIndex());
    double[] median = joint.median();
    ModelLayout<CollectionInstance> layout = result.global().layout();

    for (FactorKey<Gaussian> key : keys) {
      Result<Gaussian> factor = result.factor(key);
      // The shared centre is free parameter 0 of the joint fit; each factor's normalization and
      // sigma are its own.
      int normalization = layout.freeParameterPaths().indexOf(key.name() + ".normalization");
      assertThat(factor.maxLogLikelihoodInstance())
          .isEqualTo(new Gaussian(best[0], best[normalization], best[normalization + 1]));
      assertThat(factor.medianPdfInstance())
          .isEqualTo(new Gaussian(median[0], median[normalization], median[normalization + 1]));
      assertThat(factor.maxLogLikelihood()).isEqualTo(result.global().maxLogLikelihood());
    }
  }

  @Test
  void aFactorsOwnBestFitIsItsOwnMethodAndPullsTheSharedCentreToItsData() {
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    FactorGraph graph = seedGraph(keys);
    GraphResult result = graph.fit(PriorImportanceSearch.builder(4, 5_000, 2L).threads(2).build());
    double jointCentre = result.factor(keys.get(0)).maxLogLikelihoodInstance().centre();

    // dataset_0 prefers 40 and dataset_2 prefers 60; the joint posterior of the centre is about
    // N(50, 0.58), so the samples best for one dataset alone lie at its edges.
    assertThat(result.maxOwnLogLikelihoodInstance(keys.get(0)).centre()).isLessThan(jointCentre);
    assertThat(result.maxOwnLogLikelihoodInstance(keys.get(2)).centre()).isGreaterThan(jointCentre);
    double[] own = result.ownLogLikelihoods(keys.get(0));
    assertThat(own).hasLength(result.global().samples().size());
    double centre = result.global().samples().vector(7)[0];
    assertThat(own[7]).isWithin(1e-12).of(-0.5 * (centre - 40) * (centre - 40));
  }

  @Test
  void perFactorResultsCallNoLikelihoodAndCarryTheJointConcerns() {
    int[] calls = new int[1];
    FactorGraph graph = new FactorGraph();
    FactorKey<Gaussian> key =
        graph.add(
            AnalysisFactor.of(
                GaussianModel.withDefaults(),
                gaussian -> {
                  calls[0]++;
                  return -0.5 * (gaussian.centre() - 50) * (gaussian.centre() - 50);
                }));
    GraphResult result =
        graph.fit(EnsembleMcmc.builder().walkers(8).maxSteps(40).seed(1).threads(1).build());
    calls[0] = 0;

    Result<Gaussian> factor = result.factor(key);

    assertThat(calls[0]).isEqualTo(0);
    assertThat(result.global().trustworthy()).isFalse();
    assertThat(factor.trustworthy()).isFalse();
    assertThat(factor.concerns()).isEqualTo(result.global().concerns());
  }

  @Test
  void badGraphsAreRejectedWithTheFactorAndTheFix() {
    assertThat(assertThrows(IllegalStateException.class, () -> new FactorGraph().layout()))
        .hasMessageThat()
        .contains("the factor graph is empty");

    FactorGraph fixed = new FactorGraph();
    fixed.add(
        AnalysisFactor.of(
                GaussianModel.unset().centre(1.0).normalization(1.0).sigma(1.0), centreNear(0))
            .named("all_fixed"));
    assertThat(assertThrows(IllegalStateException.class, fixed::layout))
        .hasMessageThat()
        .contains("factor 'all_fixed' has no free parameters");

    FactorGraph twice = new FactorGraph();
    AnalysisFactor<Gaussian> factor =
        AnalysisFactor.of(GaussianModel.withDefaults(), centreNear(0));
    twice.add(factor);
    assertThat(assertThrows(IllegalArgumentException.class, () -> twice.add(factor)))
        .hasMessageThat()
        .contains("was added to the graph already");

    FactorGraph orphan = new FactorGraph();
    orphan.add(AnalysisFactor.of(GaussianModel.withDefaults(), centreNear(0)));
    orphan.add(
        HierarchicalFactor.gaussian(Prior.gaussian(0, 1), Prior.uniform(0.1, 1))
            .draw(GaussianModel.withDefaults().sigma()));
    assertThat(assertThrows(IllegalStateException.class, orphan::layout))
        .hasMessageThat()
        .contains("not a free parameter of any analysis factor");
  }

  @Test
  void aThrowingFactorIsNamedInTheFailure() {
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(GaussianModel.withDefaults(), centreNear(0)).named("good"));
    graph.add(
        AnalysisFactor.of(
                GaussianModel.withDefaults(),
                (Analysis<Gaussian>)
                    gaussian -> {
                      throw new ArithmeticException("bad pixel");
                    })
            .named("broken"));
    CollectionInstance instance = graph.layout().instanceFromVector(graph.layout().priorMedians());

    assertThat(
            assertThrows(
                IllegalStateException.class, () -> graph.analysis().logLikelihood(instance)))
        .hasMessageThat()
        .contains("factor 'broken'");
  }

  @Test
  void structureMarksSharedVariablesAndRendersAsDotAndMermaid() {
    GraphStructure structure = GraphStructure.of(seedGraph(new ArrayList<>()));

    assertThat(structure.factors()).hasSize(3);
    assertThat(structure.variables()).hasSize(7);
    assertThat(structure.variables().get(0).global()).isTrue();
    // the shared centre is named by what its three slots have in common, not by its first slot
    assertThat(structure.variables().get(0).path()).isEqualTo("dataset_0.centre");
    assertThat(structure.variables().get(0).label()).isEqualTo("centre");
    assertThat(structure.variables().get(1).label()).isEqualTo("normalization");
    assertThat(structure.edges()).hasSize(9);
    String dot = structure.toDot();
    assertThat(dot).startsWith("graph factor_graph {");
    assertThat(dot).contains("v0 [label=\"centre\", shape=ellipse, style=\"filled,bold\"");
    assertThat(dot).contains("f2 -- v0;");
    String mermaid = structure.toMermaid();
    assertThat(mermaid).startsWith("flowchart TB");
    assertThat(mermaid).contains("class v0 global");
    assertThat(mermaid).doesNotContain("class v1 global");
  }

  @Test
  void sharedParameterWithConflictingPriorsNamesBothFactors() {
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(GaussianModel.withDefaults(), centreNear(0)).named("first"));
    graph.add(
        AnalysisFactor.of(
                GaussianModel.withDefaults()
                    .centre(
                        org.graphfit.model.Parameter.sharedByKey(
                            "org.graphfit.testing.Gaussian.centre", Prior.uniform(0, 1))),
                centreNear(0))
            .named("second"));

    IllegalStateException error = assertThrows(IllegalStateException.class, graph::layout);
    assertThat(error).hasMessageThat().contains("conflicting priors");
    assertThat(error).hasMessageThat().contains("first.centre");
    assertThat(error).hasMessageThat().contains("second.centre");
  }

  /** Measurements of a centre that state their data identity. */
  private static final class CentreData implements Analysis<Gaussian> {
    private final double centre;

    CentreData(double centre) {
      this.centre = centre;
    }

    @Override
    public double logLikelihood(Gaussian gaussian) {
      return -0.5 * (gaussian.centre() - centre) * (gaussian.centre() - centre);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("centre", new double[] {centre}).build());
    }
  }

  @Test
  void aFactorsIdentityIsItsModelDataAndOwnSearchNotItsNameOrGraph() {
    AnalysisFactor<Gaussian> factor =
        AnalysisFactor.of(GaussianModel.withDefaults(), new CentreData(40)).named("a");
    FactorIdentity identity = factor.identity();

    assertThat(identity.dataStated()).isTrue();
    assertThat(identity.digest()).hasLength(64);
    assertThat(AnalysisFactor.of(GaussianModel.withDefaults(), new CentreData(40)).identity())
        .isEqualTo(identity);
    List<AnalysisFactor<Gaussian>> others =
        List.of(
            AnalysisFactor.of(GaussianModel.withDefaults(), new CentreData(41)),
            AnalysisFactor.of(
                GaussianModel.withDefaults().sigma(Prior.uniform(0, 20)), new CentreData(40)),
            factor.withSearch(PriorImportanceSearch.builder(2, 10, 1L).build()));
    for (AnalysisFactor<Gaussian> other : others) {
      assertThat(other.identity()).isNotEqualTo(identity);
    }
    assertThat(factor.withSearch(PriorImportanceSearch.builder(2, 10, 1L).build()).identity())
        .isNotEqualTo(
            factor.withSearch(PriorImportanceSearch.builder(2, 10, 2L).build()).identity());
    FactorIdentity unstated =
        AnalysisFactor.of(GaussianModel.withDefaults(), centreNear(40)).identity();
    assertThat(unstated.dataStated()).isFalse();
    assertThat(unstated.toString()).contains("unstated");
  }

  @Test
  void aGraphFitIsIdentifiedByTheDataOfEveryFactor(@TempDir Path output) {
    PriorImportanceSearch search =
        PriorImportanceSearch.builder(2, 200, 3L).output(output, "graph").build();
    FactorGraph graph = new FactorGraph();
    FactorGraph other = new FactorGraph();
    for (int i = 0; i < 3; i++) {
      graph.add(AnalysisFactor.of(GaussianModel.withDefaults(), new CentreData(40 + 10 * i)));
      other.add(AnalysisFactor.of(GaussianModel.withDefaults(), new CentreData(40 + 11 * i)));
    }
    GraphResult first = graph.fit(search);
    GraphResult second = other.fit(search);

    assertThat(second.global().samples())
        .isEqualTo(other.fit(PriorImportanceSearch.builder(2, 200, 3L).build()).global().samples());
    assertThat(second.global().samples()).isNotEqualTo(first.global().samples());
    assertThat(graph.analysis().dataIdentity()).isEqualTo(graph.analysis().dataIdentity());
    assertThat(graph.analysis().dataIdentity()).isNotEqualTo(other.analysis().dataIdentity());
  }
}

package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

/**
 * A hierarchy drawing a relation in EP: the parent factor is a factor over the relation's leaves,
 * integrated on the grid. Checked against the same hierarchy drawing a plain parameter with the
 * relation's distribution, whose parent factor EP integrates in closed form.
 */
class DrawnRelationTest {
  private static final double NOISE = 1;
  private static final double[] Y = HierarchicalToys.simulate(11, 10, 5, 2, NOISE);

  /** A graph whose dataset {@code i} measures its centre, drawn as {@code centre(i)}. */
  private static FactorGraph graph(
      HierarchicalFactor hierarchy, Function<Integer, Parameter> centre) {
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < Y.length; i++) {
      Parameter drawn = centre.apply(i);
      GaussianModel model =
          GaussianModel.withDefaults().centre(drawn).normalization(1.0).sigma(1.0);
      graph.add(AnalysisFactor.of(model, HierarchicalToys.measurement(Y[i], NOISE)).named("d" + i));
      hierarchy.draw(model.centre());
    }
    graph.add(hierarchy);
    return graph;
  }

  private static HierarchicalFactor hierarchy() {
    return HierarchicalFactor.gaussian(Prior.gaussian(0, 20), Prior.logUniform(0.05, 30));
  }

  @Test
  void aOneLeafRelationIsDrawnAsItsDistributionIs() {
    // c ~ N(-5, 30) and centre = c + 5 is the plain parameter centre ~ N(0, 30)
    HierarchicalFactor relation = hierarchy();
    HierarchicalFactor plain = hierarchy();
    EpResult drawnRelation =
        ExpectationPropagation.builder()
            .seed(2)
            .build()
            .fit(graph(relation, i -> Parameter.free("c", Prior.gaussian(-5, 30)).plus(5)));
    EpResult drawnParameter =
        ExpectationPropagation.builder()
            .seed(2)
            .build()
            .fit(graph(plain, i -> Parameter.free(Prior.gaussian(0, 30))));

    assertThat(drawnRelation.converged()).isTrue();
    assertThat(drawnRelation.trustworthy()).isTrue();
    for (String name : new String[] {"mean", "sigma"}) {
      VariableSummary grid = drawnRelation.summary(relation.hyperParameter(name));
      VariableSummary closed = drawnParameter.summary(plain.hyperParameter(name));
      assertThat(grid.mean()).isWithin(0.05 * closed.sd()).of(closed.mean());
      assertThat(grid.sd()).isWithin(0.05 * closed.sd()).of(closed.sd());
    }
    assertThat(drawnRelation.logEvidence()).isWithin(0.05).of(drawnParameter.logEvidence());
  }

  @Test
  void aRelationOfAGlobalAndALocalParameterIsDrawn() {
    // centre_i = c_i + offset with one global offset fixed by a tight prior: the same as above
    Parameter offset = Parameter.free("offset", Prior.gaussian(5, 1e-3));
    HierarchicalFactor relation = hierarchy();
    HierarchicalFactor plain = hierarchy();
    EpResult drawnRelation =
        ExpectationPropagation.builder()
            .seed(2)
            .build()
            .fit(graph(relation, i -> Parameter.free("c", Prior.gaussian(-5, 30)).plus(offset)));
    EpResult drawnParameter =
        ExpectationPropagation.builder()
            .seed(2)
            .build()
            .fit(graph(plain, i -> Parameter.free(Prior.gaussian(0, 30))));

    assertThat(drawnRelation.converged()).isTrue();
    VariableSummary grid = drawnRelation.summary(relation.hyperParameter("mean"));
    VariableSummary closed = drawnParameter.summary(plain.hyperParameter("mean"));
    assertThat(grid.mean()).isWithin(0.1 * closed.sd()).of(closed.mean());
    assertThat(drawnRelation.summary(offset).mean()).isWithin(0.01).of(5);
  }

  @Test
  void aRelationNeedingALargerGridIsRefusedWithWhatToDo() {
    Parameter a = Parameter.free("a", Prior.uniform(0, 1));
    Parameter b = Parameter.free("b", Prior.uniform(0, 1));
    FactorGraph graph =
        graph(hierarchy(), i -> Parameter.free("c", Prior.gaussian(0, 30)).plus(a).plus(b));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> ExpectationPropagation.builder().build().fit(graph));
    assertThat(e).hasMessageThat().contains("draws a relation of 3 free parameters");
    assertThat(e).hasMessageThat().contains("5-dimensional quadrature grid");
    assertThat(e).hasMessageThat().contains("fit this graph jointly (graph.fit(search))");
  }

  @Test
  void aRelationReadingTheHierarchysOwnHyperParameterIsRefused() {
    HierarchicalFactor hierarchy = hierarchy();
    Parameter mean = hierarchy.hyperParameter("mean");
    FactorGraph graph =
        graph(hierarchy, i -> Parameter.free("c", Prior.gaussian(0, 30)).plus(mean));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> ExpectationPropagation.builder().build().fit(graph));
    assertThat(e).hasMessageThat().contains("reads one of its own hyper-parameters");
  }
}

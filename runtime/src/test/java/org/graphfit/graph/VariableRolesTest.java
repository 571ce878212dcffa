package org.graphfit.graph;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

/** Shared, local, drawn and hyper-parameters each get their role. */
class VariableRolesTest {
  @Test
  void everyKindOfParameterHasItsRole() {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.gaussian(50, 20), Prior.uniform(0.1, 30));
    GaussianModel shared = GaussianModel.withDefaults();
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      // the sigma is the first model's in both factors: shared by identity
      GaussianModel model =
          GaussianModel.withDefaults().centre(Prior.uniform(0, 100)).sigma(shared.sigma());
      graph.add(AnalysisFactor.of(model, gaussian -> 0.0).named("dataset_" + i));
      centres.draw(model.centre());
    }
    graph.add(centres);
    ModelLayout<CollectionInstance> layout = graph.layout();
    VariableRoles found = graph.variableRoles(layout);
    for (int v = 0; v < layout.priorCount(); v++) {
      roles.add(
          layout.freeParameterPaths().get(v)
              + (found.isGlobal(v) ? " global" : " local")
              + (found.inHierarchy(v) ? " hierarchy" : "")
              + (found.isOwn(v) ? " own" : ""));
    }

    assertThat(roles)
        .containsExactly(
            "dataset_0.centre local hierarchy",
            "dataset_0.normalization local own",
            "dataset_0.sigma global",
            "dataset_1.centre local hierarchy",
            "dataset_1.normalization local own",
            "hierarchy.mean global hierarchy",
            "hierarchy.sigma global hierarchy");
    assertThat(graph.globalParameters())
        .containsExactly("dataset_0.sigma", "hierarchy.mean", "hierarchy.sigma");
  }
}

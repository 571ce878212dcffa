package org.graphfit.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Priors;

/**
 * The hierarchical examples' graph: PyAutoFit's ten {@code gaussian_x1__hierarchical} datasets,
 * each with a Gaussian whose centre is local (uniform on [0, 100]) and drawn from a parent Gaussian
 * with fitted mean (uniform on [0, 100]) and scatter (uniform on [0.5, 50]).
 *
 * @param graph the factor graph
 * @param keys one key per dataset, in order
 * @param centres the hierarchical factor drawing the centres
 */
public record HierarchicalGraph(
    FactorGraph graph, List<FactorKey<Gaussian>> keys, HierarchicalFactor centres) {
  /** The dataset folder. */
  public static final String DATA = "gaussian_x1__hierarchical";

  /** The number of datasets. */
  public static final int DATASETS = 10;

  /**
   * Loads the datasets and builds the graph.
   *
   * @return the graph with its keys
   * @throws IOException if the example data cannot be read
   */
  public static HierarchicalGraph load() throws IOException {
    List<Dataset1D> datasets = ExampleData.load(DATA, DATASETS);
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Priors.uniform(0, 100), Priors.uniform(0.5, 50))
            .named("centres");
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    for (int i = 0; i < DATASETS; i++) {
      GaussianModel model = GaussianModel.withDefaults().centre(Priors.uniform(0, 100));
      keys.add(
          graph.add(
              AnalysisFactor.of(model, new ProfileAnalysis<Gaussian>(datasets.get(i)))
                  .named("dataset_" + i)));
      centres.draw(model.centre());
    }
    graph.add(centres);
    return new HierarchicalGraph(graph, List.copyOf(keys), centres);
  }
}

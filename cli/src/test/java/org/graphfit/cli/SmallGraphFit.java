package org.graphfit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;

/**
 * A joint fit of two small factors sharing their centre, each declaring a derived quantity: a real
 * graph fit folder (factor folders, {@code latent_summary.json}) in about a second.
 */
final class SmallGraphFit {
  private SmallGraphFit() {}

  /** A centre near a value and a sigma near 3, with the width at half maximum derived. */
  private record Peaked(double centre) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian g) {
      double a = (g.centre() - centre) / 2;
      double b = (g.sigma() - 3) / 0.5;
      return -0.5 * (a * a + b * b);
    }

    @Override
    public List<DerivedQuantity<Gaussian>> derivedQuantities() {
      return List.of(DerivedQuantity.of("fwhm", g -> 2 * Math.sqrt(2 * Math.log(2)) * g.sigma()));
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("centre", new double[] {centre}).build());
    }
  }

  private static GaussianModel model() {
    return GaussianModel.unset()
        .centre(Prior.uniform(20, 60))
        .normalization(1.0)
        .sigma(Prior.uniform(0.5, 6));
  }

  /** Fits the graph into {@code <root>/<name>/} and returns the result. */
  static GraphResult write(Path root, String name) {
    FactorGraph graph = new FactorGraph();
    GaussianModel first = model();
    GaussianModel second = model();
    second.centre(first.centre());
    graph.add(AnalysisFactor.of(first, new Peaked(38)).named("near"));
    graph.add(AnalysisFactor.of(second, new Peaked(42)).named("far"));
    return graph.fit(NestedSampling.builder().nLive(50).seed(3).output(root, name).build());
  }
}

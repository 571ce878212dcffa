package org.graphfit.examples;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;

/**
 * Two parents other than the Gaussian in one graph, fitted by expectation propagation. Sixteen
 * datasets, simulated here with a fixed seed, each a Gaussian peak of 100 pixels: the widths are
 * log-normal, {@code log sigma_i ~ N(log 6, 0.25)} (a {@code HierarchicalFactor.logGaussian}, whose
 * hyper-parameters are the mean and sigma of {@code log sigma_i}); the centres lie on the detector,
 * {@code centre_i ~ N(60, 15)} truncated to {@code [0, 100]} (a {@code
 * HierarchicalFactor.truncatedGaussian}, normalized for every mean and sigma). Prints both parents'
 * hyper-parameters with the truths and whether EP's result is trustworthy (it checks its
 * independent Gaussians for each parent's hyper-parameters against their posterior given the drawn
 * parameters' messages).
 */
public final class ParentFamiliesExample {
  private static final int DATASETS = 16;
  private static final double NOISE = 1;

  private ParentFamiliesExample() {}

  /**
   * Runs the example.
   *
   * @param args none
   */
  public static void main(String[] args) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    HierarchicalFactor widths =
        HierarchicalFactor.logGaussian(Prior.gaussian(1, 2), Prior.logUniform(0.02, 2))
            .named("widths");
    HierarchicalFactor centres =
        HierarchicalFactor.truncatedGaussian(
                Prior.uniform(-50, 150), Prior.logUniform(1, 100), 0, 100)
            .named("centres");
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < DATASETS; i++) {
      double centre;
      do {
        centre = 60 + 15 * normal.sample();
      } while (centre < 0 || centre > 100);
      Gaussian truth = new Gaussian(centre, 40, Math.exp(Math.log(6) + 0.25 * normal.sample()));
      double[] data = new double[100];
      double[] noise = new double[100];
      for (int x = 0; x < data.length; x++) {
        noise[x] = NOISE;
        data[x] = truth.profile(x) + NOISE * normal.sample();
      }
      GaussianModel model =
          GaussianModel.withDefaults()
              .centre(Prior.uniform(0, 100)) // inside the truncated parent's bounds
              .normalization(Prior.uniform(0, 100))
              .sigma(Prior.logUniform(0.5, 50)); // positive, as the log-Gaussian parent needs
      graph.add(
          AnalysisFactor.of(model, new ProfileAnalysis<Gaussian>(Dataset1D.of(data, noise)))
              .named("dataset_" + i));
      widths.draw(model.sigma());
      centres.draw(model.centre());
    }
    graph.add(widths);
    graph.add(centres);

    EpResult result = ExpectationPropagation.builder().threads(2).seed(1).build().fit(graph);
    System.out.printf(
        Locale.ROOT,
        "EP %s after %d sweeps; trustworthy: %s%n",
        result.converged() ? "converged" : "did NOT converge",
        result.sweepCount(),
        result.trustworthy() ? "yes" : "NO " + result.concerns());
    System.out.println(result.summary(widths.hyperParameter("mean")) + "   (truth log 6 = 1.79)");
    System.out.println(result.summary(widths.hyperParameter("sigma")) + "   (truth 0.25)");
    System.out.println(result.summary(centres.hyperParameter("mean")) + "   (truth 60)");
    System.out.println(result.summary(centres.hyperParameter("sigma")) + "   (truth 15)");
  }
}

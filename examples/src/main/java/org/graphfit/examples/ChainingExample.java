package org.graphfit.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.prior.Prior;
import org.graphfit.search.PriorPassing;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;

/**
 * Prior passing: a quick nested-sampling search (50 live points) over broad priors, then a full one
 * (400 live points) over priors centred on the quick search's posterior, against one full search
 * over the broad priors. Prints both posteriors and the likelihood calls of each route. The
 * dataset, a Gaussian profile with noise, is simulated here with a fixed seed.
 */
public final class ChainingExample {
  private ChainingExample() {}

  /**
   * Runs the example.
   *
   * @param args optional: the output root (default {@code output})
   * @throws IOException if an output folder cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args.length > 0 ? args[0] : "output");
    Dataset1D data = simulate(new Gaussian(42, 20, 6), 0.1, 4L);
    ProfileAnalysis<Gaussian> analysis = new ProfileAnalysis<>(data);
    GaussianModel broad =
        GaussianModel.withDefaults()
            .centre(Prior.uniform(0, 100))
            .normalization(Prior.logUniform(1e-3, 1e3))
            .sigma(Prior.uniform(0.1, 50));

    Result<Gaussian> direct = search(400, 1, output, "chaining/direct").fit(broad, analysis);
    Result<Gaussian> quick = search(50, 2, output, "chaining/quick").fit(broad, analysis);
    GaussianModel passed =
        broad.copy(quick.posteriorPriors(PriorPassing.centered().withRelativeFloor(0.05)));
    System.out.println(passed.info());
    Result<Gaussian> full = search(400, 3, output, "chaining/full").fit(passed, analysis);

    double[] directMean = direct.samples().mean();
    double[] directSd = direct.samples().standardDeviation();
    double[] chainMean = full.samples().mean();
    double[] chainSd = full.samples().standardDeviation();
    System.out.printf(
        "%-16s %22s %22s %12s%n", "parameter", "direct mean +/- sd", "chained", "shift/sd");
    for (int i = 0; i < directMean.length; i++) {
      System.out.printf(
          "%-16s %10.4f +/- %8.4f %10.4f +/- %8.4f %12.3f%n",
          direct.layout().freeParameterPaths().get(i),
          directMean[i],
          directSd[i],
          chainMean[i],
          chainSd[i],
          (chainMean[i] - directMean[i]) / directSd[i]);
    }
    System.out.printf(
        "likelihood calls: direct %d, chained %d + %d = %d%n",
        direct.likelihoodCalls(),
        quick.likelihoodCalls(),
        full.likelihoodCalls(),
        quick.likelihoodCalls() + full.likelihoodCalls());
  }

  private static ProblemSearch search(int live, long seed, Path output, String name) {
    return NestedSampling.builder().nLive(live).seed(seed).output(output, name).threads(1).build();
  }

  private static Dataset1D simulate(Profile1D truth, double noise, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] data = new double[100];
    double[] noiseMap = new double[100];
    for (int i = 0; i < data.length; i++) {
      data[i] = truth.profile(i) + noise * gaussian.sample();
      noiseMap[i] = noise;
    }
    return Dataset1D.of(data, noiseMap);
  }
}

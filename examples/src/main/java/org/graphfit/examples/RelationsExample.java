package org.graphfit.examples;

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
import org.graphfit.analysis.Dataset1D;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.nested.NestedSampling;

/**
 * Relations, an array parameter and derived quantities in one graph. Four datasets, simulated here
 * with a fixed seed, each a Gaussian peak on a polynomial background. The peaks' widths follow the
 * instrument: {@code sigma_i = m * x_i + c}, with {@code x_i} known per dataset and {@code m} and
 * {@code c} global, so each dataset's {@code peak.sigma} is a relation and only {@code m} and
 * {@code c} are free. The background is a {@code double[]} of three coefficients shared by all
 * datasets. Each analysis declares two derived quantities, the peak's full width at half maximum
 * and its height, which the fit writes to {@code files/latent.csv} and {@code
 * files/latent_summary.json}.
 */
public final class RelationsExample {
  private static final double[] RESOLUTION = {1, 2, 3, 4};
  private static final double TRUE_M = 1.5;
  private static final double TRUE_C = 2.0;
  private static final double[] TRUE_BACKGROUND = {0.2, 0.3, -0.2};

  private RelationsExample() {}

  /** A peak-on-background dataset with its derived quantities. */
  private record PeakData(ProfileAnalysis<PeakOnBackground> profile, DataIdentity identity)
      implements Analysis<PeakOnBackground> {
    @Override
    public double logLikelihood(PeakOnBackground instance) {
      return profile.logLikelihood(instance);
    }

    @Override
    public List<DerivedQuantity<PeakOnBackground>> derivedQuantities() {
      return List.of(
          DerivedQuantity.of("fwhm", p -> 2 * Math.sqrt(2 * Math.log(2)) * p.peak().sigma()),
          DerivedQuantity.of(
              "height",
              p -> p.peak().normalization() / (p.peak().sigma() * Math.sqrt(2 * Math.PI))));
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(identity);
    }
  }

  /**
   * Runs the example.
   *
   * @param args optional: the output root (default {@code output})
   * @throws IOException if the output cannot be read back
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args.length > 0 ? args[0] : "output");
    Parameter m = Parameter.free("m", Prior.uniform(0, 4));
    Parameter c = Parameter.free("c", Prior.uniform(0.5, 6));
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < RESOLUTION.length; i++) {
      double sigma = TRUE_M * RESOLUTION[i] + TRUE_C;
      Dataset1D data =
          simulate(
              new PeakOnBackground(
                  new Gaussian(30 + 12 * i, 25, sigma), new Polynomial(TRUE_BACKGROUND)),
              0.05,
              11L + i);
      PeakOnBackgroundModel model = PeakOnBackgroundModel.withDefaults();
      model
          .peak()
          .centre(Prior.uniform(10, 90))
          .normalization(Prior.uniform(1, 60))
          .sigma(m.times(RESOLUTION[i]).plus(c));
      // the background's coefficients are @Shared element by element: one free coefficient per
      // power for all datasets
      graph.add(
          AnalysisFactor.of(model, new PeakData(new ProfileAnalysis<>(data), data.identity()))
              .named("dataset_" + i));
    }
    System.out.println(graph.info());

    NestedSampling search =
        NestedSampling.builder().nLive(200).seed(5).output(output, "relations").build();
    GraphResult result = graph.fit(search);
    System.out.println(result.global().summary());
    ParameterSummary mSummary = result.summary(m);
    ParameterSummary cSummary = result.summary(c);
    System.out.printf(
        "m = %.3f +/- %.3f (true %.1f), c = %.3f +/- %.3f (true %.1f)%n",
        mSummary.median(),
        mSummary.atSigma(1).halfWidth(),
        TRUE_M,
        cSummary.median(),
        cSummary.atSigma(1).halfWidth(),
        TRUE_C);
    Path folder = search.outputPath(graph.layout(), graph.analysis()).orElseThrow();
    try (Stream<Path> files = Files.list(folder.resolve("files"))) {
      files.map(Path::getFileName).sorted().forEach(file -> System.out.println("  files/" + file));
    }
    System.out.println(Files.readString(folder.resolve("files").resolve("latent_summary.json")));
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

package org.graphfit.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.analysis.FitPaths;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GraphHooks;
import org.graphfit.graph.GraphResult;
import org.graphfit.plot.CornerPlot;
import org.graphfit.plot.FactorGraphPicture;
import org.graphfit.plot.FitPlot;
import org.graphfit.plot.Report;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;

/**
 * A heterogeneous graph: one dataset fitted with a {@link Gaussian}, another with a {@link
 * GaussianPlusExponential}; the two models are different types with different analyses, and they
 * share the Gaussian centre (its {@code @Shared} default). The first dataset is PyAutoFit's; the
 * second is simulated here with a fixed seed.
 */
public final class HeterogeneousExample {
  private HeterogeneousExample() {}

  /**
   * Runs the example.
   *
   * @param args optional: the output root (default {@code output})
   * @throws IOException if the example data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args.length > 0 ? args[0] : "output");
    Dataset1D gaussianData = ExampleData.load("gaussian_x1__low_snr", 1).get(0);
    GaussianPlusExponential truth =
        new GaussianPlusExponential(new Gaussian(50, 0.6, 4), new Exponential(70, 1.0, 0.3));
    Dataset1D mixedData = simulate(truth, 0.04, 7L);

    GaussianModel gaussian = GaussianModel.withDefaults();
    GaussianPlusExponentialModel mixed = GaussianPlusExponentialModel.withDefaults();
    FactorGraph graph = new FactorGraph();
    FactorKey<Gaussian> first =
        graph.add(
            AnalysisFactor.of(gaussian, new ProfileAnalysis<Gaussian>(gaussianData))
                .named("gaussian_data"));
    FactorKey<GaussianPlusExponential> second =
        graph.add(
            AnalysisFactor.of(mixed, new ProfileAnalysis<GaussianPlusExponential>(mixedData))
                .named("mixed_data"));
    System.out.println(graph.info());

    graph.hooks(
        new GraphHooks() {
          @Override
          public void saveResults(FitPaths paths, GraphResult result) {
            Result<GaussianPlusExponential> mixedFit = result.factor(second);
            double[] x = FitPlot.pixels(mixedData.size());
            FitPlot band =
                FitPlot.of(
                        "mixed_data: Gaussian plus exponential",
                        x,
                        mixedData,
                        new ProfileAnalysis<GaussianPlusExponential>(mixedData)
                            .modelData(mixedFit.medianPdfInstance()))
                    .band(ModelBand.of(mixedFit, x, 0.1587), ModelBand.of(mixedFit, x, 0.8413))
                    .labels("x", "value");
            Report.of(result)
                .title("Heterogeneous example: two model types sharing a centre")
                .figure("mixed_data with the median model and its 1\u03c3 band", band)
                .write(paths);
          }
        });
    NestedSampling search =
        NestedSampling.builder().nLive(400).seed(3).output(output, "heterogeneous").build();
    GraphResult result = graph.fit(search);
    System.out.println("gaussian_data: " + result.factor(first).medianPdfInstance());
    System.out.println("mixed_data:    " + result.factor(second).medianPdfInstance());
    System.out.println("mixed truth:   " + truth);
    System.out.println(result.summary());
    Path folder = output.resolve("heterogeneous");
    FactorGraphPicture.of(graph).writePng(folder.resolve("factor_graph.png"));
    CornerPlot.of(result).writePng(folder.resolve("corner.png"));
    double[] x = FitPlot.pixels(mixedData.size());
    Result<GaussianPlusExponential> mixedFit = result.factor(second);
    FitPlot mixedPlot =
        FitPlot.of(
                "mixed_data: Gaussian plus exponential",
                x,
                mixedData,
                new ProfileAnalysis<GaussianPlusExponential>(mixedData)
                    .modelData(mixedFit.medianPdfInstance()))
            .band(ModelBand.of(mixedFit, x, 0.1587), ModelBand.of(mixedFit, x, 0.8413))
            .labels("x", "value");
    mixedPlot.writePng(folder.resolve("mixed_data_fit.png"));
    Path report =
        search.outputPath(graph.layout(), graph.analysis()).orElseThrow().resolve("report.html");
    System.out.println("pictures in " + folder.toAbsolutePath() + "; report: " + report);
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

package org.graphfit.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.analysis.FitPaths;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GraphHooks;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.GraphStructure;
import org.graphfit.output.AtomicFiles;
import org.graphfit.plot.CornerPlot;
import org.graphfit.plot.FactorGraphPicture;
import org.graphfit.plot.FitPlot;
import org.graphfit.plot.Report;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;

/**
 * The seed example: three low signal-to-noise datasets of one Gaussian each. Each dataset is fitted
 * alone, then all three jointly as a factor graph whose {@code centre} is one shared parameter (the
 * {@code @Shared} default of {@link Gaussian}). Prints the results side by side and writes output
 * folders (each fit's with {@code report.html}, the joint fit's with a folder per dataset under
 * {@code factors/}, each holding its data and {@code image/fit.png}, drawn by {@link
 * ProfileAnalysis}'s hooks), and plots of each dataset with its fit, 1-sigma band and residuals, a
 * corner plot of the joint posterior and the factor graph (PNG, SVG, DOT, Mermaid) under {@code
 * output/seed/pictures/}. The joint fit's report shows the corner plot with the simulation's
 * values, written by the graph's combined hook.
 */
public final class SeedExample {
  private static final String DATA = "gaussian_x1__low_snr";
  private static final int DATASETS = 3;

  private SeedExample() {}

  /**
   * Runs the example.
   *
   * @param args optional: the output root (default {@code output})
   * @throws IOException if the example data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args.length > 0 ? args[0] : "output");
    List<Dataset1D> datasets = ExampleData.load(DATA, DATASETS);
    NestedSampling search = NestedSampling.builder().nLive(500).walks(10).seed(1).build();

    List<GaussianModel> models = new ArrayList<>();
    List<Result<Gaussian>> alone = new ArrayList<>();
    for (int i = 0; i < DATASETS; i++) {
      models.add(GaussianModel.withDefaults());
      alone.add(
          search.toBuilder()
              .output(output, "seed/dataset_" + i)
              .build()
              .fit(models.get(i), new ProfileAnalysis<Gaussian>(datasets.get(i))));
    }

    FactorGraph graph = new FactorGraph();
    List<FactorKey<Gaussian>> keys = new ArrayList<>();
    for (int i = 0; i < DATASETS; i++) {
      keys.add(
          graph.add(
              AnalysisFactor.of(models.get(i), new ProfileAnalysis<Gaussian>(datasets.get(i)))
                  .named("dataset_" + i)));
    }
    System.out.println(graph.model().info());
    System.out.println(graph.info());
    Map<String, Double> truths = truths(keys);
    graph.hooks(
        new GraphHooks() {
          @Override
          public void saveResults(FitPaths paths, GraphResult result) {
            // the report with the simulation's values in the corner plot, instead of the default
            Report.of(result)
                .title("Seed example: joint fit of three datasets")
                .corner(CornerPlot.of(result).truths(truths))
                .write(paths);
          }
        });
    ProblemSearch joint = search.toBuilder().output(output, "seed/joint").build();
    GraphResult result = graph.fit(joint);

    printSideBySide(models, alone, result, keys);
    writePictures(
        output.resolve("seed").resolve("pictures"), datasets, graph, result, keys, truths);
    System.out.println(
        "report: "
            + joint
                .outputPath(graph.layout(), graph.analysis())
                .orElseThrow()
                .resolve("report.html")
                .toAbsolutePath());
  }

  /** The simulation's values of the joint fit's parameters. */
  private static Map<String, Double> truths(List<FactorKey<Gaussian>> keys) throws IOException {
    Map<String, Double> truths = new LinkedHashMap<>();
    truths.put("centre", ExampleData.truth(DATA, 0, "centre"));
    for (int i = 0; i < keys.size(); i++) {
      for (String name : List.of("normalization", "sigma")) {
        truths.put(keys.get(i).name() + "." + name, ExampleData.truth(DATA, i, name));
      }
    }
    return truths;
  }

  private static void printSideBySide(
      List<GaussianModel> models,
      List<Result<Gaussian>> alone,
      GraphResult joint,
      List<FactorKey<Gaussian>> keys) {
    System.out.printf(
        Locale.ROOT,
        "%-10s | %-38s | %-38s%n",
        "dataset",
        "alone: log Z, centre mean +/- sd",
        "joint: centre, normalization, sigma (median)");
    for (int i = 0; i < alone.size(); i++) {
      Result<Gaussian> single = alone.get(i);
      ParameterSummary centre = single.summary(models.get(i).centre());
      Gaussian median = joint.median(models.get(i));
      System.out.printf(
          Locale.ROOT,
          "%-10s | %8.2f +/- %.2f, %6.2f +/- %5.2f      | %6.2f, %6.3f, %6.2f%n",
          keys.get(i).name(),
          single.logEvidence(),
          single.logEvidenceError(),
          centre.mean(),
          centre.sd(),
          median.centre(),
          median.normalization(),
          median.sigma());
    }
    Result<?> global = joint.global();
    ParameterSummary centre = joint.summary(models.get(0).centre()); // @Shared: one global centre
    System.out.printf(
        Locale.ROOT,
        "%njoint: log Z = %.2f +/- %.2f; shared centre mean %.2f, sd %.2f; %d likelihood calls in"
            + " %.2f s%n",
        global.logEvidence(),
        global.logEvidenceError(),
        centre.mean(),
        centre.sd(),
        global.likelihoodCalls(),
        global.seconds());
  }

  private static void writePictures(
      Path folder,
      List<Dataset1D> datasets,
      FactorGraph graph,
      GraphResult joint,
      List<FactorKey<Gaussian>> keys,
      Map<String, Double> truths)
      throws IOException {
    Files.createDirectories(folder);
    for (int i = 0; i < datasets.size(); i++) {
      Dataset1D dataset = datasets.get(i);
      // The joint maximum-likelihood sample seen through this dataset's parameters: the shared
      // centre is the same in every picture.
      Result<Gaussian> factor = joint.factor(keys.get(i));
      Gaussian fit = factor.maxLogLikelihoodInstance();
      double[] x = FitPlot.pixels(dataset.size()); // ProfileAnalysis puts pixel i at x = i
      String title =
          String.format(
              Locale.ROOT,
              "%s: joint maximum-likelihood fit (shared centre %.2f)",
              keys.get(i).name(),
              fit.centre());
      FitPlot plot =
          FitPlot.of(title, x, dataset, profile(fit, x))
              .band(ModelBand.of(factor, x, 0.1587), ModelBand.of(factor, x, 0.8413))
              .labels("x", "value");
      plot.writePng(folder.resolve(keys.get(i).name() + "_fit.png"));
    }
    CornerPlot corner = CornerPlot.of(joint).truths(truths);
    corner.writePng(folder.resolve("joint_corner.png"));
    corner.writeSvg(folder.resolve("joint_corner.svg"));
    FactorGraphPicture picture = FactorGraphPicture.of(graph);
    picture.writePng(folder.resolve("factor_graph.png"));
    picture.writeSvg(folder.resolve("factor_graph.svg"));
    GraphStructure structure = GraphStructure.of(graph);
    AtomicFiles.write(folder.resolve("factor_graph.dot"), structure.toDot());
    AtomicFiles.write(folder.resolve("factor_graph.mmd"), structure.toMermaid());
    System.out.println("pictures in " + folder.toAbsolutePath());
  }

  private static double[] profile(Profile1D profile, double[] x) {
    double[] values = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      values[i] = profile.profile(x[i]);
    }
    return values;
  }
}

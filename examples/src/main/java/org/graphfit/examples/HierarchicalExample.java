package org.graphfit.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.graphfit.analysis.FitPaths;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GraphHooks;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.plot.CornerPlot;
import org.graphfit.plot.FactorGraphPicture;
import org.graphfit.plot.HierarchyPlot;
import org.graphfit.plot.Report;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;

/**
 * A hierarchical fit of PyAutoFit's {@code gaussian_x1__hierarchical} datasets: ten Gaussians whose
 * centres are drawn from a parent Gaussian with fitted mean and scatter. Each centre is local (its
 * own wide uniform prior) and linked to the others only through the parent distribution.
 */
public final class HierarchicalExample {
  private static final String DATA = HierarchicalGraph.DATA;
  private static final int DATASETS = HierarchicalGraph.DATASETS;

  private HierarchicalExample() {}

  /**
   * Runs the example.
   *
   * @param args optional: the output root (default {@code output})
   * @throws IOException if the example data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args.length > 0 ? args[0] : "output");
    HierarchicalGraph hierarchy = HierarchicalGraph.load();
    FactorGraph graph = hierarchy.graph();
    List<FactorKey<Gaussian>> keys = hierarchy.keys();
    HierarchicalFactor centres = hierarchy.centres();
    System.out.println(graph.info());

    double[] truths = new double[DATASETS];
    for (int i = 0; i < DATASETS; i++) {
      truths[i] = ExampleData.truth(DATA, i, "centre");
    }
    graph.hooks(
        new GraphHooks() {
          @Override
          public void saveResults(FitPaths paths, GraphResult result) {
            // the report with the true centres in the hierarchy plot, instead of the default
            Report.of(result)
                .title("Hierarchical example: ten centres drawn from a parent Gaussian")
                .hierarchy(centres, HierarchyPlot.of(result, centres).truths(truths))
                .write(paths);
          }
        });
    NestedSampling search =
        NestedSampling.builder().nLive(400).seed(2).output(output, "hierarchical").build();
    GraphResult result = graph.fit(search);
    Result<?> global = result.global();
    ParameterSummary mean = result.summary(centres.hyperParameter("mean"));
    ParameterSummary sigma = result.summary(centres.hyperParameter("sigma"));
    System.out.println(mean);
    System.out.println(sigma);
    System.out.printf(
        Locale.ROOT,
        "parent mean %.2f +/- %.2f, parent sigma %.2f +/- %.2f (truth: centres ~ N(50, 10)"
            + " truncated to [0, 100])%n",
        mean.median(),
        mean.atSigma(1).halfWidth(),
        sigma.median(),
        sigma.atSigma(1).halfWidth());
    for (int i = 0; i < DATASETS; i++) {
      Result<Gaussian> factor = result.factor(keys.get(i));
      System.out.printf(
          Locale.ROOT,
          "%-10s centre %6.2f +/- %5.2f   truth %6.2f%n",
          keys.get(i).name(),
          factor.medianPdfInstance().centre(),
          factor.summary("centre").atSigma(1).halfWidth(),
          ExampleData.truth(DATA, i, "centre"));
    }
    System.out.printf(
        Locale.ROOT,
        "log Z = %.2f +/- %.2f, %d likelihood calls in %.1f s%n",
        global.logEvidence(),
        global.logEvidenceError(),
        global.likelihoodCalls(),
        global.seconds());
    writePictures(output.resolve("hierarchical"), search, graph, result, centres, truths);
  }

  /**
   * The factor graph, the corner plot of the parent's hyper-parameters with the first datasets'
   * parameters and the hierarchy with the true centres, beside the fit's folder.
   */
  private static void writePictures(
      Path folder,
      ProblemSearch search,
      FactorGraph graph,
      GraphResult result,
      HierarchicalFactor centres,
      double[] truths)
      throws IOException {
    FactorGraphPicture.of(graph).writePng(folder.resolve("factor_graph.png"));
    CornerPlot.of(result).writePng(folder.resolve("corner.png"));
    HierarchyPlot.of(result, centres).truths(truths).writePng(folder.resolve("hierarchy.png"));
    Path report =
        search.outputPath(graph.layout(), graph.analysis()).orElseThrow().resolve("report.html");
    System.out.println("pictures in " + folder.toAbsolutePath() + "; report: " + report);
  }
}

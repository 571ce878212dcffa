package org.graphfit.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.plot.CornerPlot;
import org.graphfit.plot.FactorGraphPicture;
import org.graphfit.plot.Report;
import org.graphfit.search.nested.NestedSampling;

/**
 * Writes the README's pictures: the corner plot of the seed example's joint fit (the shared centre
 * and the first dataset's parameters, with the true values), the factor graph of the hierarchical
 * examples, and a report of the joint fit with that corner plot into {@code
 * <output>/seed/readme/report.html}, whose path it prints for a screenshot (never into the fit's
 * folder, whose manifest lists the report the fit wrote). The joint fit is {@link SeedExample}'s
 * (same settings and output folder), so a completed one is loaded. Run by {@code
 * examples/readme-images}.
 */
public final class ReadmeImages {
  private ReadmeImages() {}

  /**
   * Writes the pictures.
   *
   * @param args the pictures' folder (default {@code docs/images}), then the output root (default
   *     {@code output})
   * @throws IOException if the example data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path images = Path.of(args.length > 0 ? args[0] : "docs/images");
    Path output = Path.of(args.length > 1 ? args[1] : "output");
    Files.createDirectories(images);
    List<Dataset1D> datasets = ExampleData.load("gaussian_x1__low_snr", 3);
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < datasets.size(); i++) {
      graph.add(
          AnalysisFactor.of(
                  GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(datasets.get(i)))
              .named("dataset_" + i));
    }
    NestedSampling search =
        NestedSampling.builder().nLive(500).walks(10).seed(1).output(output, "seed/joint").build();
    GraphResult joint = graph.fit(search);
    CornerPlot corner =
        CornerPlot.of(joint)
            .parameters("centre", "dataset_0.normalization", "dataset_0.sigma")
            .truths(Map.of("centre", 50.0, "dataset_0.normalization", 0.5, "dataset_0.sigma", 5.0));
    corner.writePng(images.resolve("corner.png"));
    FactorGraphPicture.of(HierarchicalGraph.load().graph())
        .writePng(images.resolve("factor_graph.png"));
    Path report =
        Report.of(joint)
            .title("Seed example: joint fit of three datasets")
            .corner(corner)
            .write(output.resolve("seed").resolve("readme"));
    System.out.println(report.toAbsolutePath());
  }
}

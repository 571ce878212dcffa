package org.graphfit.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.plot.ConvergencePlot;
import org.graphfit.plot.EpTrace;
import org.graphfit.plot.EpTracePlot;
import org.graphfit.plot.HierarchyPlot;
import org.graphfit.plot.Report;
import org.graphfit.search.nested.NestedSampling;

/**
 * {@link HierarchicalExample}'s graph (ten Gaussians whose centres are drawn from a parent Gaussian
 * with fitted mean and scatter) fitted by expectation propagation instead of one joint
 * nested-sampling run: each dataset by nested sampling of its tilted distribution (or, with the
 * argument {@code laplace}, by EP's default: a Laplace approximation checked against the tilted
 * distribution), the parent by quadrature. These datasets have low signal-to-noise: a dataset's
 * likelihood of the centre is broad and far from Gaussian, so every Laplace fit fails its check and
 * is refitted by nested sampling (unchecked, the Laplace path overstated how well each centre is
 * known and so the scatter: 9.67 against the joint fit's 3.54). With nested sampling per factor EP
 * converges to its samplers' noise floor. Writes {@code <output>/hierarchical_ep/<identifier>/}
 * with the EP files (a completed fit is loaded, an interrupted one resumes), a folder per dataset
 * under {@code factors/}, and, written by the fit's hook before its manifest, {@code
 * image/ep_convergence.png}, {@code image/ep_trace.png} (each variable's approximation per sweep),
 * {@code image/hierarchy.png} and {@code report.html}.
 */
public final class EpHierarchicalExample {
  private static final String DATA = HierarchicalGraph.DATA;
  private static final int DATASETS = HierarchicalGraph.DATASETS;
  private static final double SAMPLED_TOLERANCE = 1e-3;

  private EpHierarchicalExample() {}

  /**
   * Runs the example.
   *
   * @param args optional: the output root (default {@code output}), then {@code laplace} for the
   *     Laplace path
   * @throws IOException if the example data cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "output");
    HierarchicalGraph hierarchy = HierarchicalGraph.load();
    FactorGraph graph = hierarchy.graph();
    List<FactorKey<Gaussian>> keys = hierarchy.keys();
    HierarchicalFactor centres = hierarchy.centres();

    boolean laplace = args.length > 1 && args[1].equals("laplace");
    double[] truths = new double[DATASETS];
    for (int i = 0; i < DATASETS; i++) {
      truths[i] = ExampleData.truth(DATA, i, "centre");
    }
    EpTrace trace = EpTrace.create(); // records each sweep's approximation for the trace plot
    ExpectationPropagation.Builder builder =
        ExpectationPropagation.builder()
            .threads(2)
            .seed(1)
            .output(root, laplace ? "hierarchical_ep_laplace" : "hierarchical_ep")
            .hooks(
                (paths, fitted) -> {
                  Path image = paths.image();
                  ConvergencePlot.of("EP on " + DATA, fitted)
                      .writePng(image.resolve("ep_convergence.png"));
                  EpTracePlot.of(fitted, trace).writePng(image.resolve("ep_trace.png"));
                  HierarchyPlot centresPlot = HierarchyPlot.of(fitted, centres).truths(truths);
                  centresPlot.writePng(image.resolve("hierarchy.png"));
                  // the report with the trace and the true centres, instead of the default
                  paths.write(
                      "report.html",
                      Report.of(fitted, trace)
                          .hierarchy(centres, centresPlot)
                          .title(
                              "EP on "
                                  + DATA
                                  + (laplace ? " (Laplace factors)" : " (sampled factors)"))
                          .html());
                });
    if (!laplace) {
      builder
          .sampler(NestedSampling.builder().nLive(200).threads(1).build())
          .maxSweeps(15)
          .tolerance(SAMPLED_TOLERANCE);
    }
    ExpectationPropagation ep = builder.build();
    EpResult result = ep.fit(graph, trace.recording(2));
    Path output = ep.outputPath(graph).orElseThrow();

    VariableSummary mean = result.summary(centres.hyperParameter("mean"));
    VariableSummary sigma = result.summary(centres.hyperParameter("sigma"));
    System.out.printf(
        Locale.ROOT,
        "EP (%s) %s after %d sweeps in %.2f s; failing factors: %s; trustworthy: %s%n",
        laplace ? "Laplace" : "nested sampling",
        switch (result.convergence()) {
          case CONVERGED -> "converged";
          case CONVERGED_TO_NOISE_FLOOR ->
              String.format(Locale.ROOT, "converged to its noise floor %.3g", result.noiseFloor());
          case NOT_CONVERGED -> "did NOT converge";
        },
        result.sweepCount(),
        result.seconds(),
        result.failingFactors(),
        result.trustworthy() ? "yes" : "NO " + result.concerns());
    if (!result.converged()) {
      List<EpSweep> sweeps = result.sweeps();
      System.out.printf(
          Locale.ROOT,
          "largest residual in the last three sweeps: %s, noise floor %s (tolerance %.0e)%n",
          sweeps.subList(Math.max(0, sweeps.size() - 3), sweeps.size()).stream()
              .map(sweep -> String.format(Locale.ROOT, "%.4f", sweep.residual()))
              .toList(),
          sweeps.subList(Math.max(0, sweeps.size() - 3), sweeps.size()).stream()
              .map(sweep -> String.format(Locale.ROOT, "%.4f", sweep.noiseFloor()))
              .toList(),
          SAMPLED_TOLERANCE);
    }
    if (!result.fallbackFactors().isEmpty()) {
      System.out.println(
          "Laplace fits that failed their check, fitted by nested sampling instead: "
              + result.fallbackFactors());
    }
    System.out.printf(
        Locale.ROOT,
        "parent mean %.2f +/- %.2f, parent sigma %.2f +/- %.2f (truth: centres ~ N(50, 10)"
            + " truncated to [0, 100])%n",
        mean.mean(),
        mean.sd(),
        sigma.mean(),
        sigma.sd());
    for (int i = 0; i < DATASETS; i++) {
      System.out.printf(
          Locale.ROOT,
          "%-10s centre %6.2f   truth %6.2f%n",
          keys.get(i).name(),
          result.meanInstance(keys.get(i)).centre(),
          ExampleData.truth(DATA, i, "centre"));
    }
    System.out.printf(
        Locale.ROOT, "EP log evidence %.2f; files in %s%n", result.logEvidence(), output);
  }
}

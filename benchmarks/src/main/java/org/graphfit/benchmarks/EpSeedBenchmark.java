package org.graphfit.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.examples.ExampleData;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.search.nested.NestedSampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Expectation propagation on the seed example (three low-SNR datasets sharing one centre), each
 * factor fitted by nested sampling: the shared centre's corrected mean and sd (the result's
 * summary) and those of EP's Gaussian per seed, against the exact posterior (mean 49.79, sd 26.11,
 * by grid quadrature), with sweeps, convergence and time, then how many runs meet the targets (mean
 * within 2.5, sd within 15%). Each seed is fitted a second time without corrected marginals (same
 * messages, same likelihood calls): the ratio of the two times is the cost of the marginal terms.
 */
@Command(
    name = "ep-seed-benchmark",
    mixinStandardHelpOptions = true,
    description = "EP with nested-sampling factor fits on the seed example.")
public final class EpSeedBenchmark implements Callable<Integer> {
  private static final double EXACT_MEAN = 49.79;
  private static final double EXACT_SD = 26.11;
  private static final double MEAN_TOLERANCE = 2.5;
  private static final double SD_TOLERANCE = 0.15;

  @Option(
      names = "--seeds",
      defaultValue = "1-10",
      description = "Seeds (default: ${DEFAULT-VALUE}).")
  private String seeds;

  @Option(names = "--nlive", defaultValue = "500", description = "Live points per factor fit.")
  private int nLive;

  @Option(names = "--damping", defaultValue = "0.5", description = "EP damping.")
  private double damping;

  @Option(names = "--sweeps", defaultValue = "20", description = "Maximum sweeps.")
  private int sweeps;

  @Option(names = "--tolerance", defaultValue = "1e-3", description = "KL tolerance.")
  private double tolerance;

  @Option(names = "--threads", defaultValue = "2", description = "Threads.")
  private int threads;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EpSeedBenchmark()).execute(args));
  }

  private ExpectationPropagation ep(long seed, boolean correctedMarginals) {
    return ExpectationPropagation.builder()
        .threads(threads)
        .seed(seed)
        .damping(damping)
        .maxSweeps(sweeps)
        .tolerance(tolerance)
        .correctedMarginals(correctedMarginals)
        .sampler(NestedSampling.builder().nLive(nLive).walks(10).threads(1).build())
        .build();
  }

  @Override
  public Integer call() throws IOException {
    List<Dataset1D> datasets = ExampleData.load("gaussian_x1__low_snr", 3);
    System.out.printf(
        Locale.ROOT,
        "%4s %8s %7s %8s %7s %7s %9s %6s %8s %9s %8s%n",
        "seed",
        "mean",
        "sd",
        "ep mean",
        "ep sd",
        "sweeps",
        "converged",
        "failing",
        "seconds",
        "noTermsS",
        "ratio");
    int runs = 0;
    int meanWithin = 0;
    int sdWithin = 0;
    int gaussianMeanWithin = 0;
    int gaussianSdWithin = 0;
    for (long seed : Seeds.parse(seeds)) {
      FactorGraph graph = new FactorGraph();
      for (int i = 0; i < datasets.size(); i++) {
        graph.add(
            AnalysisFactor.of(
                    GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(datasets.get(i)))
                .named("dataset_" + i));
      }
      EpResult result = ep(seed, true).fit(graph);
      EpResult gaussian = ep(seed, false).fit(graph);
      VariableSummary centre = result.summary("dataset_0.centre");
      System.out.printf(
          Locale.ROOT,
          "%4d %8.2f %7.2f %8.2f %7.2f %7d %9s %6d %8.2f %9.2f %8.2f%n",
          seed,
          centre.mean(),
          centre.sd(),
          centre.gaussianMean(),
          centre.gaussianSd(),
          result.sweepCount(),
          result.converged(),
          result.failingFactors().size(),
          result.seconds(),
          gaussian.seconds(),
          result.seconds() / gaussian.seconds());
      runs++;
      meanWithin += Math.abs(centre.mean() - EXACT_MEAN) <= MEAN_TOLERANCE ? 1 : 0;
      sdWithin += Math.abs(centre.sd() / EXACT_SD - 1) <= SD_TOLERANCE ? 1 : 0;
      gaussianMeanWithin += Math.abs(centre.gaussianMean() - EXACT_MEAN) <= MEAN_TOLERANCE ? 1 : 0;
      gaussianSdWithin += Math.abs(centre.gaussianSd() / EXACT_SD - 1) <= SD_TOLERANCE ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "mean within %.1f of %.2f: %d/%d corrected, %d/%d EP Gaussian; "
            + "sd within %.0f%% of %.2f: %d/%d corrected, %d/%d EP Gaussian%n",
        MEAN_TOLERANCE,
        EXACT_MEAN,
        meanWithin,
        runs,
        gaussianMeanWithin,
        runs,
        100 * SD_TOLERANCE,
        EXACT_SD,
        sdWithin,
        runs,
        gaussianSdWithin,
        runs);
    return 0;
  }
}

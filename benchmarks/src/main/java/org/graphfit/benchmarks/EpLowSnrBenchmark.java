package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.LaplaceMismatch;
import org.graphfit.ep.VariableSummary;
import org.graphfit.examples.ExampleData;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.search.Concern;
import org.graphfit.search.nested.NestedSampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Expectation propagation on the first N low signal-to-noise datasets of PyAutoFit's {@code
 * gaussian_x1__low_snr} (the seed example's model: one Gaussian per dataset, the centre shared,
 * normalization and width per dataset) against the exact posterior of the shared centre. Three
 * configurations per N: the default (Laplace fits checked by importance sampling, those that fail
 * refitted by nested sampling), Laplace fits unchecked ({@link LaplaceMismatch#IGNORE}, what EP did
 * before the check) and nested sampling per factor. Per run: the centre's mean and sd (corrected
 * where every factor was sampled) and their distance from the exact ones (in exact sd, and as a sd
 * ratio), the log evidence against the exact one, how EP converged, how many factors fell back to
 * the sampler, whether the result is trustworthy, likelihood calls and seconds. A run is "right"
 * when its centre is within 0.5 exact sd with an sd within 20%; it "warns" when it is not
 * trustworthy.
 *
 * <p>The exact references come from grid quadrature: for each dataset the evidence at each centre
 * (the likelihood is linear in the normalization, so its log-uniform prior is integrated on 600
 * points of log normalization per width, the uniform width on 400 points crowded towards zero),
 * then their product times the centre's prior on 2,401 centres in [-70, 170]; they reproduce the
 * three-dataset values of the seed example (log Z -165.28, centre 49.79 ± 26.11) to 0.01 in log Z
 * and the mean and 0.06 in the sd (26.05), and the 50-dataset ones (log Z -2685.03, centre 49.66 ±
 * 0.43) to 0.01.
 */
@Command(
    name = "ep-low-snr-benchmark",
    mixinStandardHelpOptions = true,
    description = "EP on PyAutoFit's low signal-to-noise datasets against the exact posterior.")
public final class EpLowSnrBenchmark implements Callable<Integer> {
  /** N, exact log Z, exact centre mean and sd. */
  private static final double[][] EXACT = {
    {3, -165.28, 49.79, 26.11}, {10, -535.15, 50.33, 1.92}, {50, -2685.03, 49.66, 0.43}
  };

  private static final double MEAN_TOLERANCE = 0.5;
  private static final double SD_TOLERANCE = 0.2;

  @Option(
      names = "--datasets",
      split = ",",
      defaultValue = "3,10,50",
      description = "Numbers of datasets, each of 3, 10, 50 (default: ${DEFAULT-VALUE}).")
  private List<Integer> datasets;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "EP seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--nlive",
      defaultValue = "200",
      description = "Live points of the nested sampling per factor (default: ${DEFAULT-VALUE}).")
  private int nLive;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(names = "--json", description = "Print one JSON object per run instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EpLowSnrBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    ObjectMapper mapper = new ObjectMapper();
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %-9s %8s %7s %7s %6s %9s %9s %-24s %8s %5s %10s %7s%n",
          "N",
          "fit",
          "mean",
          "sd",
          "dev/sd",
          "sd/ex",
          "logZ",
          "dlogZ",
          "convergence",
          "fallback",
          "trust",
          "calls",
          "seconds");
    }
    for (int count : datasets) {
      double[] exact = exact(count);
      List<Dataset1D> data = ExampleData.load("gaussian_x1__low_snr", count);
      for (String fit : List.of("default", "unchecked", "nested")) {
        AtomicLong calls = new AtomicLong();
        FactorGraph graph = graph(data, calls);
        ExpectationPropagation.Builder builder =
            ExpectationPropagation.builder().threads(threads).seed(seed);
        if (fit.equals("unchecked")) {
          builder.onLaplaceMismatch(LaplaceMismatch.IGNORE);
        } else if (fit.equals("nested")) {
          builder.sampler(NestedSampling.builder().nLive(nLive).threads(1).build());
        }
        EpResult result = builder.build().fit(graph);
        print(out, mapper, count, fit, exact, result, calls.get());
      }
    }
    return 0;
  }

  private static double[] exact(int count) {
    for (double[] row : EXACT) {
      if (row[0] == count) {
        return row;
      }
    }
    throw new CommandLine.ParameterException(
        new CommandLine(new EpLowSnrBenchmark()),
        "no exact reference for " + count + " datasets; use 3, 10 or 50");
  }

  private static FactorGraph graph(List<Dataset1D> data, AtomicLong calls) {
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < data.size(); i++) {
      ProfileAnalysis<Gaussian> analysis = new ProfileAnalysis<>(data.get(i));
      graph.add(
          AnalysisFactor.of(
                  GaussianModel.withDefaults(),
                  (Gaussian g) -> {
                    calls.incrementAndGet();
                    return analysis.logLikelihood(g);
                  })
              .named("dataset_" + i));
    }
    return graph;
  }

  private void print(
      PrintStream out,
      ObjectMapper mapper,
      int count,
      String fit,
      double[] exact,
      EpResult result,
      long calls)
      throws JsonProcessingException {
    VariableSummary centre = result.summary("dataset_0.centre");
    double deviation = (centre.mean() - exact[2]) / exact[3];
    double sdRatio = centre.sd() / exact[3];
    boolean right = Math.abs(deviation) <= MEAN_TOLERANCE && Math.abs(sdRatio - 1) <= SD_TOLERANCE;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("datasets", count);
    row.put("fit", fit);
    row.put("mean", centre.mean());
    row.put("sd", centre.sd());
    row.put("corrected", centre.corrected());
    row.put("gaussianMean", centre.gaussianMean());
    row.put("gaussianSd", centre.gaussianSd());
    row.put("exactMean", exact[2]);
    row.put("exactSd", exact[3]);
    row.put("deviationInSd", deviation);
    row.put("sdRatio", sdRatio);
    row.put("right", right);
    row.put("logZ", result.logEvidence());
    row.put("exactLogZ", exact[1]);
    row.put("convergence", result.convergence().name());
    row.put("noiseFloor", result.noiseFloor());
    row.put("precisionBias", result.samplingPrecisionBias("dataset_0.centre"));
    row.put("sweeps", result.sweepCount());
    row.put("fallbackFactors", result.fallbackFactors().size());
    row.put("trustworthy", result.trustworthy());
    row.put(
        "concerns", result.concerns().stream().map(Concern::toString).collect(Collectors.toList()));
    row.put("likelihoodCalls", calls);
    row.put("seconds", result.seconds());
    if (json) {
      out.println(mapper.writeValueAsString(row));
    } else {
      out.printf(
          Locale.ROOT,
          "%4d %-9s %8.2f %7.2f %7.2f %6.2f %9.2f %9.2f %-24s %8s %5s %10d %7.2f%n",
          count,
          fit,
          centre.mean(),
          centre.sd(),
          deviation,
          sdRatio,
          result.logEvidence(),
          result.logEvidence() - exact[1],
          result.convergence() + " (" + result.sweepCount() + ")",
          result.fallbackFactors().size() + "/" + count,
          result.trustworthy() ? "yes" : "NO",
          calls,
          result.seconds());
    }
    out.flush();
  }
}

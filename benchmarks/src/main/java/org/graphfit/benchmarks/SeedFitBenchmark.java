package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.examples.ExampleData;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.Concern;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.nested.NestedSampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The seed example's fits against exact answers computed by grid quadrature on the same data files:
 * {@code single} fits dataset_0 alone (log Z = -55.11, centre mean 47.7, sd 32.5) and {@code joint}
 * fits the three datasets with one shared centre (log Z = -165.28; centre mean 49.79, sd 26.11;
 * mass 0.125 in [70, 85)). Prints, per seed, log Z and its error, the centre's mean and sd, the
 * posterior mass of the second mode, likelihood calls, seconds and the overhead per call: the fit's
 * wall time minus the time of its own likelihood calls made again bare, at the same points in the
 * same order (see {@link RecordedCalls}), model mapping included, divided by the calls ({@code
 * µs/call}), and the same with the thread CPU time of both ({@code cpuµs/call}). With one thread
 * the whole fit runs on this thread, whose CPU time is not charged for time the machine gives to
 * other processes (contention for caches still shows); with more it is left out.
 */
@Command(
    name = "seed-fit-benchmark",
    mixinStandardHelpOptions = true,
    description = "Nested sampling of the seed example against its exact answers.")
public final class SeedFitBenchmark implements Callable<Integer> {
  private static final Map<String, double[]> TRUTH =
      Map.of(
          "single", new double[] {-55.11, 47.7, 32.5, Double.NaN},
          "joint", new double[] {-165.28, 49.79, 26.11, 0.125});

  @Option(
      names = "--problems",
      split = ",",
      defaultValue = "single,joint",
      description = "single, joint")
  private List<String> problems;

  @Option(
      names = "--seeds",
      defaultValue = "1-10",
      description = "Seeds, e.g. 1-10 or 3,5 (default: ${DEFAULT-VALUE}).")
  private String seeds;

  /** The sampler: 500 live points and 10 random-walk steps, as the seed example. */
  @Mixin private NestedOptions nested = new NestedOptions().walks(10);

  @Option(
      names = "--threads",
      defaultValue = "1",
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
    System.exit(new CommandLine(new SeedFitBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    List<Dataset1D> datasets = ExampleData.load("gaussian_x1__low_snr", 3);
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%-7s %4s %9s %6s %9s %7s %6s %6s %7s %8s %7s %8s %10s %5s %s%n",
          "problem",
          "seed",
          "logZ",
          "err",
          "logZTrue",
          "dev",
          "mean",
          "sd",
          "m70-85",
          "calls",
          "seconds",
          "µs/call",
          "cpuµs/call",
          "trust",
          "ancestors");
    }
    for (String problem : problems) {
      double[] truth = TRUTH.get(problem);
      if (truth == null) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "unknown problem '" + problem + "': use single or joint");
      }
      for (long warmUp = -3; warmUp < 0; warmUp++) {
        run(problem, datasets, warmUp);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (long seed : Seeds.parse(seeds)) {
        Map<String, Object> row = run(problem, datasets, seed);
        rows.add(row);
        print(out, row, truth);
      }
      if (!json) {
        printSummary(out, problem, rows, truth);
      }
    }
    return 0;
  }

  /**
   * One line per problem: how many runs are within 3 reported sigma and within 0.3 of the exact log
   * Z, the centre's mean and sd as mean ± standard error over the seeds, the mean calls and the
   * median overheads.
   */
  private static void printSummary(
      PrintStream out, String problem, List<Map<String, Object>> rows, double[] truth) {
    int within = 0;
    for (Map<String, Object> row : rows) {
      double deviation = Math.abs((double) row.get("logZ") - truth[0]);
      within += deviation <= 3 * (double) row.get("logZErr") && deviation <= 0.3 ? 1 : 0;
    }
    out.printf(
        Locale.ROOT,
        "%-7s %d seeds: log Z within 3σ and within 0.3 on %d, centre mean %s (exact %.2f), sd %s"
            + " (exact %.2f), mass in [70, 85) %.3f, mean calls %.0f, median µs/call %.3f,"
            + " cpuµs/call %.3f, trustworthy %d%n",
        problem,
        rows.size(),
        within,
        meanAndError(rows, "centreMean"),
        truth[1],
        meanAndError(rows, "centreSd"),
        truth[2],
        mean(rows, "massCentre70to85"),
        mean(rows, "calls"),
        median(rows, "overheadMicrosPerCall"),
        median(rows, "cpuOverheadMicrosPerCall"),
        rows.stream().filter(r -> (boolean) r.get("trustworthy")).count());
  }

  private static double[] values(List<Map<String, Object>> rows, String key) {
    return rows.stream()
        .mapToDouble(r -> ((Number) r.getOrDefault(key, Double.NaN)).doubleValue())
        .toArray();
  }

  private static double mean(List<Map<String, Object>> rows, String key) {
    return Arrays.stream(values(rows, key)).average().orElse(Double.NaN);
  }

  private static double median(List<Map<String, Object>> rows, String key) {
    double[] values = values(rows, key);
    Arrays.sort(values);
    int n = values.length;
    return n == 0 ? Double.NaN : 0.5 * (values[(n - 1) / 2] + values[n / 2]);
  }

  /** The mean ± its standard error over the seeds. */
  private static String meanAndError(List<Map<String, Object>> rows, String key) {
    double[] values = values(rows, key);
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    double error = Math.sqrt(squares / Math.max(1, values.length - 1) / values.length);
    return String.format(Locale.ROOT, "%.2f ± %.2f", mean, error);
  }

  private Map<String, Object> run(String problem, List<Dataset1D> datasets, long seed) {
    NestedSampling.Builder settings =
        nested.apply(NestedSampling.builder().seed(seed).threads(threads));
    NestedSampling search = settings.build();
    FactorGraph graph = new FactorGraph();
    int count = problem.equals("single") ? 1 : 3;
    GaussianModel first = GaussianModel.withDefaults(); // its @Shared centre is every dataset's
    for (int i = 0; i < count; i++) {
      graph.add(
          AnalysisFactor.of(
                  i == 0 ? first : GaussianModel.withDefaults(),
                  new ProfileAnalysis<Gaussian>(datasets.get(i)))
              .named("dataset_" + i));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    GraphResult result = graph.fit(search);
    double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
    Result<CollectionInstance> global = result.global();
    Samples samples = global.samples();
    int centreIndex = global.layout().indexOf(first.centre());
    ParameterSummary centreSummary = result.summary(first.centre());
    double secondMode = 0;
    for (int i = 0; i < samples.size(); i++) {
      double centre = samples.value(i, centreIndex);
      if (centre >= 70 && centre < 85) {
        secondMode += samples.weight(i);
      }
    }
    // The peak audit's climbs after the run are part of the fit's calls and CPU time but not of
    // the sampler's run, which the recording repeats.
    long auditCalls = global.diagnostics().getOrDefault("climb_calls", 0.0).longValue();
    List<double[]> calls =
        RecordedCalls.of(
            search,
            SearchProblems.of(graph.layout(), graph.analysis()),
            global.likelihoodCalls() - auditCalls);
    cpuStart = cpu.getCurrentThreadCpuTime();
    double bare = bareSeconds(graph, calls);
    double bareCpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("problem", problem);
    row.put("dim", samples.dimension());
    row.put("seed", seed);
    row.put("logZ", global.logEvidence());
    row.put("logZErr", global.logEvidenceError());
    row.put("logZTrue", TRUTH.get(problem)[0]);
    row.put("centreMean", centreSummary.mean());
    row.put("centreSd", centreSummary.sd());
    row.put("massCentre70to85", secondMode);
    row.put("calls", global.likelihoodCalls());
    row.put("seconds", global.seconds());
    row.put(
        "overheadMicrosPerCall",
        (global.seconds() - bare) / Math.max(1, global.likelihoodCalls()) * 1e6);
    if (threads == 1) {
      row.put(
          "cpuOverheadMicrosPerCall",
          (cpuSeconds - bareCpuSeconds) / Math.max(1, global.likelihoodCalls()) * 1e6);
      row.put("cpuSeconds", cpuSeconds);
      row.put("bareCpuSeconds", bareCpuSeconds);
    }
    row.put("trustworthy", global.trustworthy());
    row.put("climbExcess", global.diagnostics().get("climb_excess"));
    row.put("climbMargin", global.diagnostics().get("climb_margin"));
    row.put("climbCalls", global.diagnostics().get("climb_calls"));
    row.put("ancestors", global.diagnostics().get("ancestors"));
    row.put("neutralAncestors", global.diagnostics().get("neutral_ancestors"));
    row.put(
        "concerns", global.concerns().stream().map(Concern::toString).collect(Collectors.toList()));
    return row;
  }

  /** The time of the run's likelihood calls made again, mapping included, in the run's order. */
  private static double bareSeconds(FactorGraph graph, List<double[]> calls) {
    ModelLayout<CollectionInstance> layout = graph.layout();
    var analysis = graph.analysis();
    double sink = 0;
    long start = System.nanoTime();
    for (double[] vector : calls) {
      sink += analysis.logLikelihood(layout.instanceFromVector(vector));
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    if (sink == Double.POSITIVE_INFINITY) {
      System.err.print("");
    }
    return seconds;
  }

  private void print(PrintStream out, Map<String, Object> row, double[] truth)
      throws JsonProcessingException {
    if (json) {
      out.println(new JsonMapper().writeValueAsString(row));
      return;
    }
    double logZ = (double) row.get("logZ");
    double error = (double) row.get("logZErr");
    out.printf(
        Locale.ROOT,
        "%-7s %4d %9.3f %6.3f %9.2f %7.2f %6.2f %6.2f %7.3f %8d %7.3f %8.3f %10.3f %5s"
            + " %5.1f/%5.1f%n",
        row.get("problem"),
        row.get("seed"),
        logZ,
        error,
        truth[0],
        (logZ - truth[0]) / error,
        row.get("centreMean"),
        row.get("centreSd"),
        row.get("massCentre70to85"),
        row.get("calls"),
        row.get("seconds"),
        row.get("overheadMicrosPerCall"),
        row.getOrDefault("cpuOverheadMicrosPerCall", Double.NaN),
        row.get("trustworthy"),
        row.get("ancestors"),
        row.get("neutralAncestors"));
  }
}

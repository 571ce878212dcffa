package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.FactorOutput;
import org.graphfit.ep.LaplaceMismatch;
import org.graphfit.ep.VariableSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Wall time of expectation propagation against the number of datasets and threads on simulated
 * hierarchical Gaussian datasets ({@link HierarchicalSimulation}, centre and normalization fitted
 * per dataset by the Laplace path): the seconds to simulate the data and build the graph, then per
 * thread count sweeps, seconds, seconds per sweep, the speed-up over the first thread count of the
 * same data, and the parent mean's EP mean and sd. With {@code --repeats R} every configuration is
 * fitted R times, in turns over the thread counts, and the median time is reported (all fits give
 * the same result). Times are the wall time of the whole {@code fit} call; with {@code --output
 * DIR} each fit also writes its output folder and checkpoints, so the times include them, and
 * {@code --factor-output NONE,RESULTS} and {@code --reports false,true} compare fits without and
 * with per-factor folders and reports (in turns, each configuration a row). With {@code --heap}
 * each row also gives the live heap after the last fit of its configuration, with its result still
 * referenced (after garbage collection): comparing two {@code --max-sweeps} with {@code
 * --all-sweeps} (every fit runs all its sweeps) gives the heap per sweep. JVM options such as
 * {@code -Xmx600m} go in {@code JAVA_OPTS} ({@code benchmarks/run} passes them on).
 */
@Command(
    name = "ep-scaling-benchmark",
    mixinStandardHelpOptions = true,
    description = "EP wall time against datasets and threads on simulated hierarchical data.")
public final class EpScalingBenchmark implements Callable<Integer> {
  @Option(
      names = "--datasets",
      split = ",",
      defaultValue = "100,1000,10000",
      description = "Numbers of datasets (default: ${DEFAULT-VALUE}).")
  private List<Integer> datasets;

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1,2",
      description = "Thread counts (default: ${DEFAULT-VALUE}).")
  private List<Integer> threads;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--max-sweeps",
      defaultValue = "50",
      description = "Most EP sweeps (default: ${DEFAULT-VALUE}).")
  private int maxSweeps;

  @Option(
      names = "--tolerance",
      defaultValue = "1e-6",
      description = "Largest per-variable KL between sweeps (default: ${DEFAULT-VALUE}).")
  private double tolerance;

  @Option(
      names = "--repeats",
      defaultValue = "1",
      description =
          "Fits per configuration; the median time is reported (default: ${DEFAULT-VALUE}).")
  private int repeats;

  @Option(
      names = "--output",
      description =
          "Write every fit, with a checkpoint per sweep, under this folder (a new subfolder per"
              + " fit); the times then include the writing.")
  private Path output;

  @Option(
      names = "--factor-output",
      split = ",",
      defaultValue = "AUTO",
      description =
          "With --output, what each fit writes per analysis factor: NONE, RESULTS,"
              + " RESULTS_AND_HOOKS, AUTO (default: ${DEFAULT-VALUE}).")
  private List<FactorOutput> factorOutputs;

  @Option(
      names = "--reports",
      arity = "1",
      split = ",",
      defaultValue = "true",
      description =
          "With --output, whether each fit writes report.html (module plot is on the class path),"
              + " e.g. false,true to compare (default: ${DEFAULT-VALUE}).")
  private List<Boolean> reports;

  @Option(
      names = "--laplace-mismatch",
      defaultValue = "SAMPLE",
      description =
          "What EP does with Laplace fits that fail their check: IGNORE (no check), WARN or SAMPLE"
              + " (default: ${DEFAULT-VALUE}).")
  private LaplaceMismatch laplaceMismatch;

  @Option(
      names = "--all-sweeps",
      description =
          "Run every one of --max-sweeps sweeps: no tolerance, no noise floor (to measure the cost"
              + " and heap per sweep).")
  private boolean allSweeps;

  @Option(
      names = "--heap",
      description =
          "Report the live heap (MB, after garbage collection) after each configuration's last"
              + " fit, its result still held.")
  private boolean heap;

  @Option(names = "--json", description = "Print one JSON object per run instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EpScalingBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (repeats < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--repeats must be at least 1 but was " + repeats);
    }
    BenchmarkTable table =
        new BenchmarkTable(
            json,
            "%8s %7s %24s %7s %6s %9s %10s %8s %9s %10s %9s %9s" + (heap ? " %8s" : "") + "%n",
            "datasets",
            "build s",
            "written",
            "threads",
            "sweeps",
            "seconds",
            "s/sweep",
            "speedup",
            "converged",
            "globalMean",
            "globalSd",
            "failing",
            "liveMB");
    HierarchicalSimulation.warmUp(seed + 1000, 50, 3);
    for (int count : datasets) {
      long buildStart = System.nanoTime();
      HierarchicalSimulation simulation = HierarchicalSimulation.of(seed, count, true);
      double build = (System.nanoTime() - buildStart) / 1e9;
      // configurations: reports, then factor output, then threads, the last varying fastest
      int perReport = factorOutputs.size() * threads.size();
      int configurations = reports.size() * perReport;
      EpResult[] results = new EpResult[configurations];
      double[][] seconds = new double[configurations][repeats];
      double[] liveMegabytes = new double[configurations];
      for (int r = 0; r < repeats; r++) {
        for (int c = 0; c < configurations; c++) {
          int t = c % threads.size();
          FactorOutput factorOutput = factorOutputs.get(c % perReport / threads.size());
          boolean report = reports.get(c / perReport);
          ExpectationPropagation.Builder builder =
              ExpectationPropagation.builder()
                  .threads(threads.get(t))
                  .seed(seed)
                  .maxSweeps(maxSweeps)
                  .tolerance(allSweeps ? Double.MIN_VALUE : tolerance)
                  .noiseFloorConvergence(!allSweeps)
                  .onLaplaceMismatch(laplaceMismatch)
                  .factorOutput(factorOutput)
                  .report(report);
          if (output != null) {
            // a tag per run: each fit writes its own folder instead of loading the last one
            builder
                .output(output, "ep_scaling")
                .tag(count + "-" + factorOutput + "-" + report + "-" + threads.get(t) + "-" + r);
          }
          results[c] = null; // the previous result must not count towards the heap
          long start = System.nanoTime();
          results[c] = builder.build().fit(simulation.graph);
          seconds[c][r] = (System.nanoTime() - start) / 1e9;
          if (heap) {
            liveMegabytes[c] = liveMegabytes();
          }
        }
      }
      double baseline = new Median().evaluate(seconds[0]);
      for (int c = 0; c < configurations; c++) {
        print(
            table,
            simulation,
            count,
            build,
            output == null
                ? "-"
                : factorOutputs.get(c % perReport / threads.size())
                    + (reports.get(c / perReport) ? "+report" : ""),
            threads.get(c % threads.size()),
            results[c],
            new Median().evaluate(seconds[c]),
            baseline,
            liveMegabytes[c]);
      }
    }
    return 0;
  }

  private void print(
      BenchmarkTable table,
      HierarchicalSimulation simulation,
      int count,
      double build,
      String written,
      int threadCount,
      EpResult result,
      double seconds,
      double baseline,
      double liveMegabytes)
      throws JsonProcessingException {
    VariableSummary mean = result.summary(simulation.hierarchy.hyperParameter("mean"));
    VariableSummary scatter = result.summary(simulation.hierarchy.hyperParameter("sigma"));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("datasets", count);
    row.put("buildSeconds", build);
    row.put("written", written);
    row.put("threads", threadCount);
    row.put("sweeps", result.sweepCount());
    row.put("seconds", seconds);
    row.put("secondsPerSweep", seconds / result.sweepCount());
    row.put("speedup", baseline / seconds);
    row.put("repeats", repeats);
    row.put("converged", result.converged());
    row.put("globalMean", mean.mean());
    row.put("globalSd", mean.sd());
    row.put("scatterMean", scatter.mean());
    row.put("scatterSd", scatter.sd());
    row.put("failingFactors", result.failingFactors().size());
    row.put("convergence", result.convergence().name());
    row.put("fallbackFactors", result.fallbackFactors().size());
    row.put(
        "factorSecondsPerSweep",
        result.sweeps().stream().mapToDouble(EpSweep::factorSeconds).sum() / result.sweepCount());
    if (heap) {
      row.put("liveMegabytes", liveMegabytes);
    }
    Map<String, Long> statuses = new TreeMap<>();
    result.statuses().values().forEach(status -> statuses.merge(status.name(), 1L, Long::sum));
    row.put("lastStatuses", statuses);
    table.print(
        row,
        "%8d %7.2f %24s %7d %6d %9.2f %10.3f %8.2f %9s %10.4f %9.4f %9d"
            + (heap ? " %8.1f" : "")
            + "%n",
        count,
        build,
        written,
        threadCount,
        result.sweepCount(),
        seconds,
        seconds / result.sweepCount(),
        baseline / seconds,
        result.converged(),
        mean.mean(),
        mean.sd(),
        result.failingFactors().size(),
        liveMegabytes);
  }

  /** The heap in use after garbage collection, in MB. */
  private static double liveMegabytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
  }
}

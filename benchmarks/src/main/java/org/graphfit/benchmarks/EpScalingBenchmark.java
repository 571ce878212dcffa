package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpUpdate;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Wall time of expectation propagation against the number of datasets and threads on simulated
 * hierarchical Gaussian datasets ({@link HierarchicalSimulation}, centre and normalization fitted
 * per dataset by the Laplace path): sweeps, seconds, seconds per sweep, and the parent mean's EP
 * mean and sd.
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
    PrintStream out = System.out;
    ObjectMapper mapper = new ObjectMapper();
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%8s %7s %6s %9s %10s %9s %10s %9s %9s%n",
          "datasets",
          "threads",
          "sweeps",
          "seconds",
          "s/sweep",
          "converged",
          "globalMean",
          "globalSd",
          "failing");
    }
    // Warm-up so that the first measured run does not pay for class loading and JIT compilation.
    ExpectationPropagation.builder()
        .maxSweeps(3)
        .build()
        .fit(HierarchicalSimulation.of(seed + 1000, 50, true).graph);
    for (int count : datasets) {
      for (int threadCount : threads) {
        HierarchicalSimulation simulation = HierarchicalSimulation.of(seed, count, true);
        EpResult result =
            ExpectationPropagation.builder()
                .threads(threadCount)
                .seed(seed)
                .maxSweeps(maxSweeps)
                .tolerance(tolerance)
                .build()
                .fit(simulation.graph);
        VariableSummary mean = result.summary(simulation.hierarchy.hyperParameter("mean"));
        VariableSummary scatter = result.summary(simulation.hierarchy.hyperParameter("sigma"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("datasets", count);
        row.put("threads", threadCount);
        row.put("sweeps", result.sweepCount());
        row.put("seconds", result.seconds());
        row.put("secondsPerSweep", result.seconds() / result.sweepCount());
        row.put("converged", result.converged());
        row.put("globalMean", mean.mean());
        row.put("globalSd", mean.sd());
        row.put("scatterMean", scatter.mean());
        row.put("scatterSd", scatter.sd());
        row.put("failingFactors", result.failingFactors().size());
        row.put(
            "factorSecondsPerSweep",
            result.history().stream().mapToDouble(EpUpdate::seconds).sum() / result.sweepCount());
        Map<String, Long> statuses = new TreeMap<>();
        result.statuses().values().forEach(status -> statuses.merge(status.name(), 1L, Long::sum));
        row.put("lastStatuses", statuses);
        if (json) {
          out.println(mapper.writeValueAsString(row));
        } else {
          out.printf(
              Locale.ROOT,
              "%8d %7d %6d %9.2f %10.3f %9s %10.4f %9.4f %9d%n",
              count,
              threadCount,
              result.sweepCount(),
              result.seconds(),
              result.seconds() / result.sweepCount(),
              result.converged(),
              mean.mean(),
              mean.sd(),
              result.failingFactors().size());
        }
        out.flush();
      }
    }
    return 0;
  }
}

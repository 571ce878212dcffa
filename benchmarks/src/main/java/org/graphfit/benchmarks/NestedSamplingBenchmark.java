// Long because it is one command read top to bottom: its options, the runs per seed and thread
// count taken in turns, the table, the summary and the problems of known evidence (Benchmark);
// nothing in it is used by another command.
package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
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
import java.util.function.ToDoubleFunction;
import org.graphfit.log.Progress;
import org.graphfit.prior.Prior;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.nested.NestedRun;
import org.graphfit.search.nested.NestedSampler;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.nested.NestedSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the nested sampler on problems of known evidence (Gaussians in 2, 10 and 20 dimensions, the
 * Gaussian shells and the eggbox) over several seeds and prints, per run, the log evidence against
 * the truth, the likelihood calls and the sampler's overhead per call: the run's wall time minus
 * the time of as many bare likelihood calls, measured right after the run, divided by the calls.
 *
 * <p>With {@code --threads 1,2} every seed runs once per thread count, in turns so that both see
 * the same machine load, and each row gives its speed-up over the first count and whether its
 * result is identical to the first count's (it must be: the batches do not depend on the threads).
 * {@code --cost-us 200} makes every likelihood call busy-wait to 200 µs, standing for an expensive
 * model; the overhead is then the wall time beyond the calls' cost shared among the threads.
 */
@Command(
    name = "nested-sampling-benchmark",
    mixinStandardHelpOptions = true,
    description =
        "Accuracy, likelihood calls and overhead of the nested sampler on known problems.")
public final class NestedSamplingBenchmark implements Callable<Integer> {
  /** Receives the bare likelihood sums so that the timed calls cannot be optimised away. */
  private static volatile double blackhole;

  @Option(
      names = "--problems",
      split = ",",
      defaultValue = "gauss2,gauss10,gauss20,shells,eggbox",
      description =
          "Comma-separated problems among gauss<d>, shells, eggbox (default: ${DEFAULT-VALUE}).")
  private List<String> problems;

  @Option(
      names = "--seeds",
      defaultValue = "0-9",
      description = "Seeds as a range 'a-b' or a list 'a,b,c' (default: ${DEFAULT-VALUE}).")
  private String seeds;

  /** The sampler: 500 live points, MULTI bounds enlarged 1.25, dlogz 0.1. */
  @Mixin
  private NestedOptions nested = new NestedOptions().bounds(NestedSettings.Bound.MULTI, 1.25, 0.1);

  @Option(
      names = "--threads",
      split = ",",
      defaultValue = "1",
      description =
          "Comma-separated thread counts; every seed runs once per count, in turns, and the"
              + " speed-up is over the first count (default: ${DEFAULT-VALUE}).")
  private List<Integer> threadCounts;

  @Option(
      names = "--cost-us",
      defaultValue = "0",
      description =
          "Busy-waits after each likelihood call until it has taken this many microseconds, to"
              + " stand for an expensive likelihood (default: ${DEFAULT-VALUE}).")
  private double costMicros;

  @Option(
      names = "--update-interval",
      description = "Likelihood calls between bound refits (default: the sampler's).")
  private Long updateInterval;

  @Option(
      names = "--progress",
      split = ",",
      description =
          "Run every seed once per progress display among OFF, TERMINAL (drawn into a discarded"
              + " stream), LOG, interleaved, to compare their cost (default: the automatic one).")
  private List<Progress.Display> progressDisplays;

  @Option(names = "--json", description = "Print one JSON object per run instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new NestedSamplingBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintStream out = System.out;
    ObjectMapper mapper = new ObjectMapper();
    long[] seedList = Seeds.parse(seeds);
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%-8s %3s %4s %3s %10s %7s %10s %6s %9s %7s %8s %7s %9s %9s %8s %11s %s%n",
          "problem",
          "dim",
          "seed",
          "thr",
          "logZ",
          "err",
          "logZTrue",
          "dev/σ",
          "calls",
          "iters",
          "seconds",
          "speedup",
          "µs/call",
          "cpuµs/call",
          "rankP",
          "ancestors",
          progressDisplays == null ? "" : "progress");
    }
    List<TaskRunner> runners = new ArrayList<>();
    try {
      for (int threads : threadCounts) {
        runners.add(TaskRunner.withThreads(threads));
      }
      for (String name : problems) {
        Benchmark benchmark = Benchmark.named(name.trim(), costMicros);
        for (Progress.Display display : displays()) {
          run(benchmark, -1, runners.get(0), display);
        }
        List<List<double[]>> summaries = new ArrayList<>();
        for (int t = 0; t < runners.size(); t++) {
          summaries.add(new ArrayList<>());
        }
        for (Seeded seeded : seeded(seedList)) {
          long seed = seeded.seed();
          Map<String, Object> first = null;
          for (int t = 0; t < runners.size(); t++) {
            Map<String, Object> row = run(benchmark, seed, runners.get(t), seeded.display());
            first = first == null ? row : first;
            double speedup = (double) first.get("seconds") / (double) row.get("seconds");
            boolean identical =
                row.get("logZ").equals(first.get("logZ"))
                    && row.get("calls").equals(first.get("calls"));
            row.put("speedup", speedup);
            row.put("identicalToFirst", identical);
            double deviation =
                ((double) row.get("logZ") - benchmark.logZ) / (double) row.get("logZErr");
            summaries
                .get(t)
                .add(
                    new double[] {
                      Math.abs(deviation) <= 2 ? 1 : 0,
                      ((Number) row.get("calls")).doubleValue(),
                      (double) row.get("overheadMicrosPerCall"),
                      (double) row.get("seconds"),
                      identical ? 1 : 0,
                      (double) row.getOrDefault("cpuOverheadMicrosPerCall", Double.NaN),
                      flagged(row) ? 1 : 0
                    });
            if (json) {
              out.println(mapper.writeValueAsString(row));
            } else {
              printRow(out, benchmark, seed, row, deviation, seeded.display());
            }
          }
        }
        if (!json) {
          for (int t = 0; t < runners.size(); t++) {
            printSummary(out, benchmark, threadCounts.get(t), summaries.get(0), summaries.get(t));
          }
        }
      }
    } finally {
      for (TaskRunner runner : runners) {
        runner.close();
      }
    }
    return 0;
  }

  private static void printRow(
      PrintStream out,
      Benchmark benchmark,
      long seed,
      Map<String, Object> row,
      double deviation,
      Progress.Display display) {
    out.printf(
        Locale.ROOT,
        "%-8s %3d %4d %3d %10.4f %7.4f %10.4f %6.2f %9d %7d %8.3f %7.2f %9.3f %9.3f %8.2g"
            + " %5.1f/%5.1f%s%s %s%n",
        benchmark.name,
        benchmark.dim,
        seed,
        row.get("threads"),
        row.get("logZ"),
        row.get("logZErr"),
        benchmark.logZ,
        deviation,
        row.get("calls"),
        row.get("iterations"),
        row.get("seconds"),
        row.get("speedup"),
        row.get("overheadMicrosPerCall"),
        row.getOrDefault("cpuOverheadMicrosPerCall", Double.NaN),
        row.get("insertionRankP"),
        row.get("ancestors"),
        row.get("neutralAncestors"),
        (boolean) row.get("bottleneck") ? " BOTTLENECK" : "",
        (boolean) row.get("identicalToFirst") ? "" : " DIFFERS",
        display == null ? "" : display);
  }

  /** One line per problem and thread count; the speed-up is the ratio of the summed wall times. */
  private static void printSummary(
      PrintStream out,
      Benchmark benchmark,
      int threads,
      List<double[]> firstCount,
      List<double[]> summary) {
    double within = summary.stream().mapToDouble(r -> r[0]).sum();
    double calls = summary.stream().mapToDouble(r -> r[1]).average().orElse(0);
    double overhead = summary.stream().mapToDouble(r -> r[2]).average().orElse(0);
    double seconds = summary.stream().mapToDouble(r -> r[3]).sum();
    double firstSeconds = firstCount.stream().mapToDouble(r -> r[3]).sum();
    double identical = summary.stream().mapToDouble(r -> r[4]).sum();
    double cpuOverhead = summary.stream().mapToDouble(r -> r[5]).average().orElse(Double.NaN);
    double flagged = summary.stream().mapToDouble(r -> r[6]).sum();
    out.printf(
        Locale.ROOT,
        "%-8s %d thread(s): within 2σ on %d of %d seeds, mean calls %.0f, mean overhead %.3f"
            + " µs/call (thread CPU %.3f), flagged %d, %.2f s, speed-up %.2f, identical to the"
            + " first count on %d of %d%n",
        benchmark.name,
        threads,
        (int) within,
        summary.size(),
        calls,
        overhead,
        cpuOverhead,
        (int) flagged,
        seconds,
        firstSeconds / seconds,
        (int) identical,
        summary.size());
  }

  /**
   * Whether a self-check fails the run: a genealogy bottleneck or an insertion-rank p below the
   * engine's 0.001.
   */
  private static boolean flagged(Map<String, Object> row) {
    return (boolean) row.get("bottleneck") || (double) row.get("insertionRankP") < 0.001;
  }

  /** A seed and the progress display to run it with (null: the automatic one). */
  private record Seeded(long seed, Progress.Display display) {}

  private List<Progress.Display> displays() {
    return progressDisplays == null ? Arrays.asList((Progress.Display) null) : progressDisplays;
  }

  /** Every seed once per display, the displays of a seed next to each other. */
  private List<Seeded> seeded(long[] seedList) {
    List<Seeded> runs = new ArrayList<>();
    for (long seed : seedList) {
      for (Progress.Display display : displays()) {
        runs.add(new Seeded(seed, display));
      }
    }
    return runs;
  }

  /** One run with a progress display (null: the automatic one). */
  private Map<String, Object> run(
      Benchmark benchmark, long seed, TaskRunner runner, Progress.Display display) {
    PrintStream err = System.err;
    if (display != null) {
      if (display == Progress.Display.TERMINAL) {
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
      }
      Progress.display(display);
    }
    try {
      Map<String, Object> row = run(benchmark, seed, runner);
      row.put("progress", display == null ? "AUTO" : display.toString());
      return row;
    } finally {
      System.setErr(err);
    }
  }

  /** One run; a negative seed is a warm-up whose result is discarded. */
  private Map<String, Object> run(Benchmark benchmark, long seed, TaskRunner runner) {
    int threads = runner.threads();
    NestedSampling.Builder builder = nested.apply(NestedSampling.builder().seed(seed));
    if (updateInterval != null) {
      builder.updateInterval(updateInterval);
    }
    NestedSettings settings = builder.build().settings();
    SearchProblem problem = SearchProblems.of(benchmark.priors(), benchmark.likelihood);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    NestedSampler sampler = new NestedSampler(settings);
    NestedRun result = sampler.run(problem, runner, CheckpointStore.none());
    double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
    cpuStart = cpu.getCurrentThreadCpuTime();
    // With a busy-wait cost the bare calls would take as long as the run: the overhead is then
    // the wall time beyond the cost of the calls shared among the threads.
    double bare =
        costMicros > 0
            ? result.calls() * costMicros * 1e-6 / threads
            : bareSeconds(benchmark, result);
    double bareCpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("problem", benchmark.name);
    row.put("dim", benchmark.dim);
    row.put("seed", seed);
    row.put("nLive", settings.nLive());
    row.put("sample", sampler.firstMethod(benchmark.dim).toString());
    row.put("bound", settings.bound().toString());
    row.put("enlarge", settings.enlarge());
    row.put("threads", threads);
    row.put("batch", settings.batchSize());
    row.put("costMicros", costMicros);
    row.put("logZ", result.logZ());
    row.put("logZErr", result.logZError());
    row.put("logZTrue", benchmark.logZ);
    row.put("calls", result.calls());
    row.put("iterations", result.iterations());
    row.put("ess", result.effectiveSampleSize());
    row.put("insertionRankP", result.insertionRankPValue());
    row.put("ancestors", result.ancestors());
    row.put("neutralAncestors", result.neutralAncestors());
    row.put("lineageVariance", result.lineageVariance());
    row.put("bottleneck", result.bottleneck());
    row.put("seconds", result.wallSeconds());
    row.put("bareLikelihoodSeconds", bare);
    row.put("overheadMicrosPerCall", (result.wallSeconds() - bare) / result.calls() * 1e6);
    if (threads == 1 && costMicros == 0) {
      // With one thread everything runs on this thread, so its CPU time is immune to other
      // processes.
      row.put("cpuOverheadMicrosPerCall", (cpuSeconds - bareCpuSeconds) / result.calls() * 1e6);
      row.put("cpuSeconds", cpuSeconds);
      row.put("bareCpuSeconds", bareCpuSeconds);
    }
    return row;
  }

  /** The time of as many bare likelihood calls as the run made, at the run's own sample points. */
  private static double bareSeconds(Benchmark benchmark, NestedRun result) {
    int size = result.size();
    double[][] points = new double[size][];
    for (int k = 0; k < size; k++) {
      points[k] = result.vector(k);
    }
    long calls = result.calls();
    double sink = 0;
    long start = System.nanoTime();
    for (long c = 0; c < calls; c++) {
      sink += benchmark.likelihood.applyAsDouble(points[(int) (c % size)]);
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    blackhole = sink;
    return seconds;
  }

  /** A problem of known log evidence. */
  static final class Benchmark {
    final String name;
    final int dim;
    final double lower;
    final double upper;
    final double logZ;
    final ToDoubleFunction<double[]> likelihood;

    Benchmark(
        String name,
        int dim,
        double lower,
        double upper,
        double logZ,
        ToDoubleFunction<double[]> likelihood) {
      this.name = name;
      this.dim = dim;
      this.lower = lower;
      this.upper = upper;
      this.logZ = logZ;
      this.likelihood = likelihood;
    }

    Prior[] priors() {
      Prior[] priors = new Prior[dim];
      Arrays.fill(priors, Prior.uniform(lower, upper));
      return priors;
    }

    /**
     * The named problem; with a positive cost each likelihood call busy-waits until it has taken
     * that many microseconds (busy, not sleeping, so that it occupies its core as real work does).
     */
    static Benchmark named(String name, double costMicros) {
      Benchmark exact = named(name);
      if (costMicros <= 0) {
        return exact;
      }
      long nanos = Math.round(costMicros * 1e3);
      ToDoubleFunction<double[]> likelihood = exact.likelihood;
      return new Benchmark(
          exact.name,
          exact.dim,
          exact.lower,
          exact.upper,
          exact.logZ,
          x -> {
            long start = System.nanoTime();
            double value = likelihood.applyAsDouble(x);
            while (System.nanoTime() - start < nanos) {
              Thread.onSpinWait();
            }
            return value;
          });
    }

    private static Benchmark named(String name) {
      if (name.equals("shells")) {
        double c = -0.5 * Math.log(2 * Math.PI * 0.01);
        return new Benchmark(
            name,
            2,
            -6,
            6,
            -1.75,
            x -> {
              double d1 = Math.hypot(x[0] - 3.5, x[1]) - 2;
              double d2 = Math.hypot(x[0] + 3.5, x[1]) - 2;
              double a = c - d1 * d1 / 0.02;
              double b = c - d2 * d2 / 0.02;
              double max = Math.max(a, b);
              return max + Math.log1p(Math.exp(Math.min(a, b) - max));
            });
      }
      if (name.equals("eggbox")) {
        return new Benchmark(
            name,
            2,
            0,
            10 * Math.PI,
            235.88,
            x -> Math.pow(2 + Math.cos(x[0] / 2) * Math.cos(x[1] / 2), 5));
      }
      if (name.startsWith("gauss")) {
        int dim = Integer.parseInt(name.substring("gauss".length()));
        double norm = -0.5 * dim * Math.log(2 * Math.PI);
        return new Benchmark(
            name,
            dim,
            -10,
            10,
            -dim * Math.log(20),
            x -> {
              double sum = 0;
              for (double v : x) {
                sum += v * v;
              }
              return -0.5 * sum + norm;
            });
      }
      throw new IllegalArgumentException(
          "unknown problem '" + name + "'; expected gauss<d>, shells or eggbox");
    }
  }
}

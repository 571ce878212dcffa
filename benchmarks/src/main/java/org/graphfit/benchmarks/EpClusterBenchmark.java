// Long because it is one command read top to bottom: its options, the cluster it starts, the
// timing and memory probes of the executors (Timed, Measured, cachedMb, heapAfterGc), the runs in
// turns and the table; nothing in it is used by another command.
package org.graphfit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.benchmarks.HierarchicalSimulation.Fault;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.FactorExecutor;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.LocalFactorExecutor;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.spark.FactorSource;
import org.graphfit.spark.LocalCluster;
import org.graphfit.spark.SparkFactorExecutor;
import org.graphfit.spark.SparkJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Expectation propagation on a standalone Spark cluster on this machine against the local executor,
 * on the simulated datasets of {@link HierarchicalSimulation} (Laplace path): a master and {@code
 * --workers} workers of {@code --cores} cores each, every one a separate JVM, with the datasets in
 * a file that executors read (this machine's disk standing in for shared storage). Per
 * configuration and repeat, in turns: the local executor with {@code --threads} threads and the
 * Spark executor. Reported: sweeps, the first sweep's seconds (on the cluster: executors build
 * their factors), the median seconds of the later ("warm") sweeps and their ratio to the local
 * executor's in the same repeat (median over repeats), the warm sweeps' median time in their first
 * block (prior and analysis factors), in the hierarchical blocks and applying results (the driver's
 * share of expectation propagation, part of both), and for the cluster the median warm job's wall
 * time, Spark's overhead on it (job wall time minus its busiest executor's task time) and an empty
 * job of as many tasks; then, per executor, the factors it holds, Spark's estimate of their memory
 * and the executor's heap after a garbage collection while it holds them and after the fit.
 */
@Command(
    name = "ep-cluster-benchmark",
    mixinStandardHelpOptions = true,
    description = "EP sweeps on a local standalone Spark cluster against the local executor.")
public final class EpClusterBenchmark implements Callable<Integer> {
  private static final double MB = 1024 * 1024;

  @Option(
      names = "--datasets",
      defaultValue = "10000",
      description = "Number of datasets (default: ${DEFAULT-VALUE}).")
  private int datasets;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Spark workers, one executor each (default: ${DEFAULT-VALUE}).")
  private int workers;

  @Option(
      names = "--cores",
      defaultValue = "1",
      description = "Cores per worker (default: ${DEFAULT-VALUE}).")
  private int cores;

  @Option(
      names = "--executor-memory",
      defaultValue = "1g",
      description = "Memory per executor (default: ${DEFAULT-VALUE}).")
  private String memory;

  @Option(
      names = "--partitions",
      defaultValue = "0",
      description =
          "Partitions of the analysis factors; 0 for the executor's default, twice the cluster's"
              + " cores (default: ${DEFAULT-VALUE}).")
  private int partitions;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads of the local executor (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(
      names = "--repeats",
      defaultValue = "3",
      description = "Fits per executor, in turns (default: ${DEFAULT-VALUE}).")
  private int repeats;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--work",
      description =
          "Folder for the datasets file and the cluster's logs (default: a new temporary folder).")
  private Path work;

  @Option(names = "--json", description = "Print one JSON object per row instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EpClusterBenchmark()).execute(args));
  }

  /**
   * Dataset {@code i} of a simulation, read from a file of {@code PIXELS} doubles per dataset.
   *
   * @param file the datasets file, on storage every executor reads
   */
  record DatasetFile(String file) implements FactorSource {
    @Override
    public AnalysisFactor<?> analysisFactor(int index) throws IOException {
      int pixels = HierarchicalSimulation.PIXELS;
      ByteBuffer bytes = ByteBuffer.allocate(pixels * Double.BYTES);
      try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
        channel.read(bytes, (long) index * bytes.capacity());
      }
      double[] data = new double[pixels];
      bytes.flip().asDoubleBuffer().get(data);
      double[] noise = new double[pixels];
      Arrays.fill(noise, HierarchicalSimulation.NOISE);
      return HierarchicalSimulation.dataset(index, data, noise, true, Fault.NONE);
    }
  }

  /** What one executor holds and uses while a fit runs and after it. */
  record ExecutorMemory(
      String executor, int factors, double cachedMb, double heapMb, double heapAfterMb) {}

  /**
   * Times the blocks an executor runs: per sweep, its first block (prior and analysis factors) and
   * the later ones (hierarchical factors), summed.
   */
  private static class Timed implements FactorExecutor {
    private final FactorExecutor delegate;
    private final Map<Integer, double[]> bySweep = new TreeMap<>();

    Timed(FactorExecutor delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<FactorResult> execute(List<FactorTask> tasks) {
      List<FactorResult> results = new ArrayList<>(tasks.size());
      execute(tasks, results::add);
      return results;
    }

    @Override
    public void execute(List<FactorTask> tasks, Consumer<FactorResult> inOrder) {
      long start = System.nanoTime();
      long[] applying = new long[1];
      delegate.execute(
          tasks,
          result -> {
            long t = System.nanoTime();
            inOrder.accept(result);
            applying[0] += System.nanoTime() - t;
          });
      double seconds = (System.nanoTime() - start) / 1e9;
      int sweep = tasks.get(0).sweep();
      boolean first = !bySweep.containsKey(sweep);
      double[] blocks = bySweep.computeIfAbsent(sweep, s -> new double[3]);
      blocks[first ? 0 : 1] += seconds;
      blocks[2] += applying[0] / 1e9;
    }

    /**
     * The medians over the sweeps after the first of the first block's time, the later blocks' and
     * the time expectation propagation took to apply the results as they were handed over.
     */
    double[] warmBlocks() {
      List<double[]> warm = new ArrayList<>(bySweep.values()).subList(1, bySweep.size());
      return new double[] {
        median(warm.stream().map(blocks -> blocks[0]).toList()),
        median(warm.stream().map(blocks -> blocks[1]).toList()),
        median(warm.stream().map(blocks -> blocks[2]).toList())
      };
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** Also records the memory of each executor when the fit ends, before its factors are dropped. */
  private static final class Measured extends Timed {
    private final SparkFactorExecutor spark;
    private final JavaSparkContext context;
    private Map<String, Double> cachedMb = Map.of();
    private Map<String, Probe> heap = Map.of();

    Measured(SparkFactorExecutor spark, JavaSparkContext context) {
      super(spark);
      this.spark = spark;
      this.context = context;
    }

    @Override
    public void close() {
      cachedMb = cachedMb(context);
      heap = heapAfterGc(context);
      super.close();
    }
  }

  /** Spark's estimate of the cached blocks on each executor, by host and port. */
  private static Map<String, Double> cachedMb(JavaSparkContext spark) {
    Map<String, Double> cached = new TreeMap<>();
    for (SparkExecutorInfo info : spark.sc().statusTracker().getExecutorInfos()) {
      cached.put(info.host() + ":" + info.port(), info.cacheSize() / MB);
    }
    return cached;
  }

  /**
   * Each executor's used heap after a full garbage collection, by executor id, with its block
   * manager's {@code host:port}: a job of many short tasks, so that every executor runs some.
   */
  private static Map<String, Probe> heapAfterGc(JavaSparkContext spark) {
    int tasks = 8 * spark.defaultParallelism();
    List<String> reports =
        spark
            .parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
            .map(
                i -> {
                  System.gc();
                  Thread.sleep(100);
                  Runtime runtime = Runtime.getRuntime();
                  long used = runtime.totalMemory() - runtime.freeMemory();
                  SparkEnv env = SparkEnv.get();
                  return env.executorId()
                      + " "
                      + env.blockManager().blockManagerId().hostPort()
                      + " "
                      + used;
                })
            .collect();
    Map<String, Probe> probes = new TreeMap<>();
    for (String report : reports) {
      String[] parts = report.split(" ");
      Probe probe = new Probe(parts[1], Long.parseLong(parts[2]) / MB);
      probes.merge(parts[0], probe, (a, b) -> a.heapMb() <= b.heapMb() ? a : b);
    }
    return probes;
  }

  /** An executor's block manager address and used heap. */
  record Probe(String hostPort, double heapMb) {}

  @Override
  public Integer call() throws Exception {
    Path folder = work != null ? work : Files.createTempDirectory("ep-cluster-benchmark");
    Files.createDirectories(folder);
    HierarchicalSimulation simulation = HierarchicalSimulation.of(seed, datasets, true);
    Path file = folder.resolve("datasets.bin");
    write(simulation, file);
    DatasetFile source = new DatasetFile(file.toString());
    ExpectationPropagation ep =
        ExpectationPropagation.builder().seed(seed).threads(threads).build();
    PrintStream out = System.out;
    try (LocalCluster cluster =
            LocalCluster.start(folder.resolve("cluster"), workers, cores, memory);
        JavaSparkContext spark =
            new JavaSparkContext(cluster.conf("ep-cluster-benchmark", memory))) {
      cluster.awaitExecutors(spark);
      // warm-up: class loading and JIT compilation on the driver and the executors
      ExpectationPropagation warmUp =
          ExpectationPropagation.builder().seed(seed).maxSweeps(2).build();
      warmUp.fit(simulation.graph);
      warmUp.fit(simulation.graph, factors -> SparkFactorExecutor.of(spark, source, factors));
      List<double[]> localRuns = new ArrayList<>();
      List<double[]> clusterRuns = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<SparkJob> lastJobs = List.of();
      Measured lastMeasured = null;
      EpResult local = null;
      EpResult distributed = null;
      for (int r = 0; r < repeats; r++) {
        Timed[] timed = new Timed[1];
        local =
            ep.fit(
                simulation.graph,
                factors -> timed[0] = new Timed(LocalFactorExecutor.of(factors, threads)));
        Measured[] measured = new Measured[1];
        distributed =
            ep.fit(
                simulation.graph,
                factors -> {
                  SparkFactorExecutor executor =
                      partitions > 0
                          ? SparkFactorExecutor.builder(spark, source)
                              .partitions(partitions)
                              .build(factors)
                          : SparkFactorExecutor.of(spark, source, factors);
                  measured[0] = new Measured(executor, spark);
                  return measured[0];
                });
        if (!local.summaries().equals(distributed.summaries())) {
          throw new IllegalStateException("the cluster's fit differs from the local fit");
        }
        double[] localSweeps = sweeps(local, timed[0]);
        double[] clusterSweeps = sweeps(distributed, measured[0]);
        localRuns.add(localSweeps);
        clusterRuns.add(clusterSweeps);
        ratios.add(clusterSweeps[1] / localSweeps[1]);
        lastJobs = measured[0].spark.jobs();
        lastMeasured = measured[0];
      }
      Map<String, Probe> heapAfter = heapAfterGc(spark);
      ObjectMapper mapper = new ObjectMapper();
      Map<String, Object> localRow = row("local", threads + " threads", local, localRuns, 1);
      Map<String, Object> clusterRow =
          row(
              "cluster",
              workers + " x " + cores + " cores",
              distributed,
              clusterRuns,
              median(ratios));
      List<SparkJob> warmJobs = lastJobs.subList(1, lastJobs.size());
      clusterRow.put("partitions", lastJobs.get(0).partitions());
      clusterRow.put("jobSeconds", median(warmJobs.stream().map(SparkJob::seconds).toList()));
      clusterRow.put(
          "jobOverheadSeconds",
          median(
              warmJobs.stream().map(job -> job.seconds() - job.busiestExecutorSeconds()).toList()));
      clusterRow.put("emptyJobSeconds", emptyJobSeconds(spark, lastJobs.get(0).partitions()));
      clusterRow.put("firstJobSeconds", lastJobs.get(0).seconds());
      clusterRow.put("firstJobBusiestExecutorSeconds", lastJobs.get(0).busiestExecutorSeconds());
      clusterRow.put("buildSeconds", lastJobs.get(0).buildSeconds());
      clusterRow.put("rebuiltShards", warmJobs.stream().mapToInt(SparkJob::shardsBuilt).sum());
      clusterRow.put("ratios", ratios);
      List<ExecutorMemory> memories = memories(lastJobs.get(0), lastMeasured, heapAfter);
      if (json) {
        out.println(mapper.writeValueAsString(localRow));
        clusterRow.put("executors", memories);
        out.println(mapper.writeValueAsString(clusterRow));
      } else {
        print(out, localRow, clusterRow, memories);
      }
    }
    return 0;
  }

  private static void write(HierarchicalSimulation simulation, Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(HierarchicalSimulation.PIXELS * Double.BYTES);
    try (RandomAccessFile output = new RandomAccessFile(file.toFile(), "rw");
        FileChannel channel = output.getChannel()) {
      channel.truncate(0);
      for (double[] data : simulation.data) {
        bytes.clear();
        bytes.asDoubleBuffer().put(data);
        channel.write(bytes);
      }
    }
  }

  /**
   * A fit's seconds: the first sweep's, the median of the later sweeps', and the medians over the
   * later sweeps of the first block's (prior and analysis factors) and the hierarchical blocks'.
   */
  private static double[] sweeps(EpResult result, Timed timed) {
    List<EpSweep> sweeps = result.sweeps();
    double[] later = sweeps.stream().skip(1).mapToDouble(EpSweep::seconds).toArray();
    double[] blocks = timed.warmBlocks();
    return new double[] {
      sweeps.get(0).seconds(), new Median().evaluate(later), blocks[0], blocks[1], blocks[2]
    };
  }

  private static double median(List<Double> values) {
    return new Median().evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private Map<String, Object> row(
      String executor, String setup, EpResult result, List<double[]> runs, double ratio) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("executor", executor);
    row.put("setup", setup);
    row.put("datasets", datasets);
    row.put("repeats", repeats);
    row.put("sweeps", result.sweepCount());
    row.put("converged", result.converged());
    row.put("firstSweepSeconds", median(runs.stream().map(run -> run[0]).toList()));
    row.put("warmSweepSeconds", median(runs.stream().map(run -> run[1]).toList()));
    row.put("firstBlockSeconds", median(runs.stream().map(run -> run[2]).toList()));
    row.put("hierarchyBlocksSeconds", median(runs.stream().map(run -> run[3]).toList()));
    row.put("applyingSeconds", median(runs.stream().map(run -> run[4]).toList()));
    row.put("ratio", ratio);
    return row;
  }

  /** The median wall time of an empty Spark job of as many tasks as a sweep's job. */
  private static double emptyJobSeconds(JavaSparkContext spark, int tasks) {
    List<Double> seconds = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      long start = System.nanoTime();
      spark.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks).count();
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    return median(seconds);
  }

  private List<ExecutorMemory> memories(
      SparkJob firstJob, Measured measured, Map<String, Probe> after) {
    Map<String, Integer> partitionsOf = new TreeMap<>();
    for (String executor : firstJob.executors()) {
      if (!executor.isEmpty()) {
        partitionsOf.merge(executor, 1, Integer::sum);
      }
    }
    List<ExecutorMemory> memories = new ArrayList<>();
    for (Map.Entry<String, Integer> entry : partitionsOf.entrySet()) {
      Probe during = measured.heap.get(entry.getKey());
      Probe later = after.get(entry.getKey());
      memories.add(
          new ExecutorMemory(
              entry.getKey(),
              datasets * entry.getValue() / firstJob.partitions(),
              during == null
                  ? Double.NaN
                  : measured.cachedMb.getOrDefault(during.hostPort(), Double.NaN),
              during == null ? Double.NaN : during.heapMb(),
              later == null ? Double.NaN : later.heapMb()));
    }
    return memories;
  }

  private static void print(
      PrintStream out,
      Map<String, Object> local,
      Map<String, Object> cluster,
      List<ExecutorMemory> memories) {
    out.printf(
        Locale.ROOT,
        "%-8s %-15s %8s %6s %9s %12s %6s %9s %9s %9s %10s %12s %13s %10s%n",
        "executor",
        "setup",
        "datasets",
        "sweeps",
        "first s",
        "warm s/sweep",
        "ratio",
        "block 0 s",
        "parents s",
        "applying s",
        "job ms",
        "overhead ms",
        "empty job ms",
        "partitions");
    for (Map<String, Object> row : List.of(local, cluster)) {
      boolean spark = row.containsKey("jobSeconds");
      out.printf(
          Locale.ROOT,
          "%-8s %-15s %8d %6d %9.3f %12.4f %6.2f %9.4f %9.4f %9.4f %10s %12s %13s %10s%n",
          row.get("executor"),
          row.get("setup"),
          row.get("datasets"),
          row.get("sweeps"),
          row.get("firstSweepSeconds"),
          row.get("warmSweepSeconds"),
          row.get("ratio"),
          row.get("firstBlockSeconds"),
          row.get("hierarchyBlocksSeconds"),
          row.get("applyingSeconds"),
          spark ? String.format(Locale.ROOT, "%.1f", 1e3 * (double) row.get("jobSeconds")) : "-",
          spark
              ? String.format(Locale.ROOT, "%.1f", 1e3 * (double) row.get("jobOverheadSeconds"))
              : "-",
          spark
              ? String.format(Locale.ROOT, "%.1f", 1e3 * (double) row.get("emptyJobSeconds"))
              : "-",
          spark ? row.get("partitions") : "-");
    }
    out.printf(
        Locale.ROOT,
        "cluster ratios per repeat %s%nfirst sweep's job %.2f s, its busiest executor %.2f s,"
            + " building factors %.2f s (all executors); partitions rebuilt in later sweeps: %s%n",
        cluster.get("ratios"),
        cluster.get("firstJobSeconds"),
        cluster.get("firstJobBusiestExecutorSeconds"),
        cluster.get("buildSeconds"),
        cluster.get("rebuiltShards"));
    for (ExecutorMemory memory : memories) {
      out.printf(
          Locale.ROOT,
          "executor %s: %d factors, %.1f MB cached (Spark's estimate), heap after GC %.1f MB"
              + " during the fit, %.1f MB after it%n",
          memory.executor(),
          memory.factors(),
          memory.cachedMb(),
          memory.heapMb(),
          memory.heapAfterMb());
    }
  }
}

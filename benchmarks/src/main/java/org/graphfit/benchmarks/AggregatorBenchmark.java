package org.graphfit.benchmarks;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.FitDatabase;
import org.graphfit.aggregator.Table;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The aggregator at scale: writes {@code --fits} completed fit folders (the seed example's Gaussian
 * model, each result written through {@link OutputFolder} with its manifest, digests and summaries,
 * samples drawn around a per-fit centre), then for each database (SQLite, DuckDB) measures the
 * first index, a re-index with nothing changed, a re-index after refitting 1% of the fits, a query
 * of one parameter across every fit, and a CSV export of that query; and, without a database, a CSV
 * export read straight from the folders. Prints a table, or with {@code --json} one JSON object per
 * measurement.
 */
@Command(
    name = "aggregator-benchmark",
    mixinStandardHelpOptions = true,
    description = "Indexing, re-indexing, querying and exporting thousands of fit folders.")
public final class AggregatorBenchmark implements Callable<Integer> {
  private static final ModelLayout<Gaussian> LAYOUT = GaussianModel.withDefaults().layout();
  private static final String QUERY =
      "SELECT f.name, p.median, p.error_1_sigma FROM fits f JOIN parameters p ON p.fit_id ="
          + " f.fit_id WHERE p.path = 'centre' AND f.status = 'COMPLETE' ORDER BY f.name";

  @Option(
      names = "--fits",
      defaultValue = "10000",
      description = "Fit folders to write (default: ${DEFAULT-VALUE}).")
  private int fits;

  @Option(
      names = "--samples",
      defaultValue = "50",
      description = "Samples per fit (default: ${DEFAULT-VALUE}).")
  private int samples;

  @Option(
      names = "--databases",
      split = ",",
      defaultValue = "sqlite,duckdb",
      description = "sqlite, duckdb (default: ${DEFAULT-VALUE}).")
  private List<String> databases;

  @Option(
      names = "--dir",
      description =
          "Where to write the folders (default: a temporary folder in /dev/shm if it exists, so"
              + " that the library's fsync of every file costs nothing; deleted after).")
  private Path dir;

  @Option(names = "--json", description = "Print one JSON object per measurement.")
  private boolean json;

  private final List<Map<String, Object>> rows = new ArrayList<>();
  private long cpuStart;
  private double cpuSeconds = Double.NaN;

  /**
   * Runs the benchmark.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AggregatorBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path shm = Path.of("/dev/shm");
    Path base =
        dir != null
            ? dir
            : Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "graphfit-aggregator-")
                : Files.createTempDirectory("graphfit-aggregator-");
    try {
      Path root = base.resolve("output");
      long start = start();
      for (int i = 0; i < fits; i++) {
        write(root, i, 40 + (i % 20), i);
      }
      record("write " + fits + " fits", "library", seconds(start), fits);
      long bytes;
      try (var files = Files.walk(root)) {
        bytes = files.filter(Files::isRegularFile).mapToLong(AggregatorBenchmark::size).sum();
      }
      record("bytes on disk", "library", Double.NaN, bytes);

      int round = 0;
      start = start();
      int listed = Aggregator.of(root).all().size();
      record("find the fit folders (directory listings)", "none", seconds(start), listed);

      start = start();
      int checked = Aggregator.of(root).completed().size();
      record("read and check every folder (no database)", "none", seconds(start), checked);

      for (String database : databases) {
        round++;
        measure(database, base, root, round);
      }

      start = start();
      StringBuilder csv = new StringBuilder();
      Table.perFit("name", "log_evidence", "centre", "centre:error_1_sigma")
          .writeCsv(Aggregator.of(root).completed(), csv);
      record("CSV export from the folders", "none", seconds(start), csv.length());
      print(System.out);
    } finally {
      if (dir == null) {
        Folders.deleteRecursively(base);
      }
    }
    return 0;
  }

  private void measure(String database, Path base, Path root, int round) throws IOException {
    Path file = base.resolve("fits." + database);
    try (FitDatabase db = open(database, file)) {
      long start = start();
      FitDatabase.UpdateReport first = db.update(Aggregator.of(root));
      record("first index", database, seconds(start), first.added());

      // nothing changed: with the directories' states (only changed directories are listed), and
      // with an aggregator that listed every directory before the update (which also forgets the
      // states, so an unmeasured update lists every directory again and stores them); twice each,
      // alternating, the second of each recorded as well (a warm JIT)
      for (int pass = 1; pass <= 2; pass++) {
        String suffix = pass == 1 ? "" : " (again)";
        start = start();
        FitDatabase.UpdateReport same = db.update(Aggregator.of(root));
        record(
            "re-index, nothing changed, " + same.listed() + " directories listed" + suffix,
            database,
            seconds(start),
            same.unchanged());
        Aggregator listed = Aggregator.of(root);
        start = start();
        listed.all();
        FitDatabase.UpdateReport every = db.update(listed);
        record(
            "re-index, nothing changed, every directory listed" + suffix,
            database,
            seconds(start),
            every.unchanged());
        db.update(Aggregator.of(root));
      }

      int changed = Math.max(1, fits / 100);
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < changed; k++) {
          int i = k * (fits / changed) + pass;
          Path folder = folder(root, i).path();
          Folders.deleteRecursively(folder);
          write(root, i, 60 + round + k % 7, i);
        }
        Aggregator aggregator = Aggregator.of(root);
        start = start();
        if (pass == 1) {
          aggregator.all();
        }
        FitDatabase.UpdateReport update = db.update(aggregator);
        record(
            "re-index, 1% refitted, "
                + (pass == 0 ? update.listed() + " directories listed" : "every directory listed"),
            database,
            seconds(start),
            update.changed());
      }

      double[] times = new double[5];
      double[] cpu = new double[5];
      int count = 0;
      for (int r = 0; r < times.length; r++) {
        start = start();
        count = db.query(QUERY).rows().size();
        times[r] = seconds(start);
        cpu[r] = cpuSeconds;
        if (r == 0) {
          record("query: centre of every fit (first run)", database, times[0], count);
        }
      }
      Arrays.sort(times);
      Arrays.sort(cpu);
      cpuSeconds = cpu[2];
      record("query: centre of every fit (median of 5)", database, times[2], count);

      start = start();
      FitDatabase.Rows result = db.query(QUERY);
      StringBuilder csv = new StringBuilder();
      CSVPrinter printer = CSVFormat.RFC4180.print(csv);
      printer.printRecord(result.columns());
      for (List<Object> row : result.rows()) {
        printer.printRecord(row);
      }
      printer.flush();
      record("CSV export of the query", database, seconds(start), result.rows().size());
    }
    record("database file", database, Double.NaN, size(file));
  }

  private static FitDatabase open(String database, Path file) {
    return switch (database) {
      case "sqlite" -> FitDatabase.open(file);
      case "duckdb" -> FitDatabase.open("jdbc:duckdb:" + file.toAbsolutePath(), file.toString());
      default ->
          throw new IllegalArgumentException(
              "unknown database " + database + "; use sqlite or duckdb");
    };
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private OutputFolder folder(Path root, int i) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("samples", samples);
    settings.put("seed", i);
    return OutputFolder.of(
        root,
        String.format(Locale.ROOT, "survey/dataset_%05d", i),
        "",
        LAYOUT.description(),
        Map.of("analysis", "simulated sha256:" + i),
        "Simulated",
        settings);
  }

  private void write(Path root, int i, double centre, long seed) {
    OutputFolder folder = folder(root, i);
    try (FitLock lock = folder.lock(Duration.ZERO)) {
      folder.writeStart(LAYOUT.info());
      folder.writeResult(result(centre, seed));
    }
  }

  private Result<Gaussian> result(double centre, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] vectors = new double[samples][];
    double[] logLikelihoods = new double[samples];
    double[] logPriors = new double[samples];
    double[] weights = new double[samples];
    for (int s = 0; s < samples; s++) {
      double z = gaussian(random);
      vectors[s] = new double[] {centre + 2 * z, 1 + 0.1 * gaussian(random), 5 + gaussian(random)};
      logLikelihoods[s] = -0.5 * z * z;
      logPriors[s] = -1;
      weights[s] = 1;
    }
    return Result.builder(
            "Simulated",
            LAYOUT,
            Samples.of(
                List.of("centre", "normalization", "sigma"),
                vectors,
                logLikelihoods,
                logPriors,
                weights))
        .logEvidence(-50 - 0.1 * centre, 0.1)
        .diagnostic("converged", 1)
        .cost(10_000 + seed, 0, null, 0.5)
        .build();
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log1p(-random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private double seconds(long start) {
    cpuSeconds = (cpuNanos() - cpuStart) * 1e-9;
    return (System.nanoTime() - start) * 1e-9;
  }

  /** Starts a measurement: the wall clock and the process's CPU time. */
  private long start() {
    cpuStart = cpuNanos();
    return System.nanoTime();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void record(String step, String database, double seconds, long count) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("step", step);
    row.put("database", database);
    row.put("seconds", Double.isNaN(seconds) ? null : seconds);
    row.put("cpu_seconds", Double.isNaN(seconds) ? null : cpuSeconds);
    row.put("count", count);
    row.put("fits", fits);
    rows.add(row);
  }

  private void print(PrintStream out) throws IOException {
    if (json) {
      JsonMapper mapper = new JsonMapper();
      for (Map<String, Object> row : rows) {
        out.println(mapper.writeValueAsString(row));
      }
      return;
    }
    out.printf(
        Locale.ROOT,
        "%d fits, %d samples each, %d processors%n",
        fits,
        samples,
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "%-42s %-8s %10s %12s %12s%n",
        "step",
        "database",
        "seconds",
        "cpu seconds",
        "count");
    for (Map<String, Object> row : rows) {
      Object seconds = row.get("seconds");
      Object cpu = row.get("cpu_seconds");
      out.printf(
          Locale.ROOT,
          "%-42s %-8s %10s %12s %12d%n",
          row.get("step"),
          row.get("database"),
          seconds == null ? "" : String.format(Locale.ROOT, "%.3f", (Double) seconds),
          cpu == null ? "" : String.format(Locale.ROOT, "%.3f", (Double) cpu),
          (Long) row.get("count"));
    }
  }
}

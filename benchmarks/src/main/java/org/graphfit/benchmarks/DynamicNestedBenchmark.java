package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.nested.DynamicNestedSampler;
import org.graphfit.search.nested.DynamicRun;
import org.graphfit.search.nested.NestedRun;
import org.graphfit.search.nested.NestedSampler;
import org.graphfit.search.nested.NestedSampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Dynamic against static nested sampling on problems of known log evidence ({@code
 * NestedSamplingBenchmark}'s): per problem and seed a static run of {@code --nlive} live points,
 * the dynamic run that adds batches to it until {@code --target-ess}, and a static run with as many
 * live points as make its calls match the dynamic run's. Each row gives log Z against the truth in
 * reported sigma, Kish's effective sample size, the likelihood calls and the effective samples per
 * thousand calls; for the Gaussians also the worst error of a posterior mean (truth 0) and sd
 * (truth 1) over the dimensions, in units of the error {@code 1 / sqrt(ESS)}.
 */
@Command(
    name = "dynamic-nested-benchmark",
    mixinStandardHelpOptions = true,
    description = "Dynamic against static nested sampling at the same likelihood calls.")
public final class DynamicNestedBenchmark implements Callable<Integer> {
  @Option(
      names = "--problems",
      split = ",",
      defaultValue = "gauss2,gauss10,shells,eggbox",
      description = "gauss<d>, shells, eggbox (default: ${DEFAULT-VALUE}).")
  private List<String> problems;

  @Option(
      names = "--seeds",
      defaultValue = "0-4",
      description = "Seeds, e.g. 0-4 (default: ${DEFAULT-VALUE}).")
  private String seeds;

  @Option(
      names = "--nlive",
      defaultValue = "500",
      description = "Live points of the static run and of each batch (default: ${DEFAULT-VALUE}).")
  private int nLive;

  @Option(
      names = "--target-ess",
      defaultValue = "10000",
      description = "Target effective sample size of the dynamic run (default: ${DEFAULT-VALUE}).")
  private double targetEss;

  @Option(
      names = "--posterior-fraction",
      defaultValue = "0.8",
      description = "Share of the weight function on the posterior (default: ${DEFAULT-VALUE}).")
  private double posteriorFraction;

  @Option(names = "--json", description = "Print one JSON object per run instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DynamicNestedBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    BenchmarkTable table =
        new BenchmarkTable(
            json,
            "%-8s %3s %4s %-8s %6s %10s %7s %6s %8s %9s %8s %7s %7s %7s%n",
            "problem",
            "dim",
            "seed",
            "run",
            "nLive",
            "logZ",
            "err",
            "dev/σ",
            "ess",
            "calls",
            "ess/1k",
            "batches",
            "meanσ",
            "sdσ");
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      for (String name : problems) {
        NestedSamplingBenchmark.Benchmark benchmark =
            NestedSamplingBenchmark.Benchmark.named(name.trim(), 0);
        SearchProblem problem = SearchProblems.of(benchmark.priors(), benchmark.likelihood);
        for (long seed : Seeds.parse(seeds)) {
          NestedSampling.Builder settings = NestedSampling.builder().nLive(nLive).seed(seed);
          NestedRun plain =
              new NestedSampler(settings.build().settings())
                  .run(problem, runner, CheckpointStore.none());
          DynamicRun dynamic =
              new DynamicNestedSampler(
                      settings
                          .targetEffectiveSamples(targetEss)
                          .posteriorFraction(posteriorFraction)
                          .build()
                          .settings())
                  .run(problem, runner, CheckpointStore.none());
          int matched = (int) Math.ceil((double) nLive * dynamic.merged().calls() / plain.calls());
          NestedRun same =
              new NestedSampler(
                      NestedSampling.builder().nLive(matched).seed(seed).build().settings())
                  .run(problem, runner, CheckpointStore.none());
          print(table, benchmark, seed, "static", nLive, plain, 0);
          print(table, benchmark, seed, "dynamic", nLive, dynamic.merged(), dynamic.batches());
          print(table, benchmark, seed, "matched", matched, same, 0);
        }
      }
    }
    return 0;
  }

  private static void print(
      BenchmarkTable table,
      NestedSamplingBenchmark.Benchmark benchmark,
      long seed,
      String kind,
      int liveCount,
      NestedRun run,
      int batches)
      throws JsonProcessingException {
    double ess = run.effectiveSampleSize();
    double meanSigmas = Double.NaN;
    double sdSigmas = Double.NaN;
    if (benchmark.name.startsWith("gauss")) {
      meanSigmas = 0;
      sdSigmas = 0;
      for (int i = 0; i < benchmark.dim; i++) {
        meanSigmas = Math.max(meanSigmas, Math.abs(run.mean(i)) * Math.sqrt(ess));
        sdSigmas = Math.max(sdSigmas, Math.abs(run.standardDeviation(i) - 1) * Math.sqrt(2 * ess));
      }
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("problem", benchmark.name);
    row.put("dim", benchmark.dim);
    row.put("seed", seed);
    row.put("run", kind);
    row.put("nLive", liveCount);
    row.put("logZ", run.logZ());
    row.put("logZErr", run.logZError());
    row.put("logZTrue", benchmark.logZ);
    row.put("ess", ess);
    row.put("calls", run.calls());
    row.put("essPerThousandCalls", 1000 * ess / run.calls());
    row.put("batches", batches);
    row.put("worstMeanSigmas", meanSigmas);
    row.put("worstSdSigmas", sdSigmas);
    table.print(
        row,
        "%-8s %3d %4d %-8s %6d %10.4f %7.4f %6.2f %8.0f %9d %8.2f %7d %7.2f %7.2f%n",
        benchmark.name,
        benchmark.dim,
        seed,
        kind,
        liveCount,
        run.logZ(),
        run.logZError(),
        (run.logZ() - benchmark.logZ) / run.logZError(),
        ess,
        run.calls(),
        1000 * ess / run.calls(),
        batches,
        meanSigmas,
        sdSigmas);
  }
}

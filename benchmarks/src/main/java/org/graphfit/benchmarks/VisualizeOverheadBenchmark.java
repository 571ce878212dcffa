package org.graphfit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.prior.Prior;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cost of calling an analysis's {@code visualize(DURING)} hook while a search runs: the same
 * nested sampling fit (same seed, so the same likelihood calls) with an output folder, without a
 * visualize interval and with one, alternating, several rounds in one run; the time is the search's
 * own ({@code Result.seconds()}), without the writing of the folder. The hook itself does nothing,
 * so the difference is the best-point tracking on every likelihood call (a volatile read, a vector
 * copy when the point improves) and the hook thread's ticks. The likelihood is cheap (a 2-d
 * Gaussian), so the per-call overhead is as large a share of a call as it gets.
 */
@Command(
    name = "visualize-overhead-benchmark",
    mixinStandardHelpOptions = true,
    description = "Per-call cost of the visualize(DURING) hook's best-point tracking.")
public final class VisualizeOverheadBenchmark implements Callable<Integer> {
  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "Fits of each kind, alternating (default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Option(
      names = "--nlive",
      defaultValue = "3000",
      description = "Live points (default: ${DEFAULT-VALUE}).")
  private int nLive;

  @Option(
      names = "--interval-ms",
      defaultValue = "50",
      description = "The visualize interval in milliseconds (default: ${DEFAULT-VALUE}).")
  private long intervalMillis;

  @Option(names = "--json", description = "Print one JSON object per kind.")
  private boolean json;

  /**
   * Runs the benchmark.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new VisualizeOverheadBenchmark()).execute(args));
  }

  /** A peak at (40, 3) with a hook that only counts its calls. */
  private static final class Peaked implements Analysis<Gaussian> {
    private final AtomicInteger during = new AtomicInteger();

    @Override
    public double logLikelihood(Gaussian g) {
      double a = (g.centre() - 40) / 2;
      double b = (g.sigma() - 3) / 0.5;
      return -0.5 * (a * a + b * b);
    }

    @Override
    public void visualize(FitPaths paths, Gaussian instance, FitStage stage) {
      if (stage == FitStage.DURING) {
        during.incrementAndGet();
      }
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("peak", "40,3").build());
    }
  }

  private static GaussianModel model() {
    return GaussianModel.unset()
        .centre(Prior.uniform(0, 100))
        .normalization(1.0)
        .sigma(Prior.uniform(0.5, 10));
  }

  private record Run(long calls, double seconds, int hookCalls) {}

  private Run fit(Path root, String name, boolean hook) {
    NestedSampling search =
        NestedSampling.builder()
            .nLive(nLive)
            .seed(7)
            .output(root, name)
            .threads(1)
            .report(false)
            .visualizeInterval(hook ? Duration.ofMillis(intervalMillis) : Duration.ZERO)
            .build();
    Peaked analysis = new Peaked();
    Result<Gaussian> result = search.fit(model(), analysis);
    // the search's own time: writing the folder is the same with and without the hook
    return new Run(result.likelihoodCalls(), result.seconds(), analysis.during.get());
  }

  @Override
  public Integer call() throws Exception {
    Path root = Files.createTempDirectory("graphfit-visualize-");
    try {
      Map<Boolean, List<Run>> runs = new LinkedHashMap<>();
      runs.put(false, new ArrayList<>());
      runs.put(true, new ArrayList<>());
      // one warm-up fit of each kind, then alternating rounds, each in a folder of its own
      fit(root, "warm/plain", false);
      fit(root, "warm/hook", true);
      for (int r = 0; r < rounds; r++) {
        runs.get(false).add(fit(root, "plain/" + r, false));
        runs.get(true).add(fit(root, "hook/" + r, true));
      }
      long calls = runs.get(false).get(0).calls();
      for (List<Run> kind : runs.values()) {
        for (Run run : kind) {
          if (run.calls() != calls) {
            throw new IllegalStateException(
                "the fits made " + run.calls() + " and " + calls + " calls: not the same fit");
          }
        }
      }
      double plain = median(runs.get(false));
      double hooked = median(runs.get(true));
      double perCall = (hooked - plain) / calls * 1e9;
      int hookCalls = runs.get(true).get(runs.get(true).size() - 1).hookCalls();
      if (json) {
        System.out.printf(
            Locale.ROOT,
            "{\"calls\": %d, \"seconds_without\": %.4f, \"seconds_with\": %.4f,"
                + " \"overhead_ns_per_call\": %.1f, \"hook_calls\": %d}%n",
            calls,
            plain,
            hooked,
            perCall,
            hookCalls);
      } else {
        System.out.printf(
            Locale.ROOT,
            "nested sampling, %d live points, 1 thread, %d likelihood calls per fit, median of"
                + " %d%n",
            nLive,
            calls,
            rounds);
        System.out.printf(Locale.ROOT, "%-36s %10s %14s%n", "fit", "seconds", "ns per call");
        System.out.printf(
            Locale.ROOT,
            "%-36s %10.3f %14.1f%n",
            "without a visualize interval",
            plain,
            plain / calls * 1e9);
        System.out.printf(
            Locale.ROOT,
            "%-36s %10.3f %14.1f%n",
            "visualize every " + intervalMillis + " ms (" + hookCalls + " calls)",
            hooked,
            hooked / calls * 1e9);
        System.out.printf(
            Locale.ROOT, "%-36s %10s %14.1f%n", "overhead of the tracking", "", perCall);
      }
    } finally {
      Folders.deleteRecursively(root);
    }
    return 0;
  }

  private static double median(List<Run> runs) {
    double[] seconds = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
    return seconds[seconds.length / 2];
  }
}

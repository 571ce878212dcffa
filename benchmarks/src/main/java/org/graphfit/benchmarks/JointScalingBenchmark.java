package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.benchmarks.SharedCentreReference.Answer;
import org.graphfit.benchmarks.SharedCentreReference.Resolution;
import org.graphfit.benchmarks.SharedCentreReference.Tables;
import org.graphfit.examples.ExampleData;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.CollectionInstance;
import org.graphfit.search.Concern;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.nested.NestedSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Joint nested-sampling fits of {@code N} low-SNR datasets of PyAutoFit's workspace sharing one
 * centre (the seed example's model: centre {@code N(50, 30)} shared, per dataset normalization
 * log-uniform on {@code [1e-6, 1e6]} and sigma uniform on {@code [0, 25]}; {@code 2N + 1}
 * dimensions) against the exact answer by quadrature ({@link SharedCentreReference}). One row per
 * {@code (N, seed)}: log Z and its reported error against the exact value, the centre's posterior
 * mean and sd against the exact ones, likelihood calls, seconds and whether the run judged itself
 * trustworthy. With {@code --exact-only} it prints the exact answers at two quadrature resolutions
 * instead.
 */
@Command(
    name = "joint-scaling-benchmark",
    mixinStandardHelpOptions = true,
    description = "Joint fits of N low-SNR datasets sharing a centre against exact quadrature.")
public final class JointScalingBenchmark implements Callable<Integer> {
  private static final String FOLDER = "gaussian_x1__low_snr";

  @Option(
      names = "--datasets",
      split = ",",
      defaultValue = "3,10,20,30,50",
      description = "Numbers of datasets sharing the centre (default: ${DEFAULT-VALUE}).")
  private List<Integer> datasets;

  @Option(
      names = "--seeds",
      defaultValue = "1-5",
      description = "Seeds, e.g. 1-5 or 3,5 (default: ${DEFAULT-VALUE}).")
  private String seeds;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Threads (default: ${DEFAULT-VALUE}).")
  private int threads;

  /** The sampler: 500 live points, MULTI bounds enlarged 1.25, dlogz 0.1, batches of 1. */
  @Mixin
  private NestedOptions nested =
      new NestedOptions().bounds(NestedSettings.Bound.MULTI, 1.25, 0.1).batch(1);

  @Option(
      names = "--folds",
      description = "Cross-validation folds sizing uniform bounds (default: the sampler's).")
  private Integer folds;

  @Option(
      names = "--max-calls",
      description = "Likelihood call limit per fit (default: the sampler's, unlimited).")
  private Long maxCalls;

  @Option(
      names = "--target-ess",
      description =
          "Dynamic nested sampling: add batches until this effective sample size (default:"
              + " static).")
  private Double targetEss;

  @Option(names = "--batch-live", description = "Live points per dynamic batch (default: --nlive).")
  private Integer batchLive;

  @Option(names = "--max-batches", description = "Most dynamic batches (default: the sampler's).")
  private Integer maxBatches;

  @Option(
      names = "--posterior-fraction",
      description = "Share of the dynamic weight function on the posterior (default: 0.8).")
  private Double posteriorFraction;

  @Option(
      names = "--exact-only",
      description = "Print the exact answers at two quadrature resolutions, fit nothing.")
  private boolean exactOnly;

  @Option(names = "--json", description = "Print one JSON object per row instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new JointScalingBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    int most = datasets.stream().mapToInt(Integer::intValue).max().orElse(0);
    List<Dataset1D> data = ExampleData.load(FOLDER, most);
    PrintStream out = System.out;
    long start = System.nanoTime();
    Tables fine = SharedCentreReference.tables(data, Resolution.FINE);
    double exactSeconds = (System.nanoTime() - start) * 1e-9;
    if (exactOnly) {
      Tables coarse = SharedCentreReference.tables(data, Resolution.COARSE);
      printExact(out, fine, coarse, exactSeconds);
      return 0;
    }
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %4s %4s %10s %6s %10s %6s %8s %7s %8s %7s %9s %8s %5s %11s%n",
          "N",
          "dim",
          "seed",
          "logZ",
          "err",
          "exact",
          "dev/σ",
          "mean",
          "sd",
          "exMean",
          "exSd",
          "calls",
          "seconds",
          "trust",
          "ancestors");
    }
    for (int count : datasets) {
      Answer exact = SharedCentreReference.combine(fine, count);
      for (long seed : Seeds.parse(seeds)) {
        Map<String, Object> row = fit(data.subList(0, count), seed, exact);
        print(out, row);
      }
    }
    return 0;
  }

  private Map<String, Object> fit(List<Dataset1D> data, long seed, Answer exact) {
    NestedSampling.Builder settings = nested.apply(NestedSampling.builder().seed(seed));
    if (folds != null) {
      settings.folds(folds);
    }
    if (maxCalls != null) {
      settings.maxCalls(maxCalls);
    }
    if (targetEss != null) {
      settings.targetEffectiveSamples(targetEss);
    }
    if (batchLive != null) {
      settings.batchLiveCount(batchLive);
    }
    if (maxBatches != null) {
      settings.maxBatches(maxBatches);
    }
    if (posteriorFraction != null) {
      settings.posteriorFraction(posteriorFraction);
    }
    FactorGraph graph = new FactorGraph();
    GaussianModel first = null;
    for (int i = 0; i < data.size(); i++) {
      GaussianModel model = GaussianModel.withDefaults();
      first = first == null ? model : first;
      graph.add(
          AnalysisFactor.of(model, new ProfileAnalysis<Gaussian>(data.get(i)))
              .named("dataset_" + i));
    }
    GraphResult result = graph.fit(settings.threads(threads).build());
    Result<CollectionInstance> global = result.global();
    Samples samples = global.samples();
    ParameterSummary centre = result.summary(first.centre());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("datasets", data.size());
    row.put("dim", samples.dimension());
    row.put("seed", seed);
    row.put("logZ", global.logEvidence());
    row.put("logZErr", global.logEvidenceError());
    row.put("logZExact", exact.logZ());
    row.put("centreMean", centre.mean());
    row.put("centreSd", centre.sd());
    row.put("centreMeanExact", exact.centreMean());
    row.put("centreSdExact", exact.centreSd());
    row.put("calls", global.likelihoodCalls());
    row.put("seconds", global.seconds());
    row.put("trustworthy", global.trustworthy());
    row.put("ess", global.diagnostics().get("effective_sample_size"));
    row.put("batches", global.diagnostics().getOrDefault("batches", 0.0));
    row.put("insertionRankP", global.diagnostics().get("insertion_rank_p"));
    row.put("ancestors", global.diagnostics().get("ancestors"));
    row.put("neutralAncestors", global.diagnostics().get("neutral_ancestors"));
    row.put("lineageVariance", global.diagnostics().get("lineage_variance"));
    row.put("climbExcess", global.diagnostics().get("climb_excess"));
    row.put("climbMargin", global.diagnostics().get("climb_margin"));
    row.put("climbCalls", global.diagnostics().get("climb_calls"));
    row.put(
        "concerns", global.concerns().stream().map(Concern::toString).collect(Collectors.toList()));
    return row;
  }

  private void print(PrintStream out, Map<String, Object> row) throws JsonProcessingException {
    if (json) {
      out.println(new JsonMapper().writeValueAsString(row));
      out.flush();
      return;
    }
    double logZ = (double) row.get("logZ");
    double error = (double) row.get("logZErr");
    double exact = (double) row.get("logZExact");
    out.printf(
        Locale.ROOT,
        "%4d %4d %4d %10.3f %6.3f %10.3f %6.2f %8.3f %7.3f %8.3f %7.3f %9d %8.1f %5s %5.1f/%5.1f%n",
        row.get("datasets"),
        row.get("dim"),
        row.get("seed"),
        logZ,
        error,
        exact,
        (logZ - exact) / error,
        row.get("centreMean"),
        row.get("centreSd"),
        row.get("centreMeanExact"),
        row.get("centreSdExact"),
        row.get("calls"),
        row.get("seconds"),
        row.get("trustworthy"),
        row.get("ancestors"),
        row.get("neutralAncestors"));
    @SuppressWarnings("unchecked")
    List<String> concerns = (List<String>) row.get("concerns");
    for (String concern : concerns) {
      out.println("     " + concern);
    }
    out.flush();
  }

  private void printExact(PrintStream out, Tables fine, Tables coarse, double seconds)
      throws JsonProcessingException {
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %4s %11s %9s %9s %9s %9s %9s%n",
          "N",
          "dim",
          "logZ",
          "ΔlogZ",
          "mean",
          "Δmean",
          "sd",
          "Δsd");
    }
    for (int count : datasets) {
      Answer a = SharedCentreReference.combine(fine, count);
      Answer b = SharedCentreReference.combine(coarse, count);
      if (json) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("datasets", count);
        row.put("dim", 2 * count + 1);
        row.put("logZExact", a.logZ());
        row.put("centreMeanExact", a.centreMean());
        row.put("centreSdExact", a.centreSd());
        row.put("logZCoarse", b.logZ());
        row.put("centreMeanCoarse", b.centreMean());
        row.put("centreSdCoarse", b.centreSd());
        out.println(new JsonMapper().writeValueAsString(row));
      } else {
        out.printf(
            Locale.ROOT,
            "%4d %4d %11.4f %9.1e %9.4f %9.1e %9.4f %9.1e%n",
            count,
            2 * count + 1,
            a.logZ(),
            a.logZ() - b.logZ(),
            a.centreMean(),
            a.centreMean() - b.centreMean(),
            a.centreSd(),
            a.centreSd() - b.centreSd());
      }
    }
    if (!json) {
      out.printf(
          Locale.ROOT,
          "quadrature %s in %.1f s; Δ: against %s%n",
          Resolution.FINE,
          seconds,
          Resolution.COARSE);
    }
  }
}

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
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
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
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.nested.NestedSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The seed example's fits against exact answers computed by grid quadrature on the same data files:
 * {@code single} fits dataset_0 alone (log Z = -55.11, centre mean 47.7, sd 32.5) and {@code joint}
 * fits the three datasets with one shared centre (log Z = -165.28; centre mean 49.79, sd 26.11;
 * mass 0.125 in [70, 85)). Prints, per seed, log Z and its error, the centre's mean and sd, the
 * posterior mass of the second mode, likelihood calls, seconds and the overhead per call (the fit's
 * wall time minus as many bare likelihood calls, model mapping included, divided by the calls).
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

  @Option(
      names = "--nlive",
      defaultValue = "500",
      description = "Live points (default: ${DEFAULT-VALUE}).")
  private int nLive;

  @Option(
      names = "--sample",
      defaultValue = "AUTO",
      description = "AUTO, UNIFORM, RWALK, SLICE, RSLICE.")
  private NestedSettings.Sample sample;

  @Option(
      names = "--walks",
      defaultValue = "10",
      description =
          "Random-walk steps per proposal (default: ${DEFAULT-VALUE}, as the seed example).")
  private Integer walks;

  @Option(names = "--slices", description = "Slices per proposal (default: the sampler's).")
  private Integer slices;

  @Option(
      names = "--batch",
      defaultValue = "0",
      description =
          "Proposals per batch; 0 means the sampler's default (default: ${DEFAULT-VALUE}).")
  private int batch;

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
          "%-7s %4s %9s %6s %9s %7s %6s %6s %7s %8s %7s %8s%n",
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
      for (long seed : Seeds.parse(seeds)) {
        Map<String, Object> row = run(problem, datasets, seed);
        print(out, row, truth);
      }
    }
    return 0;
  }

  private Map<String, Object> run(String problem, List<Dataset1D> datasets, long seed) {
    NestedSampling.Builder settings =
        NestedSampling.builder().nLive(nLive).seed(seed).sample(sample).threads(threads);
    if (batch > 0) {
      settings.batchSize(batch);
    }
    if (walks != null) {
      settings.walks(walks);
    }
    if (slices != null) {
      settings.slices(slices);
    }
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
    GraphResult result = graph.fit(search);
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
    double bare = bareSeconds(graph, global.likelihoodCalls());
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
    row.put("trustworthy", global.trustworthy());
    row.put("ancestors", global.diagnostics().get("ancestors"));
    row.put("neutralAncestors", global.diagnostics().get("neutral_ancestors"));
    row.put(
        "concerns", global.concerns().stream().map(Concern::toString).collect(Collectors.toList()));
    return row;
  }

  /** The time of as many likelihood calls, mapping included, at points drawn from the prior. */
  private static double bareSeconds(FactorGraph graph, long calls) {
    ModelLayout<CollectionInstance> layout = graph.layout();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99L);
    int distinct = 4096;
    double[][] vectors = new double[distinct][];
    for (int i = 0; i < distinct; i++) {
      vectors[i] = layout.randomVector(rng);
    }
    var analysis = graph.analysis();
    double sink = 0;
    long start = System.nanoTime();
    for (long i = 0; i < calls; i++) {
      sink += analysis.logLikelihood(layout.instanceFromVector(vectors[(int) (i % distinct)]));
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
        "%-7s %4d %9.3f %6.3f %9.2f %7.2f %6.2f %6.2f %7.3f %8d %7.3f %8.3f %5s %5.1f/%5.1f%n",
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
        row.get("trustworthy"),
        row.get("ancestors"),
        row.get("neutralAncestors"));
  }
}

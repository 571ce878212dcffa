package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.benchmarks.HierarchicalSimulation.Fault;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.GraphResult;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.Search;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.nested.NestedSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The known-answer toy of PyAutoFit's issue #1405 for expectation propagation: seeded simulated
 * problems of 10 hierarchical Gaussian datasets ({@link HierarchicalSimulation}, centres fitted,
 * parent mean and scatter fitted). Per problem it runs EP (Laplace path) and a joint
 * nested-sampling fit of the whole graph, and prints whether EP converged, whether the scatter
 * collapsed (EP mean below 5% of the true scatter), EP's and the joint fit's parent mean and
 * scatter with their sds, the deviation of EP's parent mean from the joint one in joint posterior
 * sds, both log evidences and both run times. A final line counts converged runs, collapses,
 * crashes and agreements within 2 sd.
 *
 * <p>With {@code --faulty F} a fraction {@code F} of each problem's datasets (chosen by a seeded
 * draw) have a likelihood that always throws or always returns NaN (alternately); EP fits that
 * graph, the joint reference fits the graph without those datasets, and the table adds whether EP
 * excluded exactly the faulty factors.
 */
@Command(
    name = "ep-hierarchical-benchmark",
    mixinStandardHelpOptions = true,
    description = "EP against a joint nested-sampling fit on seeded hierarchical toys.")
public final class EpHierarchicalBenchmark implements Callable<Integer> {
  private static final double COLLAPSE_FRACTION = 0.05;

  @Option(
      names = "--problems",
      defaultValue = "30",
      description = "Problems (default: ${DEFAULT-VALUE}).")
  private int problems;

  @Option(
      names = "--datasets",
      defaultValue = "10",
      description = "Datasets per problem (default: ${DEFAULT-VALUE}).")
  private int datasets;

  @Option(
      names = "--nlive",
      defaultValue = "300",
      description = "Live points of the joint fit (default: ${DEFAULT-VALUE}).")
  private int nLive;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads of both fits (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(
      names = "--faulty",
      defaultValue = "0",
      description =
          "Fraction of each problem's datasets whose likelihood throws or returns NaN "
              + "(default: ${DEFAULT-VALUE}).")
  private double faulty;

  @Option(names = "--json", description = "Print one JSON object per run instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EpHierarchicalBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (!(faulty >= 0 && faulty < 1)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--faulty must be in [0, 1) but was " + faulty);
    }
    PrintStream out = System.out;
    ObjectMapper mapper = new ObjectMapper();
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %5s %6s %8s %8s %7s %8s %7s %8s %7s %8s %7s %6s %9s %9s %6s %6s%n",
          "seed",
          "conv",
          "sweeps",
          "excluded",
          "epMean",
          "epSd",
          "jMean",
          "jSd",
          "epScat",
          "epScSd",
          "jScat",
          "jScSd",
          "dev/σ",
          "epLogZ",
          "jLogZ",
          "epSec",
          "jSec");
    }
    int converged = 0;
    int collapsed = 0;
    int crashed = 0;
    int agree = 0;
    int reported = 0;
    for (int seed = 1; seed <= problems; seed++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("seed", seed);
      try {
        Fault[] faults = faults(seed);
        HierarchicalSimulation simulation =
            HierarchicalSimulation.of(seed, datasets, false, i -> faults[i]);
        HierarchicalSimulation healthy =
            HierarchicalSimulation.of(
                seed, datasets, false, i -> faults[i] == Fault.NONE ? Fault.NONE : Fault.DROPPED);
        List<String> faulty = new ArrayList<>();
        for (int i = 0; i < datasets; i++) {
          if (faults[i] != Fault.NONE) {
            faulty.add("dataset_" + i);
          }
        }
        EpResult ep =
            ExpectationPropagation.builder()
                .threads(threads)
                .seed(seed)
                .build()
                .fit(simulation.graph);
        VariableSummary epMean = ep.summary(simulation.hierarchy.hyperParameter("mean"));
        VariableSummary epScatter = ep.summary(simulation.hierarchy.hyperParameter("sigma"));

        GraphResult joint =
            healthy.graph.fit(
                Search.of(
                        NestedSampling.of(NestedSettings.builder().nLive(nLive).seed(seed).build()))
                    .withThreads(threads));
        ParameterSummary jointMeanSummary = joint.summary(healthy.hierarchy.hyperParameter("mean"));
        ParameterSummary jointScatter = joint.summary(healthy.hierarchy.hyperParameter("sigma"));
        double jointMean = jointMeanSummary.mean();
        double jointSd = jointMeanSummary.sd();
        double deviation = (epMean.mean() - jointMean) / jointSd;
        boolean collapse = !(epScatter.mean() > COLLAPSE_FRACTION * HierarchicalSimulation.SCATTER);
        converged += ep.converged() ? 1 : 0;
        collapsed += collapse ? 1 : 0;
        agree += Math.abs(deviation) <= 2 ? 1 : 0;
        reported += ep.excludedFactors().equals(faulty) ? 1 : 0;
        row.put("converged", ep.converged());
        row.put("sweeps", ep.sweepCount());
        row.put("faulty", faulty);
        row.put("excluded", ep.excludedFactors());
        row.put("epMean", epMean.mean());
        row.put("epSd", epMean.sd());
        row.put("jointMean", jointMean);
        row.put("jointSd", jointSd);
        row.put("epScatter", epScatter.mean());
        row.put("epScatterSd", epScatter.sd());
        row.put("jointScatter", jointScatter.mean());
        row.put("jointScatterSd", jointScatter.sd());
        row.put("deviationInSd", deviation);
        row.put("collapsed", collapse);
        row.put("epLogZ", ep.logEvidence());
        row.put("jointLogZ", joint.global().logEvidence());
        row.put("epSeconds", ep.seconds());
        row.put("jointSeconds", joint.global().seconds());
        if (!json) {
          out.printf(
              Locale.ROOT,
              "%4d %5s %6d %8s %8.3f %7.3f %8.3f %7.3f %8.3f %7.3f %8.3f %7.3f %6.2f %9.3f %9.3f"
                  + " %6.2f %6.2f%n",
              seed,
              ep.converged(),
              ep.sweepCount(),
              ep.excludedFactors().size() + "/" + faulty.size(),
              epMean.mean(),
              epMean.sd(),
              jointMean,
              jointSd,
              epScatter.mean(),
              epScatter.sd(),
              jointScatter.mean(),
              jointScatter.sd(),
              deviation,
              ep.logEvidence(),
              joint.global().logEvidence(),
              ep.seconds(),
              joint.global().seconds());
        }
      } catch (RuntimeException e) {
        crashed++;
        row.put("crashed", e.toString());
        if (!json) {
          out.printf(Locale.ROOT, "%4d crashed: %s%n", seed, e);
        }
      }
      if (json) {
        out.println(mapper.writeValueAsString(row));
      }
      out.flush();
    }
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%d problems: %d converged, %d collapsed scales, %d crashed, parent mean within 2 joint "
              + "sd on %d, exactly the faulty factors excluded on %d%n",
          problems,
          converged,
          collapsed,
          crashed,
          agree,
          reported);
    }
    return 0;
  }

  /**
   * The faults of a problem's datasets: {@code round(faulty · datasets)} of them, drawn with a
   * seeded generator apart from the simulator's, alternately throwing and returning NaN.
   */
  private Fault[] faults(long seed) {
    Fault[] faults = new Fault[datasets];
    Arrays.fill(faults, Fault.NONE);
    int count = (int) Math.round(faulty * datasets);
    if (count > 0) {
      UniformRandomProvider rng =
          RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, 0xfa17});
      int[] chosen = new PermutationSampler(rng, datasets, count).sample();
      for (int k = 0; k < count; k++) {
        faults[chosen[k]] = (seed + k) % 2 == 0 ? Fault.NAN : Fault.THROWS;
      }
    }
    return faults;
  }
}

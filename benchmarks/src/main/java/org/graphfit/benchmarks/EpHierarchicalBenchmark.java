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
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.benchmarks.HierarchicalSimulation.Fault;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.GraphResult;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.nested.NestedSampling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Expectation propagation and a joint nested-sampling fit against the exact answer on seeded
 * hierarchical toys: problems of 10 hierarchical Gaussian datasets ({@link HierarchicalSimulation},
 * centres fitted, parent mean and scatter fitted; 12 dimensions jointly). Per problem it computes
 * the exact log evidence and parent posterior by quadrature ({@link HierarchicalReference}), runs
 * EP (Laplace path) and the joint fit of the whole graph, and prints whether EP converged, the
 * exact, EP's and the joint fit's parent mean with sds, the exact, EP's and the joint scatter, the
 * deviations of EP's and the joint parent mean from the exact one in exact posterior sds, the exact
 * log evidence, EP's with its difference from it, the joint one with its deviation in its reported
 * error, and both run times. A final line counts converged runs, collapses (EP scatter below 5% of
 * the true one), crashes, agreements with the exact answer and joint fits that failed {@code
 * MISSED_LIKELIHOOD}.
 *
 * <p>With {@code --faulty F} a fraction {@code F} of each problem's datasets (chosen by a seeded
 * draw) have a likelihood that always throws or always returns NaN (alternately); EP fits that
 * graph, the joint fit and the exact answer take the graph without those datasets, and the table
 * adds whether EP excluded exactly the faulty factors.
 */
@Command(
    name = "ep-hierarchical-benchmark",
    mixinStandardHelpOptions = true,
    description =
        "EP and a joint nested-sampling fit against exact quadrature on hierarchical toys.")
public final class EpHierarchicalBenchmark implements Callable<Integer> {
  private static final double COLLAPSE_FRACTION = 0.05;

  @Option(
      names = "--problems",
      defaultValue = "30",
      description = "Problems (default: ${DEFAULT-VALUE}).")
  private int problems;

  @Option(
      names = "--seeds",
      description = "Seeds of the problems, e.g. 16-30 (default: 1 to the number of problems).")
  private String seeds;

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

  @Option(
      names = "--exact-only",
      description =
          "Print the exact answers at two quadrature resolutions (the second twice as fine),"
              + " fit nothing.")
  private boolean exactOnly;

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
    if (exactOnly) {
      printExact(out, mapper);
      return 0;
    }
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %5s %6s %8s %8s %7s %8s %7s %8s %7s %8s %7s %8s %7s %6s %6s %9s %9s %6s %9s %6s %6s"
              + " %6s%n",
          "seed",
          "conv",
          "sweeps",
          "excluded",
          "exMean",
          "exSd",
          "epMean",
          "epSd",
          "jMean",
          "jSd",
          "exScat",
          "exScSd",
          "epScat",
          "jScat",
          "epDev",
          "jDev",
          "exLogZ",
          "epLogZ",
          "epΔ",
          "jLogZ",
          "jΔ/σ",
          "epSec",
          "jSec");
    }
    int converged = 0;
    int collapsed = 0;
    int crashed = 0;
    int epAgree = 0;
    int jointAgree = 0;
    int jointEvidence = 0;
    int reported = 0;
    int missed = 0;
    long[] seedList = seeds == null ? Seeds.parse("1-" + problems) : Seeds.parse(seeds);
    for (long seedValue : seedList) {
      int seed = (int) seedValue;
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
                NestedSampling.builder().nLive(nLive).seed(seed).threads(threads).build());
        HierarchicalReference.Answer exact =
            HierarchicalReference.compute(
                healthy.healthyData,
                HierarchicalSimulation.NORMALIZATION,
                HierarchicalSimulation.WIDTH,
                1);
        ParameterSummary jointMeanSummary = joint.summary(healthy.hierarchy.hyperParameter("mean"));
        ParameterSummary jointScatter = joint.summary(healthy.hierarchy.hyperParameter("sigma"));
        double jointMean = jointMeanSummary.mean();
        double jointSd = jointMeanSummary.sd();
        double epDeviation = (epMean.mean() - exact.meanMean()) / exact.meanSd();
        double jointDeviation = (jointMean - exact.meanMean()) / exact.meanSd();
        double jointLogZ = joint.global().logEvidence();
        double jointLogZError = joint.global().logEvidenceError();
        double jointEvidenceDeviation = (jointLogZ - exact.logZ()) / jointLogZError;
        boolean collapse = !(epScatter.mean() > COLLAPSE_FRACTION * HierarchicalSimulation.SCATTER);
        converged += ep.converged() ? 1 : 0;
        collapsed += collapse ? 1 : 0;
        epAgree += Math.abs(epDeviation) <= 2 ? 1 : 0;
        jointAgree += Math.abs(jointDeviation) <= 2 ? 1 : 0;
        jointEvidence += Math.abs(jointEvidenceDeviation) <= 3 ? 1 : 0;
        reported += ep.excludedFactors().equals(faulty) ? 1 : 0;
        row.put("converged", ep.converged());
        row.put("sweeps", ep.sweepCount());
        row.put("faulty", faulty);
        row.put("excluded", ep.excludedFactors());
        row.put("exactMean", exact.meanMean());
        row.put("exactSd", exact.meanSd());
        row.put("exactScatter", exact.scatterMean());
        row.put("exactScatterSd", exact.scatterSd());
        row.put("exactLogZ", exact.logZ());
        row.put("epMean", epMean.mean());
        row.put("epSd", epMean.sd());
        row.put("jointMean", jointMean);
        row.put("jointSd", jointSd);
        row.put("epScatter", epScatter.mean());
        row.put("epScatterSd", epScatter.sd());
        row.put("jointScatter", jointScatter.mean());
        row.put("jointScatterSd", jointScatter.sd());
        row.put("epDeviationInSd", epDeviation);
        row.put("jointDeviationInSd", jointDeviation);
        row.put("collapsed", collapse);
        row.put("epLogZ", ep.logEvidence());
        row.put("jointLogZ", jointLogZ);
        row.put("jointLogZErr", jointLogZError);
        row.put("jointLogZDeviationInErr", jointEvidenceDeviation);
        row.put("jointTrustworthy", joint.global().trustworthy());
        row.put("jointCalls", joint.global().likelihoodCalls());
        row.put("jointClimbExcess", joint.global().diagnostics().get("climb_excess"));
        row.put("jointClimbMargin", joint.global().diagnostics().get("climb_margin"));
        row.put("jointClimbCalls", joint.global().diagnostics().get("climb_calls"));
        row.put(
            "jointConcerns",
            joint.global().concerns().stream().map(Concern::toString).collect(Collectors.toList()));
        missed +=
            joint.global().concerns().stream().anyMatch(c -> c.check() == Check.MISSED_LIKELIHOOD)
                ? 1
                : 0;
        row.put("epSeconds", ep.seconds());
        row.put("jointSeconds", joint.global().seconds());
        if (!json) {
          out.printf(
              Locale.ROOT,
              "%4d %5s %6d %8s %8.3f %7.3f %8.3f %7.3f %8.3f %7.3f %8.3f %7.3f %8.3f %7.3f %6.2f"
                  + " %6.2f %9.3f %9.3f %6.2f %9.3f %6.2f %6.2f %6.2f%n",
              seed,
              ep.converged(),
              ep.sweepCount(),
              ep.excludedFactors().size() + "/" + faulty.size(),
              exact.meanMean(),
              exact.meanSd(),
              epMean.mean(),
              epMean.sd(),
              jointMean,
              jointSd,
              exact.scatterMean(),
              exact.scatterSd(),
              epScatter.mean(),
              jointScatter.mean(),
              epDeviation,
              jointDeviation,
              exact.logZ(),
              ep.logEvidence(),
              ep.logEvidence() - exact.logZ(),
              jointLogZ,
              jointEvidenceDeviation,
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
          "%d problems: EP %d converged, %d collapsed scales, %d crashed, parent mean within 2"
              + " exact sd on %d (joint fit: %d), joint log Z within 3 reported sigma of exact on"
              + " %d, exactly the faulty factors excluded on %d, joint fit flagged"
              + " MISSED_LIKELIHOOD on %d%n",
          seedList.length,
          converged,
          collapsed,
          crashed,
          epAgree,
          jointAgree,
          jointEvidence,
          reported,
          missed);
    }
    return 0;
  }

  private void printExact(PrintStream out, ObjectMapper mapper) throws JsonProcessingException {
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %11s %9s %8s %7s %8s %7s %9s%n",
          "seed",
          "logZ",
          "ΔlogZ",
          "mean",
          "sd",
          "scatter",
          "scSd",
          "seconds");
    }
    for (int seed = 1; seed <= problems; seed++) {
      Fault[] faults = faults(seed);
      HierarchicalSimulation healthy =
          HierarchicalSimulation.of(
              seed, datasets, false, i -> faults[i] == Fault.NONE ? Fault.NONE : Fault.DROPPED);
      long start = System.nanoTime();
      HierarchicalReference.Answer exact =
          HierarchicalReference.compute(
              healthy.healthyData,
              HierarchicalSimulation.NORMALIZATION,
              HierarchicalSimulation.WIDTH,
              1);
      double seconds = (System.nanoTime() - start) * 1e-9;
      HierarchicalReference.Answer finer =
          HierarchicalReference.compute(
              healthy.healthyData,
              HierarchicalSimulation.NORMALIZATION,
              HierarchicalSimulation.WIDTH,
              2);
      if (json) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seed", seed);
        row.put("exactLogZ", exact.logZ());
        row.put("finerLogZ", finer.logZ());
        row.put("exactMean", exact.meanMean());
        row.put("exactSd", exact.meanSd());
        row.put("exactScatter", exact.scatterMean());
        row.put("exactScatterSd", exact.scatterSd());
        out.println(mapper.writeValueAsString(row));
      } else {
        out.printf(
            Locale.ROOT,
            "%4d %11.4f %9.1e %8.3f %7.3f %8.3f %7.3f %9.2f%n",
            seed,
            exact.logZ(),
            exact.logZ() - finer.logZ(),
            exact.meanMean(),
            exact.meanSd(),
            exact.scatterMean(),
            exact.scatterSd(),
            seconds);
      }
      out.flush();
    }
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

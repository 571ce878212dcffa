package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GraphStructure;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Wall time of the per-factor and per-parameter look-ups of a fitted graph against its size, on the
 * simulated hierarchical Gaussian datasets of {@link HierarchicalSimulation} (centre and
 * normalization free per dataset, two hyper-parameters). Per number of datasets: the free
 * parameters, the seconds of the expectation-propagation fit that gives the result ({@code
 * --sweeps} sweeps), then the seconds of {@code EpResult.meanInstance} of every factor, of {@code
 * EpResult.summary(Parameter)} of every factor's free parameters, of the graph's {@code info()}, of
 * its {@code GraphStructure} and of its layout's {@code info()}, and the median milliseconds of a
 * repeated {@code graph.layout()} (the graph keeps the layout it took until it grows, so this is
 * the check that it did not). Each look-up is linear in the graph when a parameter is found in
 * constant time. The {@code checksum} column (a hash of every mean instance and summary) is the
 * same before and after a change that keeps results identical.
 */
@Command(
    name = "layout-lookup-benchmark",
    mixinStandardHelpOptions = true,
    description = "Per-factor and per-parameter look-ups of a fitted graph against its size.")
public final class LayoutLookupBenchmark implements Callable<Integer> {
  /** How many repeated {@code graph.layout()} calls are timed, one by one, for their median. */
  private static final int LAYOUT_REPEATS = 101;

  @Option(
      names = "--datasets",
      split = ",",
      defaultValue = "1000,8000,32000",
      description = "Numbers of datasets (default: ${DEFAULT-VALUE}).")
  private List<Integer> datasets;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(
      names = "--sweeps",
      defaultValue = "1",
      description = "EP sweeps of the fit whose result is looked up (default: ${DEFAULT-VALUE}).")
  private int sweeps;

  @Option(names = "--json", description = "Print one JSON object per run instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LayoutLookupBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    BenchmarkTable table =
        new BenchmarkTable(
            json,
            "%8s %10s %8s %12s %9s %10s %11s %11s %11s %17s%n",
            "datasets",
            "parameters",
            "fit s",
            "meanInst s",
            "summary s",
            "graphInfo s",
            "structure s",
            "layoutInfo s",
            "layout ms",
            "checksum");
    EpResult warm = HierarchicalSimulation.warmUp(seed + 1000, 200, 1);
    measure(warm.graph(), warm);
    for (int count : datasets) {
      FactorGraph graph = HierarchicalSimulation.of(seed, count, true).graph;
      long start = System.nanoTime();
      EpResult result =
          ExpectationPropagation.builder().seed(seed).maxSweeps(sweeps).build().fit(graph);
      double fit = (System.nanoTime() - start) / 1e9;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("datasets", count);
      row.put("parameters", graph.layout().priorCount());
      row.put("fitSeconds", fit);
      row.putAll(measure(graph, result));
      print(table, row);
    }
    return 0;
  }

  private static Map<String, Object> measure(FactorGraph graph, EpResult result) {
    long[] checksum = {17};
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(
        "meanInstanceSeconds",
        seconds(
            () -> {
              long hash = 0;
              for (FactorKey<?> key : graph.factors()) {
                hash = 31 * hash + result.meanInstance(key).hashCode();
              }
              return hash;
            },
            checksum));
    row.put(
        "summarySeconds",
        seconds(
            () -> {
              long hash = 0;
              for (FactorKey<?> key : graph.factors()) {
                for (Parameter parameter : key.factor().model().layout().freeParameters()) {
                  hash = 31 * hash + result.summary(parameter).hashCode();
                }
              }
              return hash;
            },
            checksum));
    row.put("graphInfoSeconds", seconds(() -> graph.info().hashCode(), checksum));
    row.put(
        "structureSeconds", seconds(() -> GraphStructure.of(graph).toDot().hashCode(), checksum));
    row.put("layoutInfoSeconds", seconds(() -> graph.layout().info().hashCode(), checksum));
    row.put("repeatedLayoutMillis", repeatedLayoutMillis(graph));
    row.put("checksum", String.format(Locale.ROOT, "%016x", checksum[0]));
    return row;
  }

  /** The seconds of one call; its hash goes into the checksum. */
  private static double seconds(LongSupplier call, long[] checksum) {
    long start = System.nanoTime();
    long hash = call.getAsLong();
    double seconds = (System.nanoTime() - start) / 1e9;
    checksum[0] = 31 * checksum[0] + hash;
    return seconds;
  }

  /**
   * The median milliseconds of a {@code graph.layout()} call after the first, each of {@link
   * #LAYOUT_REPEATS} calls timed on its own.
   *
   * @throws IllegalStateException if a repeated call returns another layout than the first
   */
  private static double repeatedLayoutMillis(FactorGraph graph) {
    ModelLayout<CollectionInstance> first = graph.layout();
    double[] millis = new double[LAYOUT_REPEATS];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      ModelLayout<CollectionInstance> again = graph.layout();
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (again != first) {
        throw new IllegalStateException(
            "graph.layout() returned a new layout of an unchanged graph: it is taken again on"
                + " every call instead of kept");
      }
    }
    Arrays.sort(millis);
    return millis[millis.length / 2];
  }

  private static void print(BenchmarkTable table, Map<String, Object> row)
      throws JsonProcessingException {
    table.print(
        row,
        "%8d %10d %8.2f %12.3f %9.3f %10.3f %11.3f %11.3f %11.4f %17s%n",
        row.get("datasets"),
        row.get("parameters"),
        row.get("fitSeconds"),
        row.get("meanInstanceSeconds"),
        row.get("summarySeconds"),
        row.get("graphInfoSeconds"),
        row.get("structureSeconds"),
        row.get("layoutInfoSeconds"),
        row.get("repeatedLayoutMillis"),
        row.get("checksum"));
  }
}

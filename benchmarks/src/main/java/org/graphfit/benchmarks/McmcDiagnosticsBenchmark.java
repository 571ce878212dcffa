package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.mcmc.EnsembleMcmc;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the ensemble MCMC engine over many seeds on posteriors of known mean and prints, per problem
 * and chain layout, how often the run converged or was flagged (by check), its cost in likelihood
 * calls and whether its effective sample size is honest: {@code z} is the error of the first
 * parameter's posterior mean in units of its reported Monte Carlo error {@code sd / sqrt(ESS
 * bulk)}, so the variance of {@code z} over seeds is 1 when the ESS is right and larger when it is
 * too optimistic. {@code calls/ESS} is the real cost of one effective sample: calls times the
 * seed-to-seed variance of the mean over the posterior variance. {@code µs/call} is the run's wall
 * time per likelihood call: the likelihoods are a few arithmetic operations, so it is the sampler's
 * own cost, convergence checks included.
 */
@Command(
    name = "mcmc-diagnostics-benchmark",
    mixinStandardHelpOptions = true,
    description = "Convergence flags, cost and ESS calibration of ensemble MCMC over many seeds.")
public final class McmcDiagnosticsBenchmark implements Callable<Integer> {
  @Option(
      names = "--problems",
      split = ",",
      defaultValue = "gauss2c,gauss10,bimodal,separated",
      description =
          "Problems among gauss2c, gauss10, bimodal, separated (default: ${DEFAULT-VALUE}).")
  private List<String> problems;

  @Option(
      names = "--layouts",
      split = ",",
      defaultValue = "4x0,1x0",
      description =
          "Chain layouts 'chains x walkers per chain', 0 walkers for the default"
              + " (default: ${DEFAULT-VALUE}).")
  private List<String> layouts;

  @Option(
      names = "--seeds",
      defaultValue = "1-50",
      description = "Seeds as a range 'a-b' or a list 'a,b,c' (default: ${DEFAULT-VALUE}).")
  private String seeds;

  @Option(
      names = "--max-steps",
      defaultValue = "20000",
      description = "Step limit per run (default: ${DEFAULT-VALUE}).")
  private int maxSteps;

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
    System.exit(new CommandLine(new McmcDiagnosticsBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintStream out = System.out;
    ObjectMapper mapper = new ObjectMapper();
    long[] seedList = Seeds.parse(seeds);
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%-8s %-6s %5s %9s %-26s %7s %9s %8s %8s %6s %9s %8s%n",
          "problem",
          "layout",
          "seeds",
          "converged",
          "flagged (R_HAT/ESS/CONV)",
          "steps",
          "calls",
          "ESSbulk",
          "rHatMax",
          "var z",
          "calls/ESS",
          "µs/call");
    }
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      for (String problemName : problems) {
        Problem problem = Problem.named(problemName.trim());
        for (String layout : layouts) {
          String[] parts = layout.trim().split("x");
          int chains = Integer.parseInt(parts[0]);
          int walkers = Integer.parseInt(parts[1]);
          List<Map<String, Object>> rows = new ArrayList<>();
          for (long seed : seedList) {
            Map<String, Object> row = run(problem, chains, walkers, seed, runner);
            rows.add(row);
            if (json) {
              out.println(mapper.writeValueAsString(row));
            }
          }
          if (!json) {
            summarize(out, problem, layout.trim(), rows);
          }
        }
      }
    }
    return 0;
  }

  private Map<String, Object> run(
      Problem problem, int chains, int walkers, long seed, TaskRunner runner) {
    EnsembleMcmc.Builder builder =
        EnsembleMcmc.builder().chains(chains).maxSteps(maxSteps).seed(seed);
    if (walkers > 0) {
      builder.walkers(walkers);
    }
    SearchProblem searchProblem = SearchProblems.of(problem.priors, problem.logLikelihood);
    long start = System.nanoTime();
    SearchRun run = builder.build().run(searchProblem, runner, CheckpointStore.none());
    double seconds = (System.nanoTime() - start) * 1e-9;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("problem", problem.name);
    row.put("chains", chains);
    row.put("walkers", run.diagnostics().get("walkers").intValue());
    row.put("seed", seed);
    run.diagnostics().forEach(row::put);
    row.put("calls", searchProblem.failures().calls());
    row.put("seconds", seconds);
    row.put("mean0", run.samples().mean()[0]);
    row.put("trueMean0", problem.mean0);
    row.put("trueSd0", problem.sd0);
    Map<Check, Integer> flags = new EnumMap<>(Check.class);
    for (Concern concern : run.concerns()) {
      flags.merge(concern.check(), 1, Integer::sum);
    }
    row.put("concerns", flags.keySet().stream().map(Enum::name).toList());
    return row;
  }

  private static void summarize(
      PrintStream out, Problem problem, String layout, List<Map<String, Object>> rows) {
    int n = rows.size();
    int converged = 0;
    int[] flagged = new int[3];
    double[] steps = new double[n];
    double calls = 0;
    double ess = 0;
    double[] rHat = new double[n];
    double z2 = 0;
    double error2 = 0;
    double seconds = 0;
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = rows.get(i);
      converged += (double) row.get("converged") == 1.0 ? 1 : 0;
      @SuppressWarnings("unchecked")
      List<String> concerns = (List<String>) row.get("concerns");
      flagged[0] += concerns.contains(Check.R_HAT.name()) ? 1 : 0;
      flagged[1] += concerns.contains(Check.EFFECTIVE_SAMPLE_SIZE.name()) ? 1 : 0;
      flagged[2] += concerns.contains(Check.CONVERGENCE.name()) ? 1 : 0;
      steps[i] = (double) row.get("steps");
      calls += ((Number) row.get("calls")).doubleValue() / n;
      double bulk = (double) row.get("ess_bulk_min");
      ess += bulk / n;
      rHat[i] = (double) row.get("r_hat_max");
      double error = (double) row.get("mean0") - problem.mean0;
      z2 += error * error / (problem.sd0 * problem.sd0 / bulk) / n;
      error2 += error * error / n;
      seconds += (double) row.get("seconds") / n;
    }
    Arrays.sort(steps);
    Arrays.sort(rHat);
    int anyFlag = (int) rows.stream().filter(r -> !((List<?>) r.get("concerns")).isEmpty()).count();
    out.printf(
        Locale.ROOT,
        "%-8s %-6s %5d %9d %-26s %7.0f %9.0f %8.0f %8.4f %6.2f %9.1f %8.2f%n",
        problem.name,
        layout,
        n,
        converged,
        anyFlag + " (" + flagged[0] + "/" + flagged[1] + "/" + flagged[2] + ")",
        steps[n / 2],
        calls,
        ess,
        rHat[n / 2],
        z2,
        calls * error2 / (problem.sd0 * problem.sd0),
        seconds / calls * 1e6);
  }

  /** A posterior of known mean and standard deviation in its first parameter. */
  private static final class Problem {
    final String name;
    final Prior[] priors;
    final ToDoubleFunction<double[]> logLikelihood;
    final double mean0;
    final double sd0;

    Problem(
        String name,
        Prior[] priors,
        ToDoubleFunction<double[]> logLikelihood,
        double mean0,
        double sd0) {
      this.name = name;
      this.priors = priors;
      this.logLikelihood = logLikelihood;
      this.mean0 = mean0;
      this.sd0 = sd0;
    }

    static Problem named(String name) {
      switch (name) {
        case "gauss2c":
          // N((1, -1), sd (1, 2), correlation 0.8) inside a wide box.
          return new Problem(
              name,
              new Prior[] {Prior.uniform(-10, 10), Prior.uniform(-12, 12)},
              x -> {
                double a = x[0] - 1;
                double b = (x[1] + 1) / 2;
                return -(a * a - 1.6 * a * b + b * b) / (2 * (1 - 0.64));
              },
              1,
              1);
        case "gauss10":
          {
            // Ten independent Gaussians, sd 1 .. 10, centred on 0, inside a wide box.
            Prior[] priors = new Prior[10];
            Arrays.fill(priors, Prior.uniform(-60, 60));
            return new Problem(
                name,
                priors,
                x -> {
                  double sum = 0;
                  for (int i = 0; i < x.length; i++) {
                    double r = x[i] / (i + 1);
                    sum += r * r;
                  }
                  return -0.5 * sum;
                },
                0,
                1);
          }
        case "separated":
          // Equal modes N(-10, 1) and N(10, 1): no walker ever crosses between them.
          return new Problem(
              name,
              new Prior[] {Prior.uniform(-20, 20)},
              x -> {
                double a = -0.5 * (x[0] + 10) * (x[0] + 10);
                double b = -0.5 * (x[0] - 10) * (x[0] - 10);
                double max = Math.max(a, b);
                return max + Math.log1p(Math.exp(Math.min(a, b) - max));
              },
              0,
              Math.sqrt(101));
        case "bimodal":
          // Equal modes N(-4, 1) and N(4, 1): walkers cross between them, rarely.
          return new Problem(
              name,
              new Prior[] {Prior.uniform(-10, 10)},
              x -> {
                double a = -0.5 * (x[0] + 4) * (x[0] + 4);
                double b = -0.5 * (x[0] - 4) * (x[0] - 4);
                double max = Math.max(a, b);
                return max + Math.log1p(Math.exp(Math.min(a, b) - max));
              },
              0,
              Math.sqrt(17));
        default:
          throw new IllegalArgumentException(
              "unknown problem '" + name + "'; expected gauss2c, gauss10, bimodal or separated");
      }
    }
  }
}

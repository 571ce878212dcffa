package org.graphfit.search.optimize;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.TaskRunner;

/**
 * A derivative-free global optimiser: Commons Math's CMA-ES in the prior's unit cube (bounded to
 * {@code [0, 1]} per dimension and mapped to parameters by the prior transform), restarted with
 * doubling populations (IPOP-CMA-ES, Auger and Hansen 2005). The first run starts at the cube's
 * centre (the prior medians), later runs at uniform random points. The runs are independent, each
 * seeded from {@link Builder#seed(long)}, and run concurrently on a {@link TaskRunner}; the result
 * does not depend on the thread count. Points where the objective is negative infinity get a large
 * finite penalty. The result carries the {@link LaplaceApproximation} at the best point. Immutable;
 * make one with {@link #builder()}.
 */
public final class CmaEsOptimizer {
  /** The minimised value standing for a point with a log density of negative infinity. */
  private static final double PENALTY = 1e300;

  private final Objective objective;
  private final long seed;
  private final int restarts;
  private final int maxEvaluations;
  private final double initialSigma;
  private final int populationSize;

  private CmaEsOptimizer(Builder builder) {
    this.objective = builder.objective;
    this.seed = builder.seed;
    this.restarts = builder.restarts;
    this.maxEvaluations = builder.maxEvaluations;
    this.initialSigma = builder.initialSigma;
    this.populationSize = builder.populationSize;
  }

  /**
   * A builder with the defaults: log posterior, seed 1, 4 restarts, 20 000 evaluations per run,
   * initial step 0.3 of the unit cube, population {@code 4 + floor(3 ln n)} doubled at each restart.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Maximises the objective.
   *
   * @param problem the problem
   * @param runner the threads on which the independent runs go
   * @return the best point over all runs
   */
  public OptimumRun maximise(SearchProblem problem, TaskRunner runner) {
    long startNanos = System.nanoTime();
    long callsAtStart = problem.failures().calls();
    int n = problem.dimension();
    int runs = restarts + 1;
    long[] seeds = new long[runs];
    UniformRandomProvider seeder = RandomSource.SPLIT_MIX_64.create(seed);
    Arrays.setAll(seeds, r -> seeder.nextLong());
    int basePopulation =
        populationSize > 0 ? populationSize : 4 + (int) Math.floor(3 * Math.log(n));
    double[][] bestUnits = new double[runs][];
    double[] bestValues = new double[runs];
    int[] evaluations = new int[runs];
    runner.runAll(
        runs,
        r -> {
          UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[r]);
          double[] start = new double[n];
          for (int i = 0; i < n; i++) {
            start[i] = r == 0 ? 0.5 : rng.nextDouble();
          }
          BestTracker tracker = new BestTracker(problem, n);
          CMAESOptimizer cmaes =
              new CMAESOptimizer(
                  Integer.MAX_VALUE,
                  Double.NEGATIVE_INFINITY,
                  true,
                  0,
                  0,
                  new MersenneTwister(rng.nextLong()),
                  false,
                  null);
          double[] sigma = new double[n];
          Arrays.fill(sigma, initialSigma);
          double[] zeros = new double[n];
          double[] ones = new double[n];
          Arrays.fill(ones, 1);
          try {
            cmaes.optimize(
                new MaxEval(maxEvaluations),
                new ObjectiveFunction(tracker::minimised),
                GoalType.MINIMIZE,
                new InitialGuess(start),
                new SimpleBounds(zeros, ones),
                new CMAESOptimizer.Sigma(sigma),
                new CMAESOptimizer.PopulationSize(basePopulation << Math.min(r, 20)));
          } catch (TooManyEvaluationsException e) {
            // The budget is spent: keep the best point seen.
          }
          bestUnits[r] = tracker.bestUnit;
          bestValues[r] = tracker.bestValue;
          evaluations[r] = tracker.evaluations;
        });
    int bestRun = 0;
    for (int r = 1; r < runs; r++) {
      if (bestValues[r] > bestValues[bestRun]) {
        bestRun = r;
      }
    }
    double[] best = new double[n];
    if (bestUnits[bestRun] == null) {
      problem.vectorFromUnit(new double[n], best);
    } else {
      problem.vectorFromUnit(bestUnits[bestRun], best);
    }
    return OptimumRun.finish(
        problem,
        objective,
        best,
        callsAtStart,
        startNanos,
        "CMA-ES: best of "
            + runs
            + " runs is run "
            + bestRun
            + " (population "
            + (basePopulation << Math.min(bestRun, 20))
            + "), "
            + Arrays.stream(evaluations).sum()
            + " evaluations in all");
  }

  /** The objective of one run in the unit cube, negated for minimisation, remembering the best. */
  private final class BestTracker {
    private final SearchProblem problem;
    private final double[] vector;
    double[] bestUnit;
    double bestValue = Double.NEGATIVE_INFINITY;
    int evaluations;

    BestTracker(SearchProblem problem, int dimension) {
      this.problem = problem;
      this.vector = new double[dimension];
    }

    double minimised(double[] unit) {
      evaluations++;
      problem.vectorFromUnit(unit, vector);
      double value = objective.value(problem, vector);
      if (value > bestValue) {
        bestValue = value;
        bestUnit = unit.clone();
      }
      return value > Double.NEGATIVE_INFINITY ? -value : PENALTY;
    }
  }

  /** Collects settings; every setter validates its argument. */
  public static final class Builder {
    private Objective objective = Objective.LOG_POSTERIOR;
    private long seed = 1;
    private int restarts = 4;
    private int maxEvaluations = 20_000;
    private double initialSigma = 0.3;
    private int populationSize;

    private Builder() {}

    /**
     * Sets what to maximise.
     *
     * @param objective the objective
     * @return this builder
     */
    public Builder objective(Objective objective) {
      this.objective = Objects.requireNonNull(objective, "objective");
      return this;
    }

    /**
     * Sets the seed from which every run's generator is derived.
     *
     * @param seed any number
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the number of restarts after the first run.
     *
     * @param restarts zero or more
     * @return this builder
     */
    public Builder restarts(int restarts) {
      if (restarts < 0) {
        throw new IllegalArgumentException("restarts must not be negative but was " + restarts);
      }
      this.restarts = restarts;
      return this;
    }

    /**
     * Sets the evaluation budget of each run.
     *
     * @param maxEvaluations a positive number
     * @return this builder
     */
    public Builder maxEvaluations(int maxEvaluations) {
      if (maxEvaluations < 1) {
        throw new IllegalArgumentException(
            "maxEvaluations must be positive but was " + maxEvaluations);
      }
      this.maxEvaluations = maxEvaluations;
      return this;
    }

    /**
     * Sets the initial step size in the unit cube.
     *
     * @param initialSigma a number in {@code (0, 1]}
     * @return this builder
     */
    public Builder initialSigma(double initialSigma) {
      if (!(initialSigma > 0 && initialSigma <= 1)) {
        throw new IllegalArgumentException(
            "initialSigma must lie in (0, 1] (a fraction of the unit cube) but was "
                + initialSigma);
      }
      this.initialSigma = initialSigma;
      return this;
    }

    /**
     * Sets the first run's population size; each restart doubles it.
     *
     * @param populationSize at least 2
     * @return this builder
     */
    public Builder populationSize(int populationSize) {
      if (populationSize < 2) {
        throw new IllegalArgumentException(
            "populationSize must be at least 2 but was " + populationSize);
      }
      this.populationSize = populationSize;
      return this;
    }

    /**
     * The optimiser.
     *
     * @return the immutable optimiser
     */
    public CmaEsOptimizer build() {
      return new CmaEsOptimizer(this);
    }
  }
}

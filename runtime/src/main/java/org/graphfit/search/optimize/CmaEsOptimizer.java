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
 * A derivative-free global optimiser: Commons Math's CMA-ES restarted with doubling populations
 * (IPOP-CMA-ES, Auger and Hansen 2005), run without bounds in per-dimension search coordinates: a
 * bounded prior's unit-cube coordinate folded back into {@code [0, 1]} by reflection at the bounds,
 * and an unbounded prior's latent coordinate (the value, or its logarithm on a half line), which
 * keeps an optimum deep in a Gaussian prior's tail well scaled. Each dimension's initial step is
 * {@link Builder#initialSigma(double)} times the prior's interquartile range in these coordinates.
 * The first run starts at the prior medians, later runs at random draws from the prior. The runs
 * are independent, each seeded from {@link Builder#seed(long)}, and run concurrently on a {@link
 * TaskRunner}; the result does not depend on the thread count. Points where the objective is
 * negative infinity (failed likelihoods, broken constraints) get a large finite penalty. The result
 * carries the {@link LaplaceApproximation} at the best point. Immutable; make one with {@link
 * #builder()}.
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
   * initial step of 0.6 interquartile ranges, population {@code 4 + floor(3 ln n)} doubled at each
   * restart.
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
   * @throws IllegalStateException if no run found a point with a finite objective
   */
  public OptimumRun maximize(SearchProblem problem, TaskRunner runner) {
    long startNanos = System.nanoTime();
    long callsAtStart = problem.failures().calls();
    int n = problem.dimension();
    int runs = restarts + 1;
    long[] seeds = new long[runs];
    UniformRandomProvider seeder = RandomSource.SPLIT_MIX_64.create(seed);
    Arrays.setAll(seeds, r -> seeder.nextLong());
    int basePopulation =
        populationSize > 0 ? populationSize : 4 + (int) Math.floor(3 * Math.log(n));
    CmaCoordinates coordinates = new CmaCoordinates(problem);
    double[] sigma = coordinates.quartileRanges();
    for (int i = 0; i < n; i++) {
      sigma[i] *= initialSigma;
    }
    double[][] bestPoints = new double[runs][];
    double[] bestValues = new double[runs];
    int[] evaluations = new int[runs];
    runner.runAll(
        runs,
        r -> {
          UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds[r]);
          double[] unit = new double[n];
          for (int i = 0; i < n; i++) {
            unit[i] = r == 0 ? 0.5 : ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
          }
          BestTracker tracker = new BestTracker(problem, coordinates, n);
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
          try {
            cmaes.optimize(
                new MaxEval(maxEvaluations),
                new ObjectiveFunction(tracker::minimized),
                GoalType.MINIMIZE,
                new InitialGuess(coordinates.fromUnit(unit)),
                SimpleBounds.unbounded(n),
                new CMAESOptimizer.Sigma(sigma),
                new CMAESOptimizer.PopulationSize(basePopulation << Math.min(r, 20)));
          } catch (TooManyEvaluationsException e) {
            // The budget is spent: keep the best point seen.
          }
          bestPoints[r] = tracker.bestVector;
          bestValues[r] = tracker.bestValue;
          evaluations[r] = tracker.evaluations;
        });
    int bestRun = 0;
    for (int r = 1; r < runs; r++) {
      if (bestValues[r] > bestValues[bestRun]) {
        bestRun = r;
      }
    }
    double[] best = bestPoints[bestRun];
    if (best == null) {
      String failure = problem.failures().firstMessage();
      throw new IllegalStateException(
          "CMA-ES found no point with a finite objective in "
              + runs
              + " runs"
              + (failure == null
                  ? "; the log-likelihood was negative infinity everywhere it looked"
                  : "; likelihood calls failed, e.g. " + failure));
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
            + " evaluations in all",
        // every run ended on its own stopping rule; no finite point at all throws above
        true);
  }

  /**
   * The objective of one run in search coordinates, negated for minimisation, remembering the best.
   */
  private final class BestTracker {
    private final SearchProblem problem;
    private final CmaCoordinates coordinates;
    private final double[] unit;
    private final double[] vector;
    double[] bestVector;
    double bestValue = Double.NEGATIVE_INFINITY;
    int evaluations;

    BestTracker(SearchProblem problem, CmaCoordinates coordinates, int dimension) {
      this.problem = problem;
      this.coordinates = coordinates;
      this.unit = new double[dimension];
      this.vector = new double[dimension];
    }

    double minimized(double[] point) {
      evaluations++;
      coordinates.toVector(point, unit, vector);
      double value = objective.value(problem, vector);
      if (value > bestValue) {
        bestValue = value;
        bestVector = vector.clone();
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
    private double initialSigma = 0.6;
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
     * Sets the initial step size in each dimension, in units of the prior's interquartile range in
     * search coordinates (0.5 for a bounded prior's unit-cube coordinate).
     *
     * @param initialSigma a positive, finite factor
     * @return this builder
     */
    public Builder initialSigma(double initialSigma) {
      if (!(initialSigma > 0) || !Double.isFinite(initialSigma)) {
        throw new IllegalArgumentException(
            "initialSigma must be positive and finite (a multiple of the interquartile"
                + " range) but was "
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

package org.graphfit.search.optimize;

import java.util.Arrays;
import java.util.Objects;
import org.graphfit.search.SearchProblem;

/**
 * A local optimiser: L-BFGS with finite-difference gradients and a strong-Wolfe line search, run in
 * the unconstrained latent space of the prior's support (a logistic map onto bounded intervals, an
 * exponential onto half lines, the identity on the real line). It maximises the objective itself,
 * without a Jacobian term, so its optimum is the mode in parameter space. The result carries the
 * {@link LaplaceApproximation} at the optimum. Immutable; make one with {@link #builder()}.
 */
public final class QuasiNewtonOptimizer {
  private final Objective objective;
  private final int memory;
  private final int maxIterations;
  private final double gradientTolerance;
  private final double valueTolerance;

  private QuasiNewtonOptimizer(Builder builder) {
    this.objective = builder.objective;
    this.memory = builder.memory;
    this.maxIterations = builder.maxIterations;
    this.gradientTolerance = builder.gradientTolerance;
    this.valueTolerance = builder.valueTolerance;
  }

  /**
   * A builder with the defaults: log posterior, memory 10, 1000 iterations, gradient tolerance 1e-8
   * and value tolerance 1e-13 (both relative to {@code max(1, |objective|)}).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What this optimiser maximises.
   *
   * @return the objective
   */
  public Objective objective() {
    return objective;
  }

  /**
   * Maximises from the prior medians.
   *
   * @param problem the problem
   * @return the optimum
   */
  public OptimumRun maximize(SearchProblem problem) {
    double[] unit = new double[problem.dimension()];
    Arrays.fill(unit, 0.5);
    double[] start = new double[unit.length];
    problem.vectorFromUnit(unit, start);
    return maximize(problem, start);
  }

  /**
   * Maximises from a start point.
   *
   * @param problem the problem
   * @param start the start, strictly inside the prior's support
   * @return the optimum
   * @throws IllegalArgumentException if the start has the wrong length or lies on or outside a
   *     bound
   */
  public OptimumRun maximize(SearchProblem problem, double[] start) {
    long startNanos = System.nanoTime();
    long callsAtStart = problem.failures().calls();
    Lbfgs.Result result = minimize(problem, start);
    double[] x = new double[problem.dimension()];
    new LatentSpace(problem).toVector(result.point, x);
    return OptimumRun.finish(
        problem,
        objective,
        x,
        callsAtStart,
        startNanos,
        "L-BFGS: " + result.status + " after " + result.iterations + " iterations",
        result.status != Lbfgs.Status.MAX_ITERATIONS
            && result.status != Lbfgs.Status.NOT_FINITE_START);
  }

  /**
   * Climbs from a start point as {@link #maximize(SearchProblem, double[])} does, without
   * evaluating the result or its Laplace approximation: a cheap local maximum, e.g. for a check.
   *
   * @param problem the problem
   * @param start the start, strictly inside the prior's support
   * @return the best point found (the start if the objective is not finite there)
   * @throws IllegalArgumentException if the start has the wrong length or lies on or outside a
   *     bound
   */
  public double[] climb(SearchProblem problem, double[] start) {
    Lbfgs.Result result = minimize(problem, start);
    double[] x = new double[problem.dimension()];
    new LatentSpace(problem).toVector(result.point, x);
    return x;
  }

  /** Minimises minus the objective in latent space from a start point. */
  private Lbfgs.Result minimize(SearchProblem problem, double[] start) {
    int n = problem.dimension();
    if (start.length != n) {
      throw new IllegalArgumentException(
          "the start has " + start.length + " values but the problem has dimension " + n);
    }
    LatentSpace latent = new LatentSpace(problem);
    double[] z = new double[n];
    latent.toLatent(start, z);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(z[i])) {
        throw new IllegalArgumentException(
            "the start must lie strictly inside the prior's support but "
                + problem.name(i)
                + " = "
                + start[i]);
      }
    }
    Lbfgs lbfgs =
        new Lbfgs(
            point -> {
              double[] vector = new double[n];
              latent.toVector(point, vector);
              return -objective.value(problem, vector);
            },
            memory,
            maxIterations,
            gradientTolerance,
            valueTolerance);
    return lbfgs.minimize(z);
  }

  /** Collects settings; every setter validates its argument. */
  public static final class Builder {
    private Objective objective = Objective.LOG_POSTERIOR;
    private int memory = 10;
    private int maxIterations = 1000;
    private double gradientTolerance = 1e-8;
    private double valueTolerance = 1e-13;

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
     * Sets the number of correction pairs kept.
     *
     * @param memory a positive number
     * @return this builder
     */
    public Builder memory(int memory) {
      if (memory < 1) {
        throw new IllegalArgumentException("memory must be positive but was " + memory);
      }
      this.memory = memory;
      return this;
    }

    /**
     * Sets the iteration limit.
     *
     * @param maxIterations a positive number
     * @return this builder
     */
    public Builder maxIterations(int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException(
            "maxIterations must be positive but was " + maxIterations);
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /**
     * Sets the stopping tolerances, relative to {@code max(1, |objective|)}.
     *
     * @param gradient stop when the largest latent gradient component is at most this
     * @param value stop when an iteration improves the objective by at most this
     * @return this builder
     */
    public Builder tolerances(double gradient, double value) {
      if (!(gradient >= 0) || !(value >= 0)) {
        throw new IllegalArgumentException(
            "tolerances must be non-negative but were " + gradient + " and " + value);
      }
      this.gradientTolerance = gradient;
      this.valueTolerance = value;
      return this;
    }

    /**
     * The optimiser.
     *
     * @return the immutable optimiser
     */
    public QuasiNewtonOptimizer build() {
      return new QuasiNewtonOptimizer(this);
    }
  }
}

package org.graphfit.search;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.graphfit.analysis.Analysis;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;

/** Builds {@link SearchProblem}s from a model and an analysis, or from priors and a function. */
public final class SearchProblems {
  private SearchProblems() {}

  /**
   * The problem of fitting a model to one analysis.
   *
   * @param layout the model's layout
   * @param analysis its likelihood
   * @param <T> the instance type
   * @return the problem
   */
  public static <T> SearchProblem of(ModelLayout<T> layout, Analysis<T> analysis) {
    Objects.requireNonNull(analysis, "analysis");
    Prior[] priors = new Prior[layout.priorCount()];
    for (int i = 0; i < priors.length; i++) {
      priors[i] = layout.prior(i);
    }
    return new PriorLikelihoodProblem(
        priors,
        layout.freeParameterPaths(),
        vector -> analysis.logLikelihood(layout.instanceFromVector(vector)),
        layout.hasConstraints() ? layout::satisfiesConstraints : null);
  }

  /**
   * A problem given directly by priors and a log-likelihood over vectors, as used by benchmarks.
   *
   * @param priors one prior per dimension
   * @param logLikelihood the log-likelihood
   * @return the problem, with dimensions named {@code x0, x1, ...}
   */
  public static SearchProblem of(Prior[] priors, ToDoubleFunction<double[]> logLikelihood) {
    String[] names = new String[priors.length];
    Arrays.setAll(names, i -> "x" + i);
    return new PriorLikelihoodProblem(priors.clone(), List.of(names), logLikelihood, null);
  }

  /** Priors, a likelihood and optional constraints, with failure accounting. */
  private static final class PriorLikelihoodProblem implements SearchProblem {
    private final Prior[] priors;
    private final List<String> names;
    private final ToDoubleFunction<double[]> likelihood;
    private final Predicate<double[]> constraints;
    private final LikelihoodFailures failures = new LikelihoodFailures();
    private final Function<double[], String> describe;

    PriorLikelihoodProblem(
        Prior[] priors,
        List<String> names,
        ToDoubleFunction<double[]> likelihood,
        Predicate<double[]> constraints) {
      if (priors.length == 0) {
        throw new IllegalArgumentException(
            "the model has no free parameters; give at least one parameter a prior");
      }
      this.priors = priors;
      this.names = List.copyOf(names);
      this.describe = vector -> this.names + " = " + Arrays.toString(vector);
      this.likelihood = Objects.requireNonNull(likelihood, "logLikelihood");
      this.constraints = constraints;
    }

    @Override
    public int dimension() {
      return priors.length;
    }

    @Override
    public void vectorFromUnit(double[] unit, double[] vector) {
      for (int i = 0; i < priors.length; i++) {
        vector[i] = priors[i].valueFromUnit(unit[i]);
      }
    }

    @Override
    public double logPrior(double[] vector) {
      if (constraints != null && !constraints.test(vector)) {
        return Double.NEGATIVE_INFINITY;
      }
      double sum = 0;
      for (int i = 0; i < priors.length; i++) {
        sum += priors[i].logDensity(vector[i]);
      }
      return sum;
    }

    @Override
    public double logLikelihood(double[] vector) {
      for (int i = 0; i < priors.length; i++) {
        if (!priors[i].contains(vector[i])) {
          return Double.NEGATIVE_INFINITY;
        }
      }
      if (constraints != null && !constraints.test(vector)) {
        return Double.NEGATIVE_INFINITY;
      }
      return failures.evaluate(likelihood, vector, describe);
    }

    @Override
    public double lowerBound(int dimension) {
      return priors[dimension].lowerBound();
    }

    @Override
    public double upperBound(int dimension) {
      return priors[dimension].upperBound();
    }

    @Override
    public String name(int dimension) {
      return names.get(dimension);
    }

    @Override
    public LikelihoodFailures failures() {
      return failures;
    }
  }
}

package org.graphfit.graph;

import org.graphfit.prior.Prior;
import org.graphfit.search.LikelihoodFailures;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.optimize.QuasiNewtonOptimizer;

/**
 * A local climb in the priors' own latent coordinates ({@link Prior#toLatent(double)}), where a
 * log-uniform normalization over twelve decades moves by its logarithm, not by its value as in the
 * optimiser's latent space of bounds. The log posterior there is the likelihood times the latent
 * densities of the priors (with their Jacobians), so a prior that piles its density against a bound
 * (a log-uniform's {@code 1/x}) does not pull a climb onto that bound.
 *
 * @param end the values where the climb ended
 * @param value the objective there: the log-likelihood, or the latent log posterior
 */
record LatentClimb(double[] end, double value) {
  /**
   * Climbs from values strictly inside the priors' supports.
   *
   * @param optimizer the optimiser, whose objective is climbed
   * @param problem the problem in parameter values
   * @param priors its priors, one per dimension
   * @param from the start
   * @return the end, the start (objective negative infinity) where a start is not strictly inside
   */
  static LatentClimb of(
      QuasiNewtonOptimizer optimizer, SearchProblem problem, Prior[] priors, double[] from) {
    LatentProblem latent = new LatentProblem(problem, priors);
    double[] z = new double[from.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = priors[i].toLatent(from[i]);
      if (!Double.isFinite(z[i])) {
        return new LatentClimb(from.clone(), Double.NEGATIVE_INFINITY);
      }
    }
    double[] end = optimizer.climb(latent, z);
    return new LatentClimb(latent.values(end), optimizer.objective().value(latent, end));
  }

  /** A problem over the priors' latent coordinates, the whole real line in every dimension. */
  private static final class LatentProblem implements SearchProblem {
    private final SearchProblem problem;
    private final Prior[] priors;

    LatentProblem(SearchProblem problem, Prior[] priors) {
      this.problem = problem;
      this.priors = priors;
    }

    double[] values(double[] latent) {
      double[] vector = new double[latent.length];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = priors[i].fromLatent(latent[i]);
      }
      return vector;
    }

    @Override
    public int dimension() {
      return priors.length;
    }

    @Override
    public void vectorFromUnit(double[] unit, double[] vector) {
      for (int i = 0; i < vector.length; i++) {
        vector[i] = priors[i].toLatent(priors[i].valueFromUnit(unit[i]));
      }
    }

    @Override
    public double logPrior(double[] latent) {
      if (problem.logPrior(values(latent)) == Double.NEGATIVE_INFINITY) {
        return Double.NEGATIVE_INFINITY;
      }
      double sum = 0;
      for (int i = 0; i < latent.length; i++) {
        sum += priors[i].latentLogDensity(latent[i]);
      }
      return sum;
    }

    @Override
    public double logLikelihood(double[] latent) {
      return problem.logLikelihood(values(latent));
    }

    @Override
    public double lowerBound(int dimension) {
      return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double upperBound(int dimension) {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public String name(int dimension) {
      return problem.name(dimension);
    }

    @Override
    public LikelihoodFailures failures() {
      return problem.failures();
    }
  }
}

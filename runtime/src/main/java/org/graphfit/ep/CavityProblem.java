package org.graphfit.ep;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.graphfit.prior.Prior;
import org.graphfit.search.LikelihoodFailures;
import org.graphfit.search.SearchProblem;

/**
 * A factor's tilted distribution as a {@link SearchProblem}: the factor's likelihood with the
 * cavity as prior, except for the variables whose own prior the factor includes (variables no other
 * factor contains), which keep that exact prior. In <em>latent</em> coordinates (the Laplace path)
 * the vector is {@code z} itself, the log prior is the cavity's unnormalised log kernel {@code
 * -Λz²/2 + ηz} (so the cavity may be improper as long as the tilted density is not) and the unit
 * transform, which optimisers only use for scales, is that of the current global approximation. In
 * <em>physical</em> coordinates (samplers) the cavity must be proper, {@code z_j ~ N(m_j, s_j)};
 * the vector is {@code x_j = fromLatent(z_j)}, the cavity pushed through the priors' bijections,
 * with unit transform {@code u -> fromLatent(m + s Φ⁻¹(u))} and normalised log prior {@code log
 * N(z; m, s) - logJacobian(z)}, so samplers see the parameters' own support. A variable with its
 * own prior has log prior {@code prior.latentLogDensity(z)} in latent coordinates, and the prior's
 * own unit transform and density in physical coordinates.
 */
final class CavityProblem implements SearchProblem {
  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private final List<String> names;
  private final Prior[] priors;
  private final boolean[] ownPrior;
  private final GaussianMessage[] cavity;
  private final double[] means;
  private final double[] sds;
  private final boolean latent;
  private final ToDoubleFunction<double[]> likelihood;
  private final LikelihoodFailures failures = new LikelihoodFailures();

  /**
   * A problem.
   *
   * @param names the dimensions' names
   * @param priors the variables' priors (for their latent maps and supports)
   * @param ownPrior for each variable, whether its exact prior replaces its (flat) cavity
   * @param cavity the cavity messages
   * @param transform the proper Gaussians of the unit transform: the cavity in physical coordinates
   *     (ignored where the prior is the variable's own), any proper approximation in latent
   *     coordinates
   * @param latent whether the vector is latent
   * @param likelihood the log-likelihood of physical values
   */
  CavityProblem(
      List<String> names,
      Prior[] priors,
      boolean[] ownPrior,
      GaussianMessage[] cavity,
      GaussianMessage[] transform,
      boolean latent,
      ToDoubleFunction<double[]> likelihood) {
    this.names = names;
    this.priors = priors;
    this.ownPrior = ownPrior;
    this.cavity = cavity;
    this.means = new double[cavity.length];
    this.sds = new double[cavity.length];
    for (int j = 0; j < cavity.length; j++) {
      boolean own = !latent && ownPrior[j];
      means[j] = own ? Double.NaN : transform[j].mean();
      sds[j] = own ? Double.NaN : transform[j].sd();
    }
    this.latent = latent;
    this.likelihood = likelihood;
  }

  @Override
  public int dimension() {
    return priors.length;
  }

  @Override
  public void vectorFromUnit(double[] unit, double[] vector) {
    for (int j = 0; j < priors.length; j++) {
      if (!latent && ownPrior[j]) {
        vector[j] = priors[j].valueFromUnit(unit[j]);
      } else {
        double z = means[j] + sds[j] * STANDARD.inverseCumulativeProbability(unit[j]);
        vector[j] = latent ? z : priors[j].fromLatent(z);
      }
    }
  }

  @Override
  public double logPrior(double[] vector) {
    double sum = 0;
    for (int j = 0; j < priors.length; j++) {
      if (ownPrior[j]) {
        sum += latent ? priors[j].latentLogDensity(vector[j]) : priors[j].logDensity(vector[j]);
      } else if (latent) {
        sum += cavity[j].logKernel(vector[j]);
      } else {
        double z = priors[j].toLatent(vector[j]);
        double t = (z - means[j]) / sds[j];
        sum += -0.5 * t * t - Math.log(sds[j]) - HALF_LOG_TWO_PI - priors[j].logJacobian(z);
      }
    }
    return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
  }

  @Override
  public double logLikelihood(double[] vector) {
    double[] physical = new double[priors.length];
    for (int j = 0; j < priors.length; j++) {
      physical[j] = latent ? priors[j].fromLatent(vector[j]) : vector[j];
      if (!(physical[j] > priors[j].lowerBound() && physical[j] < priors[j].upperBound())) {
        return Double.NEGATIVE_INFINITY;
      }
    }
    return failures.evaluate(likelihood, physical, Arrays::toString);
  }

  @Override
  public double lowerBound(int dimension) {
    return latent ? Double.NEGATIVE_INFINITY : priors[dimension].lowerBound();
  }

  @Override
  public double upperBound(int dimension) {
    return latent ? Double.POSITIVE_INFINITY : priors[dimension].upperBound();
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

package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;

/**
 * Hierarchical toys with a closed-form or 2-D-quadrature answer: dataset {@code i} measures its
 * centre {@code x_i} once with Gaussian noise, {@code y_i ~ N(x_i, noise)}; {@code x_i ~ N(mu,
 * tau)}; each centre has the wide prior {@code N(0, CENTRE_PRIOR_SD)}.
 */
final class HierarchicalToys {
  static final double CENTRE_PRIOR_SD = 100;
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  final FactorGraph graph = new FactorGraph();
  final List<GaussianModel> models = new ArrayList<>();
  final double[] observations;
  final double noise;

  private HierarchicalToys(double[] observations, double noise) {
    this.observations = observations;
    this.noise = noise;
  }

  /** Observations simulated from the model. */
  static double[] simulate(long seed, int count, double mu, double tau, double noise) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] y = new double[count];
    for (int i = 0; i < count; i++) {
      double x = mu + tau * gaussian.sample();
      y[i] = x + noise * gaussian.sample();
    }
    return y;
  }

  /** The log-likelihood of one measurement, normalised. */
  static Analysis<Gaussian> measurement(double y, double noise) {
    return g -> {
      double t = (y - g.centre()) / noise;
      return -0.5 * t * t - Math.log(noise) - HALF_LOG_TWO_PI;
    };
  }

  /** A graph of the datasets with the analyses made by {@code analyses} and the hierarchy. */
  static HierarchicalToys of(
      double[] y,
      double noise,
      HierarchicalFactor hierarchy,
      java.util.function.IntFunction<Analysis<Gaussian>> analyses) {
    return of(y, noise, hierarchy, analyses, Prior.gaussian(0, CENTRE_PRIOR_SD));
  }

  /** As above, with another prior on every centre. */
  static HierarchicalToys of(
      double[] y,
      double noise,
      HierarchicalFactor hierarchy,
      java.util.function.IntFunction<Analysis<Gaussian>> analyses,
      Prior centrePrior) {
    HierarchicalToys toy = new HierarchicalToys(y, noise);
    for (int i = 0; i < y.length; i++) {
      GaussianModel model =
          GaussianModel.withDefaults().centre(centrePrior).normalization(1.0).sigma(1.0);
      toy.models.add(model);
      toy.graph.add(AnalysisFactor.of(model, analyses.apply(i)).named("dataset_" + i));
      hierarchy.draw(model.centre());
    }
    toy.graph.add(hierarchy);
    return toy;
  }

  /** A graph with plain measurement likelihoods. */
  static HierarchicalToys of(double[] y, double noise, HierarchicalFactor hierarchy) {
    return of(y, noise, hierarchy, i -> measurement(y[i], noise));
  }

  /**
   * The exact marginal log posterior of {@code (mu, sigma)} up to a constant, centres integrated
   * out: {@code sum_i log N(mu; m_i, v + sigma²)} with {@code v, m_i} the centre's posterior from
   * its prior and measurement alone.
   */
  double logMarginal(double mu, double sigma) {
    double v = 1 / (1 / (CENTRE_PRIOR_SD * CENTRE_PRIOR_SD) + 1 / (noise * noise));
    double sum = 0;
    for (double y : observations) {
      double m = v * y / (noise * noise);
      double s2 = v + sigma * sigma;
      sum += -0.5 * (mu - m) * (mu - m) / s2 - 0.5 * Math.log(s2);
    }
    return sum;
  }
}

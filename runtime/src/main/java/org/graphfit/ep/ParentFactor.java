package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.ParentDistribution;
import org.graphfit.prior.GaussianPrior;
import org.graphfit.prior.Prior;

/**
 * One drawn parameter of a {@link org.graphfit.graph.HierarchicalFactor} as its own small EP factor,
 * {@code p(x_i | hyper-parameters)}, over {@code x_i} and the free hyper-parameters (fixed
 * hyper-parameters are constants). It is updated deterministically by adaptive Gauss–Hermite
 * quadrature of factor times cavity in latent space, with no sampler noise.
 *
 * <p>For a Gaussian parent and a drawn parameter with a Gaussian prior (identity latent map) the
 * integral over {@code x_i} is done in closed form: {@code ∫ N(x; μ, σ) N(x; m, v) dx = N(μ; m, v +
 * σ²)}, and the moments of {@code x_i} are averages of the conditional posterior {@code N((m/v +
 * μ/σ²) / (1/v + 1/σ²), 1 / (1/v + 1/σ²))} over the quadrature nodes of {@code (μ, σ)}. Otherwise all
 * variables are integrated on a product grid.
 *
 * <p>Why this prevents the collapse of the scale {@code σ}: a per-dataset fit whose result is used
 * as a point estimate (or a noisy sample) makes the drawn values look more alike than they are, and a
 * fit of {@code σ} to those values drives it towards zero. Here every update of {@code σ} integrates
 * over the whole cavity of {@code x_i}, so its message sees {@code v + σ²}: as {@code σ → 0} the factor
 * tends to the finite {@code N(μ; m, v)} instead of a spike, and the scale's tilted distribution stays
 * as wide as the data allow; no random numbers enter, so no noise can push it to zero.
 */
final class ParentFactor implements EpFactor {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final int ORDER_2D = 24;
  private static final int ORDER_3D = 12;
  private static final int PASSES = 4;

  private final String name;
  private final ParentDistribution distribution;
  private final Prior drawnPrior;
  private final Prior[] hyperPriors;
  private final double[] fixedHyper;
  private final int[] hyperSlot;
  private final List<Integer> variables;
  private final boolean analytic;

  /**
   * A factor.
   *
   * @param name its name
   * @param distribution the parent family
   * @param drawnVariable the drawn parameter's variable index
   * @param drawnPrior its prior
   * @param hyperVariables each hyper-parameter's variable index, or -1 if fixed
   * @param hyperPriors each free hyper-parameter's prior (null where fixed)
   * @param fixedHyper each fixed hyper-parameter's value (ignored where free)
   */
  ParentFactor(
      String name,
      ParentDistribution distribution,
      int drawnVariable,
      Prior drawnPrior,
      int[] hyperVariables,
      Prior[] hyperPriors,
      double[] fixedHyper) {
    this.name = name;
    this.distribution = distribution;
    this.drawnPrior = drawnPrior;
    this.hyperPriors = hyperPriors.clone();
    this.fixedHyper = fixedHyper.clone();
    this.hyperSlot = new int[hyperVariables.length];
    List<Integer> scope = new ArrayList<>();
    scope.add(drawnVariable);
    for (int h = 0; h < hyperVariables.length; h++) {
      hyperSlot[h] = hyperVariables[h] < 0 ? -1 : scope.size();
      if (hyperVariables[h] >= 0) {
        scope.add(hyperVariables[h]);
      }
    }
    this.variables = List.copyOf(scope);
    this.analytic = distribution instanceof GaussianParent && drawnPrior instanceof GaussianPrior;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Integer> variables() {
    return variables;
  }

  /** The hyper-parameters at a point whose slot {@code s} is at {@code z[s - offset]}. */
  private double[] hyper(double[] z, int offset) {
    double[] values = new double[hyperSlot.length];
    for (int h = 0; h < values.length; h++) {
      values[h] =
          hyperSlot[h] < 0 ? fixedHyper[h] : hyperPriors[h].fromLatent(z[hyperSlot[h] - offset]);
    }
    return values;
  }

  @Override
  public FactorResult update(FactorTask task) {
    long start = System.nanoTime();
    for (GaussianMessage cavity : task.cavity()) {
      if (!cavity.isProper()) {
        return FactorResult.failed(
            task, UpdateStatus.IMPROPER_CAVITY, "cavity " + cavity, PriorFactor.seconds(start));
      }
    }
    try {
      Projection projection = analytic ? analytic(task) : grid(task);
      if (projection == null) {
        return FactorResult.failed(
            task, UpdateStatus.NON_FINITE_MOMENTS, "no finite quadrature weight",
            PriorFactor.seconds(start));
      }
      return new FactorResult(
          task.factor(), UpdateStatus.OK, projection.moments, projection.logNormaliser, "",
          PriorFactor.seconds(start));
    } catch (RuntimeException e) {
      return FactorResult.failed(
          task, UpdateStatus.NON_FINITE_MOMENTS, e.toString(), PriorFactor.seconds(start));
    }
  }

  /** Projected moments and the log normaliser of one update. */
  private record Projection(GaussianMessage[] moments, double logNormaliser) {}

  private Projection analytic(FactorTask task) {
    GaussianMessage cavityX = task.cavity()[0];
    double m = cavityX.mean();
    double v = cavityX.variance();
    int d = variables.size() - 1;
    double[][] points;
    double[] weights;
    double logNormaliser;
    GaussianMessage[] moments = new GaussianMessage[d + 1];
    AdaptiveQuadrature.LogFactor factor =
        z -> {
          double[] hyper = hyper(z, 1);
          double s2 = hyper[1] * hyper[1];
          if (!(s2 > 0)) {
            return Double.NEGATIVE_INFINITY;
          }
          double t = hyper[0] - m;
          return -0.5 * t * t / (v + s2) - 0.5 * Math.log(v + s2) - HALF_LOG_TWO_PI;
        };
    if (d == 0) {
      points = new double[][] {{}};
      weights = new double[] {1};
      logNormaliser = factor.at(new double[0]);
    } else {
      GaussianMessage[] cavity = new GaussianMessage[d];
      GaussianMessage[] current = new GaussianMessage[d];
      System.arraycopy(task.cavity(), 1, cavity, 0, d);
      System.arraycopy(task.current(), 1, current, 0, d);
      AdaptiveQuadrature.Nodes nodes =
          AdaptiveQuadrature.integrate(factor, cavity, current, ORDER_2D, PASSES);
      if (nodes == null) {
        return null;
      }
      points = nodes.points;
      weights = nodes.weights;
      logNormaliser = nodes.logNormaliser;
      for (int j = 0; j < d; j++) {
        moments[j + 1] = GaussianMessage.ofMoments(nodes.mean[j], nodes.covariance[j][j]);
      }
    }
    double[] conditionalMean = new double[points.length];
    double[] conditionalVariance = new double[points.length];
    double mean = 0;
    for (int k = 0; k < points.length; k++) {
      if (weights[k] == 0) {
        continue;
      }
      double[] hyper = hyper(points[k], 1);
      double precision = 1 / v + 1 / (hyper[1] * hyper[1]);
      conditionalVariance[k] = 1 / precision;
      conditionalMean[k] = (m / v + hyper[0] / (hyper[1] * hyper[1])) / precision;
      mean += weights[k] * conditionalMean[k];
    }
    double variance = 0;
    for (int k = 0; k < points.length; k++) {
      double difference = conditionalMean[k] - mean;
      variance += weights[k] * (conditionalVariance[k] + difference * difference);
    }
    moments[0] = GaussianMessage.ofMoments(mean, variance);
    return new Projection(moments, logNormaliser);
  }

  private Projection grid(FactorTask task) {
    AdaptiveQuadrature.Nodes nodes =
        AdaptiveQuadrature.integrate(
            z -> distribution.logDensity(drawnPrior.fromLatent(z[0]), hyper(z, 0)),
            task.cavity(),
            task.current(),
            ORDER_3D,
            PASSES);
    if (nodes == null) {
      return null;
    }
    GaussianMessage[] moments = new GaussianMessage[variables.size()];
    for (int j = 0; j < moments.length; j++) {
      moments[j] = GaussianMessage.ofMoments(nodes.mean[j], nodes.covariance[j][j]);
    }
    return new Projection(moments, nodes.logNormaliser);
  }
}

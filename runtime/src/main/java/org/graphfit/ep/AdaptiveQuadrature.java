package org.graphfit.ep;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Adaptive Gauss–Hermite quadrature of a tilted distribution {@code f(z) prod_j cavity_j(z_j)} in a
 * few latent dimensions, the cavity messages taken unnormalised ({@link
 * GaussianMessage#logKernel(double)}), so that the log normaliser is {@code log ∫ f · exp(kernel)}.
 * The product grid of {@code n} Gauss–Hermite nodes per dimension is laid over a Gaussian proposal
 * {@code N(p, C)} and each node is weighted by {@code f · cavity / N(p, C)}; after each pass the
 * proposal moves to the weighted mean and covariance of the nodes, so the grid follows the tilted
 * distribution even when the factor is much narrower than the cavity. The first proposal is the
 * current global approximation, which at convergence is the tilted distribution's Gaussian
 * projection. Deterministic: no random numbers.
 */
final class AdaptiveQuadrature {
  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
  private static final ConcurrentMap<Integer, double[][]> RULES = new ConcurrentHashMap<>();

  /** The log of the factor at a latent point. */
  @FunctionalInterface
  interface LogFactor {
    /**
     * The log factor.
     *
     * @param z the point; a buffer the caller reuses, not to be kept
     * @return the log of the factor
     */
    double at(double[] z);
  }

  /** The weighted nodes of the last pass: the normalised weights, the nodes and log Z. */
  static final class Nodes {
    /** The nodes, row-major: node {@code k}'s coordinate {@code j} is at {@code k * d + j}. */
    private final double[] points;

    private final int dimension;
    final double[] weights;
    final double logNormalizer;
    final double[] mean;
    final double[][] covariance;

    Nodes(
        double[] points,
        int dimension,
        double[] weights,
        double logNormalizer,
        double[] mean,
        double[][] covariance) {
      this.points = points;
      this.dimension = dimension;
      this.weights = weights;
      this.logNormalizer = logNormalizer;
      this.mean = mean;
      this.covariance = covariance;
    }

    /**
     * Copies node {@code k} into {@code z}.
     *
     * @param k the node
     * @param z receives its coordinates
     */
    void copyPoint(int k, double[] z) {
      for (int j = 0; j < dimension; j++) {
        z[j] = points[k * dimension + j];
      }
    }
  }

  private AdaptiveQuadrature() {}

  /**
   * Integrates {@code f · cavity} with {@code passes} re-centred grids.
   *
   * @param factor log f
   * @param cavity one cavity message per dimension, used unnormalised; the product with the factor
   *     must be integrable
   * @param start the first proposal, one proper message per dimension
   * @param nodesPerDimension the Gauss–Hermite order
   * @param passes the number of grids, at least 1
   * @return the nodes of the last good pass, or null if even the first pass had no finite weight
   */
  static Nodes integrate(
      LogFactor factor,
      GaussianMessage[] cavity,
      GaussianMessage[] start,
      int nodesPerDimension,
      int passes) {
    int d = cavity.length;
    double[] proposalMean = new double[d];
    double[][] proposalCovariance = new double[d][d];
    for (int j = 0; j < d; j++) {
      proposalMean[j] = start[j].mean();
      proposalCovariance[j][j] = start[j].variance();
    }
    Nodes best = null;
    // two sets of node buffers, used in turn: the last good pass's nodes stay intact
    int count = (int) Math.pow(nodesPerDimension, d);
    double[][] points = {new double[count * d], new double[count * d]};
    double[][] weights = {new double[count], new double[count]};
    for (int pass = 0; pass < passes; pass++) {
      double[][] chol = cholesky(proposalCovariance);
      if (chol == null) {
        break;
      }
      Nodes nodes =
          pass(
              factor,
              cavity,
              proposalMean,
              chol,
              nodesPerDimension,
              points[pass % 2],
              weights[pass % 2]);
      if (nodes == null) {
        break;
      }
      best = nodes;
      proposalMean = nodes.mean;
      proposalCovariance = nodes.covariance;
    }
    return best;
  }

  /** One pass, writing its nodes into {@code points} and their weights into {@code weights}. */
  private static Nodes pass(
      LogFactor factor,
      GaussianMessage[] cavity,
      double[] mean,
      double[][] chol,
      int order,
      double[] points,
      double[] weights) {
    int d = mean.length;
    double[][] rule = rule(order);
    int count = weights.length;
    double logDetChol = 0;
    for (int j = 0; j < d; j++) {
      logDetChol += Math.log(chol[j][j]);
    }
    double[] t = new double[d];
    double[] z = new double[d];
    double maxLog = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      int rest = k;
      double logRule = 0;
      double tt = 0;
      for (int j = 0; j < d; j++) {
        int index = rest % order;
        rest /= order;
        t[j] = rule[0][index];
        logRule += rule[1][index];
        tt += t[j] * t[j];
      }
      double logCavity = 0;
      for (int i = 0; i < d; i++) {
        double sum = mean[i];
        for (int j = 0; j <= i; j++) {
          sum += chol[i][j] * t[j];
        }
        z[i] = sum;
        points[k * d + i] = sum;
        logCavity += cavity[i].logKernel(sum);
      }
      double logProposal = -0.5 * tt - logDetChol - 0.5 * d * LOG_TWO_PI;
      double value = logRule + factor.at(z) + logCavity - logProposal;
      // the log weights, turned into weights below
      weights[k] = Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
      maxLog = Math.max(maxLog, weights[k]);
    }
    if (!Double.isFinite(maxLog)) {
      return null;
    }
    double total = 0;
    for (int k = 0; k < count; k++) {
      weights[k] = Math.exp(weights[k] - maxLog);
      total += weights[k];
    }
    double[] newMean = new double[d];
    for (int k = 0; k < count; k++) {
      weights[k] /= total;
      for (int j = 0; j < d; j++) {
        newMean[j] += weights[k] * points[k * d + j];
      }
    }
    double[][] covariance = new double[d][d];
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < d; i++) {
        double di = points[k * d + i] - newMean[i];
        for (int j = 0; j <= i; j++) {
          covariance[i][j] += weights[k] * di * (points[k * d + j] - newMean[j]);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        covariance[j][i] = covariance[i][j];
      }
    }
    return new Nodes(points, d, weights, maxLog + Math.log(total), newMean, covariance);
  }

  /** The lower Cholesky factor, or null if the matrix is not positive definite or not finite. */
  static double[][] cholesky(double[][] a) {
    int d = a.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(sum > 0) || !Double.isFinite(sum)) {
            return null;
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }

  /**
   * The Gauss–Hermite rule for the standard normal: nodes and log weights (weights summing to 1).
   *
   * @param order the number of nodes
   * @return {@code {nodes, logWeights}}
   */
  static double[][] rule(int order) {
    return RULES.computeIfAbsent(
        order,
        n -> {
          GaussIntegrator hermite = new GaussIntegratorFactory().hermite(n);
          double[][] rule = new double[2][n];
          for (int i = 0; i < n; i++) {
            rule[0][i] = Math.sqrt(2) * hermite.getPoint(i);
            rule[1][i] = Math.log(hermite.getWeight(i) / Math.sqrt(Math.PI));
          }
          return rule;
        });
  }

  /**
   * The mean and standard deviation of {@code g(z)} for {@code z ~ N(mean, sd)} by Gauss–Hermite
   * quadrature of the given order.
   *
   * @param g the map, e.g. a prior's {@code fromLatent}
   * @param latent the Gaussian
   * @param order the number of nodes
   * @return {@code {mean, sd}}
   */
  static double[] pushForward(
      java.util.function.DoubleUnaryOperator g, GaussianMessage latent, int order) {
    double[][] rule = rule(order);
    double m = latent.mean();
    double s = latent.sd();
    double[] values = new double[order];
    double mean = 0;
    for (int i = 0; i < order; i++) {
      values[i] = g.applyAsDouble(m + s * rule[0][i]);
      mean += Math.exp(rule[1][i]) * values[i];
    }
    double variance = 0;
    for (int i = 0; i < order; i++) {
      variance += Math.exp(rule[1][i]) * (values[i] - mean) * (values[i] - mean);
    }
    return new double[] {mean, Math.sqrt(variance)};
  }
}

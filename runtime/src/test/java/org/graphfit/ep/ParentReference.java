package org.graphfit.ep;

import java.util.function.DoubleUnaryOperator;
import org.graphfit.graph.ParentDistribution;
import org.graphfit.prior.Prior;

/**
 * The exact posterior of a hierarchy's two hyper-parameters and its log evidence by quadrature: for
 * datasets with one drawn parameter each, {@code Z = ∫∫ π(μ) π(σ) Π_i ∫ π(x) p(x | μ, σ) L_i(x) dx
 * dμ dσ}. Each inner integral is a midpoint rule over the drawn prior's latent coordinate ({@code
 * π(x) dx = exp(latentLogDensity(z)) dz}), on a range found from the datasets' likelihoods and
 * prior; the outer one a midpoint rule over the hyper-parameters' latent coordinates, first on a
 * coarse grid over a given box, then on a fine grid over the part of it that holds the mass.
 */
final class ParentReference {
  private static final int INNER = 1500;
  private static final int COARSE = 40;
  private static final int FINE = 110;

  /** Log evidence, and the mean and sd of the parent's mean and sigma. */
  record Moments(
      double logEvidence,
      double mean,
      double meanSd,
      double sigma,
      double sigmaSd,
      double correlation) {}

  private final ParentDistribution parent;
  private final Prior meanPrior;
  private final Prior sigmaPrior;
  private final double[] x;
  private final double[][] logWeights; // per dataset, per inner node: log L_i + latent log prior
  private final double logStep;

  private ParentReference(
      ParentDistribution parent,
      Prior drawnPrior,
      Prior meanPrior,
      Prior sigmaPrior,
      DoubleUnaryOperator[] logLikelihoods) {
    this.parent = parent;
    this.meanPrior = meanPrior;
    this.sigmaPrior = sigmaPrior;
    // the range of z where some dataset's likelihood times the prior is within e^-60 of its peak
    int scan = 16001;
    double[][] scanned = new double[logLikelihoods.length][scan];
    double[] peaks = new double[logLikelihoods.length];
    java.util.Arrays.fill(peaks, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < logLikelihoods.length; i++) {
      for (int k = 0; k < scan; k++) {
        double z = -40 + 80.0 * k / (scan - 1);
        scanned[i][k] = logWeight(drawnPrior, logLikelihoods[i], z);
        peaks[i] = Math.max(peaks[i], scanned[i][k]);
      }
    }
    int first = scan;
    int last = -1;
    for (int i = 0; i < logLikelihoods.length; i++) {
      for (int k = 0; k < scan; k++) {
        if (scanned[i][k] > peaks[i] - 60) {
          first = Math.min(first, k);
          last = Math.max(last, k);
        }
      }
    }
    double low = -40 + 80.0 * Math.max(first - 1, 0) / (scan - 1);
    double high = -40 + 80.0 * Math.min(last + 1, scan - 1) / (scan - 1);
    double step = (high - low) / INNER;
    this.logStep = Math.log(step);
    this.x = new double[INNER];
    this.logWeights = new double[logLikelihoods.length][INNER];
    for (int k = 0; k < INNER; k++) {
      double z = low + (k + 0.5) * step;
      x[k] = drawnPrior.fromLatent(z);
      for (int i = 0; i < logLikelihoods.length; i++) {
        logWeights[i][k] = logWeight(drawnPrior, logLikelihoods[i], z);
      }
    }
  }

  private static double logWeight(Prior prior, DoubleUnaryOperator logLikelihood, double z) {
    double value = prior.fromLatent(z);
    if (!(value > prior.lowerBound() && value < prior.upperBound())) {
      return Double.NEGATIVE_INFINITY;
    }
    double w = logLikelihood.applyAsDouble(value) + prior.latentLogDensity(z);
    return Double.isNaN(w) ? Double.NEGATIVE_INFINITY : w;
  }

  /**
   * The exact moments.
   *
   * @param parent the parent family
   * @param drawnPrior every drawn parameter's prior
   * @param meanPrior the parent mean's prior
   * @param sigmaPrior the parent sigma's prior
   * @param logLikelihoods each dataset's log likelihood of its drawn parameter
   * @param box the latent box of the outer grid: {@code {mean low, mean high, sigma low, sigma
   *     high}}
   * @return the moments
   */
  static Moments of(
      ParentDistribution parent,
      Prior drawnPrior,
      Prior meanPrior,
      Prior sigmaPrior,
      DoubleUnaryOperator[] logLikelihoods,
      double[] box) {
    ParentReference reference =
        new ParentReference(parent, drawnPrior, meanPrior, sigmaPrior, logLikelihoods);
    double[][] coarse = reference.grid(box, COARSE);
    double top = Double.NEGATIVE_INFINITY;
    for (double[] row : coarse) {
      for (double value : row) {
        top = Math.max(top, value);
      }
    }
    int[] span = {COARSE, -1, COARSE, -1};
    for (int a = 0; a < COARSE; a++) {
      for (int b = 0; b < COARSE; b++) {
        if (coarse[a][b] > top - 30) {
          span[0] = Math.min(span[0], a);
          span[1] = Math.max(span[1], a);
          span[2] = Math.min(span[2], b);
          span[3] = Math.max(span[3], b);
        }
      }
    }
    double du = (box[1] - box[0]) / COARSE;
    double dw = (box[3] - box[2]) / COARSE;
    double[] fine = {
      box[0] + (span[0] - 1) * du, box[0] + (span[1] + 2) * du,
      box[2] + (span[2] - 1) * dw, box[2] + (span[3] + 2) * dw
    };
    return reference.moments(fine);
  }

  /** The log posterior density (unnormalized, in latent coordinates) on a midpoint grid. */
  private double[][] grid(double[] box, int n) {
    double[][] values = new double[n][n];
    double du = (box[1] - box[0]) / n;
    double dw = (box[3] - box[2]) / n;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        values[a][b] = logPosterior(box[0] + (a + 0.5) * du, box[2] + (b + 0.5) * dw);
      }
    }
    return values;
  }

  private double logPosterior(double u, double w) {
    double[] hyper = {meanPrior.fromLatent(u), sigmaPrior.fromLatent(w)};
    double sum = meanPrior.latentLogDensity(u) + sigmaPrior.latentLogDensity(w);
    double[] parentDensity = new double[INNER];
    for (int k = 0; k < INNER; k++) {
      parentDensity[k] = parent.logDensity(x[k], hyper);
    }
    for (double[] weights : logWeights) {
      double peak = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < INNER; k++) {
        peak = Math.max(peak, weights[k] + parentDensity[k]);
      }
      double total = 0;
      for (int k = 0; k < INNER; k++) {
        total += Math.exp(weights[k] + parentDensity[k] - peak);
      }
      sum += peak + Math.log(total) + logStep;
    }
    return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
  }

  private Moments moments(double[] box) {
    double[][] values = grid(box, FINE);
    double top = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double value : row) {
        top = Math.max(top, value);
      }
    }
    double du = (box[1] - box[0]) / FINE;
    double dw = (box[3] - box[2]) / FINE;
    double[] sums = new double[6];
    for (int a = 0; a < FINE; a++) {
      double mean = meanPrior.fromLatent(box[0] + (a + 0.5) * du);
      for (int b = 0; b < FINE; b++) {
        double sigma = sigmaPrior.fromLatent(box[2] + (b + 0.5) * dw);
        double weight = Math.exp(values[a][b] - top);
        sums[0] += weight;
        sums[1] += weight * mean;
        sums[2] += weight * mean * mean;
        sums[3] += weight * sigma;
        sums[4] += weight * sigma * sigma;
        sums[5] += weight * mean * sigma;
      }
    }
    double mean = sums[1] / sums[0];
    double sigma = sums[3] / sums[0];
    double meanSd = Math.sqrt(sums[2] / sums[0] - mean * mean);
    double sigmaSd = Math.sqrt(sums[4] / sums[0] - sigma * sigma);
    return new Moments(
        top + Math.log(sums[0] * du * dw),
        mean,
        meanSd,
        sigma,
        sigmaSd,
        (sums[5] / sums[0] - mean * sigma) / (meanSd * sigmaSd));
  }
}

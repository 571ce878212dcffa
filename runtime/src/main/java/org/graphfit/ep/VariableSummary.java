package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.ParameterSummary;

/**
 * The final approximation of one variable: EP's latent Gaussian and its push-forward through the
 * prior's {@code fromLatent} (mean and standard deviation by Gauss–Hermite quadrature), and where
 * every factor of the variable gave a marginal term, the {@link CorrectedMarginal}'s physical mean
 * and standard deviation, which are then the summary's {@code mean} and {@code sd}. As a {@link
 * ParameterSummary} its quantiles (median, credible intervals) are the corrected marginal's where
 * it is {@link #corrected()}, else those of EP's latent Gaussian mapped through {@code fromLatent};
 * it has no maximum-likelihood value (NaN), since EP draws no samples of the joint posterior. Two
 * summaries are equal when their path and figures are. Immutable.
 */
public final class VariableSummary implements ParameterSummary {
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private final String path;
  private final double latentMean;
  private final double latentSd;
  private final double mean;
  private final double sd;
  private final double gaussianMean;
  private final double gaussianSd;
  private final Prior prior;
  private final CorrectedMarginal marginal;

  /**
   * A summary.
   *
   * @param path the free parameter's path in the graph
   * @param latentMean the latent mean of EP's Gaussian
   * @param latentSd the latent standard deviation of EP's Gaussian
   * @param gaussianMean the physical mean of EP's Gaussian
   * @param gaussianSd the physical standard deviation of EP's Gaussian
   * @param prior the variable's prior, whose {@code fromLatent} maps latent quantiles
   * @param marginal the corrected marginal, or null
   */
  /** The Gauss-Hermite order of the push-forward of a latent Gaussian to the physical moments. */
  private static final int PUSH_FORWARD_ORDER = 40;

  /**
   * The summaries of EP's approximation: each variable's latent Gaussian pushed forward through its
   * prior's bijection to its physical mean and standard deviation, with its corrected marginal.
   *
   * @param layout the graph's layout
   * @param approximation the global approximation, one Gaussian per free parameter
   * @param marginals the corrected marginals, one per free parameter (null where there is none)
   * @return the summaries, in free-parameter order
   */
  static List<VariableSummary> ofApproximation(
      ModelLayout<CollectionInstance> layout,
      List<GaussianMessage> approximation,
      List<CorrectedMarginal> marginals) {
    List<VariableSummary> rows = new ArrayList<>();
    for (int v = 0; v < approximation.size(); v++) {
      GaussianMessage q = approximation.get(v);
      Prior prior = layout.prior(v);
      double[] physical = AdaptiveQuadrature.pushForward(prior::fromLatent, q, PUSH_FORWARD_ORDER);
      CorrectedMarginal marginal = marginals.get(v);
      rows.add(
          new VariableSummary(
              layout.freeParameterPaths().get(v),
              q.mean(),
              q.sd(),
              physical[0],
              physical[1],
              prior,
              marginal));
    }
    return List.copyOf(rows);
  }

  VariableSummary(
      String path,
      double latentMean,
      double latentSd,
      double gaussianMean,
      double gaussianSd,
      Prior prior,
      CorrectedMarginal marginal) {
    this.path = path;
    this.latentMean = latentMean;
    this.latentSd = latentSd;
    this.mean = marginal == null ? gaussianMean : marginal.mean();
    this.sd = marginal == null ? gaussianSd : marginal.sd();
    this.gaussianMean = gaussianMean;
    this.gaussianSd = gaussianSd;
    this.prior = prior;
    this.marginal = marginal;
  }

  /**
   * The free parameter's path in the graph.
   *
   * @return the path
   */
  @Override
  public String path() {
    return path;
  }

  /**
   * The latent mean of EP's Gaussian.
   *
   * @return the latent mean
   */
  public double latentMean() {
    return latentMean;
  }

  /**
   * The latent standard deviation of EP's Gaussian.
   *
   * @return the latent standard deviation
   */
  public double latentSd() {
    return latentSd;
  }

  /**
   * The physical mean: the corrected marginal's if {@link #corrected()}, else EP's.
   *
   * @return the mean
   */
  @Override
  public double mean() {
    return mean;
  }

  /**
   * The physical standard deviation: the corrected marginal's if {@link #corrected()}, else EP's.
   *
   * @return the standard deviation
   */
  @Override
  public double sd() {
    return sd;
  }

  /**
   * The physical mean of EP's Gaussian.
   *
   * @return the mean
   */
  public double gaussianMean() {
    return gaussianMean;
  }

  /**
   * The physical standard deviation of EP's Gaussian.
   *
   * @return the standard deviation
   */
  public double gaussianSd() {
    return gaussianSd;
  }

  /**
   * Whether {@code mean}, {@code sd} and the quantiles are those of the corrected marginal.
   *
   * @return true if corrected
   */
  public boolean corrected() {
    return marginal != null;
  }

  /**
   * The median: {@code quantile(0.5)}.
   *
   * @return the median
   */
  @Override
  public double median() {
    return quantile(0.5);
  }

  /**
   * EP has no samples of the joint posterior, so no maximum-likelihood value.
   *
   * @return NaN
   */
  @Override
  public double maxLikelihood() {
    return Double.NaN;
  }

  @Override
  public double quantile(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must lie in [0, 1] but was " + probability);
    }
    if (marginal != null) {
      return marginal.quantile(probability);
    }
    return prior.fromLatent(
        latentMean + latentSd * STANDARD_NORMAL.inverseCumulativeProbability(probability));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VariableSummary that
        && path.equals(that.path)
        && Double.compare(latentMean, that.latentMean) == 0
        && Double.compare(latentSd, that.latentSd) == 0
        && Double.compare(mean, that.mean) == 0
        && Double.compare(sd, that.sd) == 0
        && Double.compare(gaussianMean, that.gaussianMean) == 0
        && Double.compare(gaussianSd, that.gaussianSd) == 0
        && corrected() == that.corrected();
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        path, latentMean, latentSd, mean, sd, gaussianMean, gaussianSd, corrected());
  }

  @Override
  public String toString() {
    return ParameterSummary.describe(this);
  }
}

package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * The EP evidence against the exact marginal likelihood of a hierarchical toy with an outlier. Ten
 * measurements {@code y_i ~ N(x_i, 0.7²)} (the likelihood peaks of {@code
 * EpHierarchicalBenchmark}'s seed 23, whose dataset 6 lies two scatters below the others), centres
 * with the prior {@code N(50, 50²)} drawn from {@code N(μ, σ²)}, {@code μ ~ N(50, 30²)}, {@code σ}
 * log-uniform on {@code [0.1, 50]}. The outlier's parent factor sends its centre a message of
 * negative precision, which leaves its analysis factor a cavity of tiny precision far away (mean
 * about 830): a cavity so ill-conditioned that scaling the factor's site at its last update but
 * pairing that scale with the final cavity's normaliser put the evidence 6.2 nats too high.
 */
class EpEvidenceTest {
  private static final double[] Y = {
    50.25, 68.34, 47.23, 63.56, 55.80, 48.01, 30.78, 54.44, 49.37, 49.34
  };
  private static final double NOISE = 0.7;

  private static double logNormal(double x, double mean, double variance) {
    return -0.5 * (x - mean) * (x - mean) / variance - 0.5 * Math.log(2 * Math.PI * variance);
  }

  /**
   * The exact log evidence: each centre integrated in closed form ({@code N(y; 50, 50² + n²)} times
   * {@code N(μ; m', v' + σ²)} with {@code v', m'} the centre's posterior from its prior and
   * measurement), then {@code μ} in closed form (a product of Gaussians), then {@code log σ} by the
   * trapezoidal rule on 20,001 points.
   */
  private static double exactLogEvidence() {
    double priorVariance = 2500;
    double posteriorVariance = 1 / (1 / priorVariance + 1 / (NOISE * NOISE));
    double base = 0;
    double[] means = new double[Y.length];
    for (int i = 0; i < Y.length; i++) {
      base += logNormal(Y[i], 50, priorVariance + NOISE * NOISE);
      means[i] = posteriorVariance * (50 / priorVariance + Y[i] / (NOISE * NOISE));
    }
    int points = 20001;
    double lower = Math.log(0.1);
    double upper = Math.log(50);
    double step = (upper - lower) / (points - 1);
    double[] terms = new double[points];
    double top = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < points; k++) {
      double sigma = Math.exp(lower + k * step);
      double variance = posteriorVariance + sigma * sigma;
      // ∫ N(μ; 50, 30²) Π_i N(μ; m_i, variance) dμ as a Gaussian product
      double precision = 1 / 900.0;
      double shift = 50 / 900.0;
      double logConstant = -0.5 * Math.log(2 * Math.PI * 900) - 0.5 * 2500 / 900.0;
      for (double mean : means) {
        precision += 1 / variance;
        shift += mean / variance;
        logConstant += -0.5 * Math.log(2 * Math.PI * variance) - 0.5 * mean * mean / variance;
      }
      double logMu =
          logConstant + 0.5 * shift * shift / precision + 0.5 * Math.log(2 * Math.PI / precision);
      terms[k] =
          logMu
              - Math.log(upper - lower)
              + Math.log(step)
              + (k == 0 || k == points - 1 ? Math.log(0.5) : 0);
      top = Math.max(top, terms[k]);
    }
    double sum = 0;
    for (double term : terms) {
      sum += Math.exp(term - top);
    }
    return base + top + Math.log(sum);
  }

  @Test
  void anOutlierWithAnIllConditionedCavityLeavesTheEvidenceExact() {
    HierarchicalFactor hierarchy =
        HierarchicalFactor.gaussian(Prior.gaussian(50, 30), Prior.logUniform(0.1, 50));
    HierarchicalToys toy =
        HierarchicalToys.of(
            Y,
            NOISE,
            hierarchy,
            i -> HierarchicalToys.measurement(Y[i], NOISE),
            Prior.gaussian(50, 50));

    EpResult result = ExpectationPropagation.builder().build().fit(toy.graph);

    assertThat(result.convergence()).isEqualTo(Convergence.CONVERGED);
    // exact: -89.933; EP's Gaussian approximation of the hyper-parameters costs 0.04
    assertThat(result.logEvidence()).isWithin(0.1).of(exactLogEvidence());
    assertThat(result.trustworthy()).isTrue();
  }
}

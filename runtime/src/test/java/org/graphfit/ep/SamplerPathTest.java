package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

/**
 * The sampler path: analysis factors fitted by nested sampling on the cavity problem, with seeds
 * derived from (seed, sweep, factor). The known-scatter toy has the exact answer of {@link
 * HierarchicalToys#logMarginal}: with tau fixed, mu's posterior is Gaussian.
 */
class SamplerPathTest {
  private static final double TAU = 2;
  private static final double NOISE = 1;
  private static final double MU_PRIOR_SD = 10;

  private static EpResult fit(double[] y, Parameter mu, int threads) {
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(GaussianParent.INSTANCE, mu, Parameter.fixed(TAU));
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy);
    return ExpectationPropagation.builder()
        .seed(17)
        .threads(threads)
        .maxSweeps(8)
        .tolerance(1e-3)
        .sampler(NestedSampling.builder().nLive(100).build())
        .build()
        .fit(toy.graph);
  }

  @Test
  void aFactorWithItsOwnSearchIsFittedByThatSearch() {
    double[] y = HierarchicalToys.simulate(31, 5, 4, TAU, NOISE);
    Parameter mu = Parameter.free(Prior.gaussian(0, MU_PRIOR_SD));
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(GaussianParent.INSTANCE, mu, Parameter.fixed(TAU));
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < y.length; i++) {
      GaussianModel model =
          GaussianModel.withDefaults()
              .centre(Prior.gaussian(0, HierarchicalToys.CENTRE_PRIOR_SD))
              .normalization(1.0)
              .sigma(1.0);
      AnalysisFactor<Gaussian> factor =
          AnalysisFactor.of(model, HierarchicalToys.measurement(y[i], NOISE)).named("d" + i);
      graph.add(
          i == 0 ? factor.withSearch(NestedSampling.builder().nLive(100).seed(5).build()) : factor);
      hierarchy.draw(model.centre());
    }
    graph.add(hierarchy);

    EpResult result =
        ExpectationPropagation.builder().maxSweeps(8).tolerance(1e-3).build().fit(graph);
    EpResult laplace = ExpectationPropagation.builder().build().fit(graph);

    // Only dataset 0 is sampled: its centre moves by sampling noise, the rest by its influence.
    assertThat(result.summary("d0.centre").mean())
        .isNotEqualTo(laplace.summary("d0.centre").mean());
    assertThat(result.summary(mu).mean())
        .isWithin(0.1 * laplace.summary(mu).sd())
        .of(laplace.summary(mu).mean());
  }

  @Test
  void nestedSamplingFactorsRecoverMuAndTheEvidenceIndependentlyOfThreads() {
    double[] y = HierarchicalToys.simulate(31, 5, 4, TAU, NOISE);
    Parameter mu = Parameter.free(Prior.gaussian(0, MU_PRIOR_SD));

    EpResult one = fit(y, mu, 1);
    EpResult two = fit(y, Parameter.free(Prior.gaussian(0, MU_PRIOR_SD)), 2);

    // Exact: y_i ~ N(mu, tau² + noise'²) after integrating x_i with its wide prior (see
    // logMarginal).
    double p2 = HierarchicalToys.CENTRE_PRIOR_SD * HierarchicalToys.CENTRE_PRIOR_SD;
    double v = 1 / (1 / p2 + 1 / (NOISE * NOISE));
    double precision = 1 / (MU_PRIOR_SD * MU_PRIOR_SD);
    double shift = 0;
    for (double value : y) {
      precision += 1 / (v + TAU * TAU);
      shift += v * value / (NOISE * NOISE) / (v + TAU * TAU);
    }
    double exactMean = shift / precision;
    // log Z = sum_i log N(y_i; 0, P² + noise²) + log ∫ prod_i N(mu; m_i, v + tau²) N(mu; 0, M²)
    // dmu,
    // and ∫ prod_k N_k = exp(A(prod_k t_k) - sum_k A(t_k)) for normalised Gaussians N_k = t_k
    // e^-A(t_k).
    GaussianMessage product = GaussianMessage.ofMoments(0, MU_PRIOR_SD * MU_PRIOR_SD);
    double logEvidence = -product.logNormalizer();
    for (double value : y) {
      logEvidence +=
          -0.5 * value * value / (p2 + NOISE * NOISE)
              - 0.5 * Math.log(2 * Math.PI * (p2 + NOISE * NOISE));
      GaussianMessage term = GaussianMessage.ofMoments(v * value / (NOISE * NOISE), v + TAU * TAU);
      logEvidence -= term.logNormalizer();
      product = product.times(term);
    }
    logEvidence += product.logNormalizer();
    double exactSd = Math.sqrt(1 / precision);
    VariableSummary fitted = one.summary(mu);
    assertThat(fitted.mean()).isWithin(0.25 * exactSd).of(exactMean);
    assertThat(fitted.sd()).isWithin(0.15 * exactSd).of(exactSd);
    assertThat(one.logEvidence()).isWithin(0.5).of(logEvidence);
    assertThat(two.approximation()).isEqualTo(one.approximation());
    assertThat(Double.compare(two.logEvidence(), one.logEvidence())).isEqualTo(0);
  }
}

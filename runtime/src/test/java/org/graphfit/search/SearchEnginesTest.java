package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.analysis.Analysis;
import org.graphfit.prior.Prior;
import org.graphfit.search.mcmc.EnsembleMcmc;
import org.graphfit.search.optimize.Objective;
import org.graphfit.search.optimize.Optimization;
import org.graphfit.search.optimize.OptimizationSettings;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/**
 * Every built-in search through the model-level {@code fit} on a conjugate problem: prior N(0, 3),
 * one observation 2 with unit noise. The posterior is N(1.8, 0.9487) (analytic).
 */
class SearchEnginesTest {
  private static final double POSTERIOR_MEAN = 2 / (1 / 9.0 + 1);
  private static final double POSTERIOR_SD = Math.sqrt(1 / (1 / 9.0 + 1));
  private static final Analysis<Double> OBSERVATION = x -> -0.5 * (x - 2) * (x - 2);
  private static final ValueModel MODEL = new ValueModel(Prior.gaussian(0, 3));

  @Test
  void ensembleMcmcRecoversTheConjugatePosteriorWithinItsMonteCarloError() {
    Result<Double> result =
        EnsembleMcmc.builder().seed(4).threads(2).build().fit(MODEL, OBSERVATION);

    double ess = result.diagnostics().get("effective_sample_size");
    assertThat(ess).isGreaterThan(500.0);
    double error = POSTERIOR_SD / Math.sqrt(ess);
    assertThat(result.samples().mean()[0]).isWithin(4 * error).of(POSTERIOR_MEAN);
    assertThat(result.samples().standardDeviation()[0])
        .isWithin(4 * POSTERIOR_SD / Math.sqrt(2 * ess))
        .of(POSTERIOR_SD);
    assertThat(result.diagnostics().get("converged")).isEqualTo(1.0);
    assertThat(result.trustworthy()).isTrue();
    assertThat(result.diagnostics().get("r_hat_max")).isLessThan(1.01);
    assertThat(result.diagnostics().get("ess_tail_min")).isAtLeast(400.0);
  }

  @Test
  void optimizationFindsTheModeAndItsLaplaceErrors() {
    Result<Double> result =
        Optimization.builder().seed(2).threads(2).build().fit(MODEL, OBSERVATION);

    // the posterior is Gaussian, so the Laplace approximation is exact: draws' sd is within
    // sampling error of 2000 draws (sd of sd ~ sd / sqrt(2 n) = 0.015)
    // sample 0 is the optimum (the posterior mode), kept with weight zero
    assertThat(result.samples().vector(0)[0]).isWithin(1e-5).of(POSTERIOR_MEAN);
    assertThat(result.diagnostics().get("laplace_ok")).isEqualTo(1.0);
    assertThat(result.samples().standardDeviation()[0]).isWithin(0.06).of(POSTERIOR_SD);
    assertThat(result.samples().weight(0)).isEqualTo(0.0);
  }

  @Test
  void localOptimizerOnTheLikelihoodFindsTheMaximumLikelihood() {
    Result<Double> result =
        Optimization.builder()
            .method(OptimizationSettings.Method.LBFGS)
            .objective(Objective.LOG_LIKELIHOOD)
            .seed(1)
            .restarts(0)
            .laplaceDraws(100)
            .threads(1)
            .build()
            .fit(MODEL, OBSERVATION);

    assertThat(result.maxLogLikelihoodInstance()).isWithin(1e-5).of(2.0);
  }

  @Test
  void optimizationWithNoFiniteLikelihoodSaysSo() {
    Analysis<Double> broken =
        x -> {
          throw new ArithmeticException("no data");
        };
    IllegalStateException error =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> Optimization.builder().seed(1).threads(1).build().fit(MODEL, broken));

    assertThat(error).hasMessageThat().contains("no point with a finite objective");
    assertThat(error).hasMessageThat().contains("no data");
  }
}

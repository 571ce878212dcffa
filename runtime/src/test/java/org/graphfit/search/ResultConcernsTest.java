package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import org.graphfit.analysis.Analysis;
import org.graphfit.prior.Prior;
import org.graphfit.search.mcmc.EnsembleMcmc;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.optimize.Objective;
import org.graphfit.search.optimize.Optimization;
import org.graphfit.search.optimize.OptimizationSettings;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultConcernsTest {
  private static final Analysis<Double> NORMAL_AT_TWO = x -> -0.5 * (x - 2) * (x - 2);
  private static final ValueModel MODEL = new ValueModel(Prior.uniform(-10, 10));

  @TempDir Path output;

  @Test
  void aCompleteNestedSamplingRunIsTrustworthy() {
    Result<Double> result =
        NestedSampling.builder().nLive(100).seed(1).threads(1).build().fit(MODEL, NORMAL_AT_TWO);

    assertThat(result.trustworthy()).isTrue();
    assertThat(result.concerns()).isEmpty();
    assertThat(result.summary()).contains("Trustworthy                             yes");
  }

  @Test
  void nestedSamplingStoppedAtItsCallLimitIsNotTrustworthy() {
    Result<Double> result =
        NestedSampling.builder()
            .nLive(100)
            .maxCalls(300)
            .seed(1)
            .threads(1)
            .build()
            .fit(MODEL, NORMAL_AT_TWO);

    assertThat(result.trustworthy()).isFalse();
    assertThat(result.concerns()).hasSize(1);
    assertThat(result.concerns().get(0).check()).isEqualTo(Check.CONVERGENCE);
    assertThat(result.summary()).contains("NO (1 concern below)");
    assertThat(result.summary()).contains("raise maxCalls");
  }

  @Test
  void mcmcStoppedEarlyIsNotTrustworthy() {
    Result<Double> result =
        EnsembleMcmc.builder()
            .walkers(8)
            .maxSteps(40)
            .seed(2)
            .threads(1)
            .build()
            .fit(MODEL, NORMAL_AT_TWO);

    assertThat(result.trustworthy()).isFalse();
    assertThat(result.concerns().get(0).check()).isEqualTo(Check.CONVERGENCE);
    assertThat(result.concerns().get(0).message()).contains("raise maxSteps");
    assertThat(result.concerns().stream().map(Concern::check))
        .contains(Check.EFFECTIVE_SAMPLE_SIZE);
    assertThat(result.diagnostics().get("ess_bulk_min")).isLessThan(400.0);
    assertThat(result.diagnostics()).containsKey("r_hat_max");
  }

  @Test
  void mcmcTooShortForRHatSaysSoAndSurvivesTheOutputFolder() {
    // Three steps: after burn-in at most 2 are kept, too few to split the chains in halves.
    EnsembleMcmc search =
        EnsembleMcmc.builder()
            .walkers(8)
            .maxSteps(3)
            .seed(2)
            .threads(1)
            .output(output, "short")
            .build();

    Result<Double> fitted = search.fit(MODEL, NORMAL_AT_TWO);
    Result<Double> loaded = search.fit(MODEL, NORMAL_AT_TWO);

    assertThat(fitted.concerns().stream().map(Concern::check))
        .containsExactly(Check.CONVERGENCE, Check.R_HAT)
        .inOrder();
    assertThat(fitted.concerns().get(1).message()).contains("could not be computed");
    assertThat(fitted.diagnostics().get("r_hat_max")).isNaN();
    assertThat(loaded.diagnostics().get("r_hat_max")).isNaN();
    assertThat(loaded.concerns()).isEqualTo(fitted.concerns());
  }

  @Test
  void mcmcWhoseWalkersAreStuckInSeparateModesIsNotTrustworthyAndSaysWhy() {
    // Equal modes N(-10, 1) and N(10, 1): no walker crosses between them, so each chain keeps the
    // share of its walkers that started in each, and the chains disagree.
    ValueModel model = new ValueModel(Prior.uniform(-20, 20));
    Analysis<Double> bimodal =
        x -> {
          double a = -0.5 * (x + 10) * (x + 10);
          double b = -0.5 * (x - 10) * (x - 10);
          double max = Math.max(a, b);
          return max + Math.log1p(Math.exp(Math.min(a, b) - max));
        };
    EnsembleMcmc search =
        EnsembleMcmc.builder().maxSteps(3000).seed(3).threads(2).output(output, "bimodal").build();

    Result<Double> fitted = search.fit(model, bimodal);
    Result<Double> loaded = search.fit(model, bimodal);

    assertThat(fitted.trustworthy()).isFalse();
    assertThat(fitted.concerns().stream().map(Concern::check))
        .containsExactly(Check.R_HAT, Check.EFFECTIVE_SAMPLE_SIZE)
        .inOrder();
    assertThat(fitted.concerns().get(0).message()).contains("R-hat of value is");
    assertThat(fitted.concerns().get(0).message()).contains("stuck in different modes");
    assertThat(fitted.concerns().get(1).message()).contains("bulk effective sample size of value");
    assertThat(fitted.diagnostics().get("r_hat_max")).isGreaterThan(1.05);
    assertThat(fitted.summary()).contains("R_HAT");
    assertThat(loaded.concerns()).isEqualTo(fitted.concerns());
    assertThat(loaded.diagnostics()).isEqualTo(fitted.diagnostics());
  }

  @Test
  void aFailedLaplaceApproximationIsNotTrustworthy() {
    // A likelihood flat in the parameter: the Hessian at the optimum is zero.
    Result<Double> result =
        Optimization.builder()
            .method(OptimizationSettings.Method.LBFGS)
            .objective(Objective.LOG_LIKELIHOOD)
            .seed(3)
            .restarts(0)
            .laplaceDraws(100)
            .threads(1)
            .build()
            .fit(MODEL, x -> 0.0);

    assertThat(result.trustworthy()).isFalse();
    assertThat(result.concerns().stream().map(Concern::check)).contains(Check.LAPLACE);
  }

  @Test
  void concernsSurviveTheOutputFolder() {
    NestedSampling search =
        NestedSampling.builder()
            .nLive(100)
            .maxCalls(300)
            .seed(1)
            .threads(1)
            .output(output, "limited")
            .build();
    Result<Double> fitted = search.fit(MODEL, NORMAL_AT_TWO);
    Result<Double> loaded = search.fit(MODEL, NORMAL_AT_TWO);

    assertThat(loaded.trustworthy()).isFalse();
    assertThat(loaded.concerns()).isEqualTo(fitted.concerns());
  }
}

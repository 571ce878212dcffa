package org.graphfit.search.mcmc;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.log.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The progress line of ensemble MCMC: steps against tauFactor times the largest tau. */
class ChainProgressTest {
  @BeforeAll
  static void quiet() {
    Progress.display(Progress.Display.OFF);
  }

  @Test
  void stepsAreShownAgainstFiftyTauOfTheLargestTau() {
    ChainProgress progress =
        ChainProgress.start(EnsembleMcmc.builder().maxSteps(100_000).build().settings());
    assertThat(progress.line()).endsWith("drawing the walkers' starts");
    progress.step(1, 64);
    progress.step(200, 12_800);
    assertThat(progress.line()).contains("step 200 (tau not estimated yet), R-hat -");
    progress.tau(new double[] {12.5, 30.25, 7});
    assertThat(progress.line()).contains("step 200/1513 (50 tau, tau 30.3), R-hat -, 12800 calls");
    progress.rHat(new ChainDiagnostics[0]);
    progress.finish();
  }
}

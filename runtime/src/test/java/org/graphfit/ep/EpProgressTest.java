package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.log.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The progress line of an EP fit: the sweep, its factors done, the residuals. */
class EpProgressTest {
  @BeforeAll
  static void quiet() {
    Progress.display(Progress.Display.OFF);
  }

  @Test
  void sweepShowsFactorsDoneOfThoseNotExcludedAndTheResiduals() {
    try (EpProgress progress = EpProgress.start(50, 0.01)) {
      assertThat(progress.line()).isEqualTo("EP: starting");
      progress.sweep(
          2, new UpdateStatus[] {UpdateStatus.OK, UpdateStatus.EXCLUDED, UpdateStatus.OK});
      assertThat(progress.line())
          .isEqualTo(
              "EP: sweep 2/50, factors 0/2, residual so far -, last sweep's - (stop < 0.0100)");
      progress.updated(0.25);
      progress.updated(0);
      progress.swept(0.25);
      assertThat(progress.line())
          .contains("factors 2/2, residual so far 0.250, last sweep's 0.250");
      progress.sweep(3, new UpdateStatus[] {UpdateStatus.OK});
      progress.updated(0.001);
      assertThat(progress.line())
          .contains("sweep 3/50, factors 1/1, residual so far 0.00100, last sweep's 0.250");
    }
  }
}

package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.GaussianMessage;
import org.junit.jupiter.api.Test;

class EpTraceTest {
  @Test
  void recordingChangesNothing() {
    TestGraphs.EpFit fit = TestGraphs.epFit();
    EpResult plain = TestGraphs.ep().fit(fit.hierarchy().graph());

    assertThat(fit.result().approximation()).isEqualTo(plain.approximation());
    assertThat(fit.result().history().size()).isEqualTo(plain.history().size());
  }

  @Test
  void theRecordedApproximationsAreThoseEachSweepsKlWasMeasuredBetween() {
    TestGraphs.EpFit fit = TestGraphs.epFit();
    EpResult result = fit.result();
    List<EpTrace.Step> steps = fit.trace().steps(result);

    assertThat(fit.trace().sweeps()).containsExactly(1, 2, 3, 4, 5, 6).inOrder();
    assertThat(steps).hasSize(result.sweepCount() + 1);
    assertThat(steps.get(steps.size() - 1).approximation()).isEqualTo(result.approximation());
    for (int s = 1; s < steps.size(); s++) {
      List<GaussianMessage> before = steps.get(s - 1).approximation();
      List<GaussianMessage> after = steps.get(s).approximation();
      double kl = 0;
      for (int v = 0; v < after.size(); v++) {
        kl += after.get(v).klDivergence(before.get(v));
      }
      double reported = result.sweeps().get(s - 1).kl();
      assertThat(kl).isWithin(1e-9 * Math.max(1, reported)).of(reported);
    }
    assertThrows(IllegalArgumentException.class, () -> fit.trace().startOf(7));
  }

  @Test
  void theTracePlotShowsTheGlobalVariablesFirstOnAStackOfPanels() {
    TestGraphs.EpFit fit = TestGraphs.epFit();
    EpTracePlot plot = EpTracePlot.of(fit.result(), fit.trace());

    assertThat(plot.shownVariables()).hasSize(EpTracePlot.MOST_PANELS);
    assertThat(plot.shownVariables().subList(0, 2))
        .containsExactly("centres.mean", "centres.sigma")
        .inOrder();
    assertThat(plot.height()).isGreaterThan(8 * 100);
    assertThat(plot.svg()).contains("Showing 8 of 14 variables");
  }

  @Test
  void aTraceOfAFitItDidNotSeeHasTheFinalApproximationOnly() {
    TestGraphs.EpFit fit = TestGraphs.epFit();
    EpTrace empty = EpTrace.create();

    assertThat(empty.steps(fit.result())).hasSize(1);
    assertThat(EpTracePlot.of(fit.result(), empty).svg()).contains("No sweeps were recorded");
  }
}

package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import org.graphfit.analysis.Analysis;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.Result;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/**
 * Nested sampling through the model-level {@link NestedSampling#fit} on a conjugate problem: prior
 * N(0, 3), one observation 2 with unit noise; posterior N(1.8, 0.9487), evidence {@code -ln(10) / 2
 * - 0.2}.
 */
class NestedSamplingEngineTest {
  @Test
  void recoversTheConjugatePosteriorAndEvidence() {
    Analysis<Double> observation = x -> -0.5 * (x - 2) * (x - 2);
    Result<Double> result =
        NestedSampling.builder()
            .nLive(300)
            .seed(2)
            .threads(2)
            .build()
            .fit(new ValueModel(Prior.gaussian(0, 3)), observation);

    assertThat(result.searchName()).isEqualTo("NestedSampling");
    assertThat(result.hasLogEvidence()).isTrue();
    assertThat(Math.abs(result.logEvidence() - (-0.5 * Math.log(10) - 0.2)))
        .isLessThan(3 * result.logEvidenceError() + 0.02);
    double ess = result.diagnostics().get("effective_sample_size");
    double sd = Math.sqrt(1 / (1 / 9.0 + 1));
    assertThat(result.samples().mean()[0]).isWithin(4 * sd / Math.sqrt(ess)).of(2 / (1 / 9.0 + 1));
    assertThat(result.samples().standardDeviation()[0]).isWithin(0.05).of(sd);
    assertThat(NestedSampling.builder().build().settingsMap()).containsEntry("slices", "auto");
  }

  @Test
  void dynamicRunReportsItsBatchesAndATargetItMissed() {
    Analysis<Double> observation = x -> -0.5 * (x - 2) * (x - 2);
    NestedSampling.Builder settings =
        NestedSampling.builder().nLive(100).seed(3).targetEffectiveSamples(1500);
    Result<Double> reached =
        settings.build().fit(new ValueModel(Prior.gaussian(0, 3)), observation);
    assertThat(reached.diagnostics().get("batches")).isGreaterThan(0.0);
    assertThat(reached.diagnostics().get("effective_sample_size")).isAtLeast(1500.0);
    assertThat(reached.diagnostics().get("static_effective_sample_size")).isLessThan(1500.0);
    assertThat(reached.trustworthy()).isTrue();
    assertThat(Math.abs(reached.logEvidence() - (-0.5 * Math.log(10) - 0.2)))
        .isLessThan(3 * reached.logEvidenceError() + 0.02);

    Result<Double> missed =
        settings
            .targetEffectiveSamples(1e6)
            .maxBatches(1)
            .build()
            .fit(new ValueModel(Prior.gaussian(0, 3)), observation);
    assertThat(missed.diagnostics().get("batches")).isEqualTo(1.0);
    assertThat(missed.trustworthy()).isFalse();
    assertThat(missed.concerns().get(0).check()).isEqualTo(Check.EFFECTIVE_SAMPLE_SIZE);
    assertThat(missed.concerns().get(0).message()).contains("raise maxBatches or maxCalls");
  }
}

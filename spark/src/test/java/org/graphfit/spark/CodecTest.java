package org.graphfit.spark;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.List;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.GaussianMessage;
import org.graphfit.ep.LogDensityTable;
import org.graphfit.ep.MarginalTerm;
import org.graphfit.ep.UpdateStatus;
import org.graphfit.search.Samples;
import org.junit.jupiter.api.Test;

/** Tasks and results survive their byte form bit for bit. */
class CodecTest {
  private static final GaussianMessage IMPROPER = GaussianMessage.ofNatural(-0.25, -0.0);
  private static final GaussianMessage TINY = GaussianMessage.ofNatural(Double.MIN_VALUE, 1e308);

  private static void assertSame(FactorResult actual, FactorResult expected) {
    assertThat(actual.factor()).isEqualTo(expected.factor());
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.moments()).isEqualTo(expected.moments());
    assertThat(Double.doubleToRawLongBits(actual.logNormalizer()))
        .isEqualTo(Double.doubleToRawLongBits(expected.logNormalizer()));
    assertThat(actual.fit()).isEqualTo(expected.fit());
    if (expected.noise() == null) {
      assertThat(actual.noise()).isNull();
    } else {
      assertThat(doubleBits(actual.noise().kl())).isEqualTo(doubleBits(expected.noise().kl()));
      assertThat(doubleBits(actual.noise().variance()))
          .isEqualTo(doubleBits(expected.noise().variance()));
    }
    assertThat(actual.message()).isEqualTo(expected.message());
    assertThat(actual.seconds()).isEqualTo(expected.seconds());
    if (expected.marginalTerms() == null) {
      assertThat(actual.marginalTerms()).isNull();
    } else {
      assertThat(actual.marginalTerms()).isEqualTo(expected.marginalTerms());
    }
    if (expected.samples() == null) {
      assertThat(actual.samples()).isNull();
    } else {
      assertThat(actual.samples()).isEqualTo(expected.samples());
    }
  }

  private static List<Long> doubleBits(double[] values) {
    return Arrays.stream(values).mapToObj(Double::doubleToRawLongBits).toList();
  }

  @Test
  void tasksComeBackBitForBit() {
    List<FactorTask> tasks =
        List.of(
            new FactorTask(
                7,
                3,
                -5L,
                new GaussianMessage[] {IMPROPER, GaussianMessage.UNIFORM},
                new GaussianMessage[] {TINY, GaussianMessage.ofMoments(-0.0, 2)},
                true,
                false),
            new FactorTask(
                0, 1, Long.MAX_VALUE, new GaussianMessage[0], new GaussianMessage[0], false, true));

    FactorTask[] decoded = Codec.tasks(Codec.tasks(tasks));

    assertThat(decoded).hasLength(2);
    for (int t = 0; t < decoded.length; t++) {
      assertThat(decoded[t].factor()).isEqualTo(tasks.get(t).factor());
      assertThat(decoded[t].sweep()).isEqualTo(tasks.get(t).sweep());
      assertThat(decoded[t].seed()).isEqualTo(tasks.get(t).seed());
      assertThat(decoded[t].cavity()).isEqualTo(tasks.get(t).cavity());
      assertThat(decoded[t].current()).isEqualTo(tasks.get(t).current());
      assertThat(decoded[t].fallback()).isEqualTo(tasks.get(t).fallback());
      assertThat(decoded[t].check()).isEqualTo(tasks.get(t).check());
    }
    assertThat(Double.doubleToRawLongBits(decoded[0].cavity()[0].shift()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void resultsAndTheirReportComeBackBitForBit() {
    MarginalTerm term =
        new MarginalTerm(
            IMPROPER,
            new LogDensityTable(-1, 2, new double[] {Double.NEGATIVE_INFINITY, -0.5, 0, -3e-300}));
    List<FactorResult> results =
        List.of(
            new FactorResult(
                4,
                UpdateStatus.OK,
                new GaussianMessage[] {TINY, GaussianMessage.ofMoments(1, 0.5)},
                new FactorResult.Noise(
                    new double[] {1e-3, -0.0}, new double[] {0.02, 5e-300}, 0.04),
                -12.5,
                new MarginalTerm[] {term, null},
                FactorResult.Fit.FALLBACK_SAMPLER,
                "step shortened to 0.5; ünïcödé",
                0.125,
                Samples.of(
                    List.of("dataset_4.centre", "dataset_4.sigma"),
                    new double[][] {{1.5, -0.0}, {Double.MIN_VALUE, 3e300}},
                    new double[] {-1, Double.NEGATIVE_INFINITY},
                    new double[] {-2.5, -3},
                    new double[] {0.25, 0.75})),
            new FactorResult(
                5,
                UpdateStatus.NON_FINITE_MOMENTS,
                new GaussianMessage[] {null},
                null,
                Double.NaN,
                null,
                FactorResult.Fit.LAPLACE_MISMATCH,
                "x".repeat(70_000),
                1e-9),
            new FactorResult(
                6,
                UpdateStatus.FAILED,
                null,
                null,
                Double.NaN,
                null,
                FactorResult.Fit.QUADRATURE,
                "",
                0));

    Codec.Report report =
        Codec.report(Codec.report(new Codec.Report("executor 3", true, 1.5, 2.25, results)));

    assertThat(report.executor()).isEqualTo("executor 3");
    assertThat(report.built()).isTrue();
    assertThat(report.buildSeconds()).isEqualTo(1.5);
    assertThat(report.seconds()).isEqualTo(2.25);
    assertThat(report.results()).hasSize(results.size());
    for (int r = 0; r < results.size(); r++) {
      assertSame(report.results().get(r), results.get(r));
    }
  }
}

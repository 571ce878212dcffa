package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corrected marginal of a shared variable against its exact posterior by quadrature: prior N(0,
 * 3²), one dataset whose likelihood is bimodal (modes at -2 and 2.5, width 0.6) and one that mildly
 * prefers 1. EP's Gaussian cannot represent the bimodal posterior; the corrected marginal can.
 */
class CorrectedMarginalTest {
  private static final Analysis<Double> BIMODAL =
      x -> Math.log(Math.exp(-0.5 * sq((x + 2) / 0.6)) + Math.exp(-0.5 * sq((x - 2.5) / 0.6)));
  private static final Analysis<Double> MILD = x -> -0.5 * sq((x - 1) / 2);

  private static double sq(double x) {
    return x * x;
  }

  private static double logPosterior(double x) {
    return -0.5 * sq(x / 3) + BIMODAL.logLikelihood(x) + MILD.logLikelihood(x);
  }

  /** The exact posterior's log normaliser, mean and sd, by the trapezoidal rule on [-15, 15]. */
  private static double[] exact() {
    int n = 30001;
    double h = 30.0 / (n - 1);
    double[] sums = new double[3];
    for (int i = 0; i < n; i++) {
      double x = -15 + i * h;
      double p = (i == 0 || i == n - 1 ? 0.5 : 1) * h * Math.exp(logPosterior(x));
      sums[0] += p;
      sums[1] += p * x;
      sums[2] += p * x * x;
    }
    double mean = sums[1] / sums[0];
    return new double[] {Math.log(sums[0]), mean, Math.sqrt(sums[2] / sums[0] - mean * mean)};
  }

  /** The L1 distance of a log density from the exact posterior's, by the trapezoidal rule. */
  private static double l1(
      java.util.function.DoubleUnaryOperator logDensity, double logNormalizer) {
    int n = 16001;
    double h = 16.0 / (n - 1);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = -8 + i * h;
      double exact = Math.exp(logPosterior(x) - logNormalizer);
      sum +=
          (i == 0 || i == n - 1 ? 0.5 : 1)
              * h
              * Math.abs(Math.exp(logDensity.applyAsDouble(x)) - exact);
    }
    return sum;
  }

  @Test
  void aBimodalSharedPosteriorIsRecoveredWhereEpsGaussianCannotBe() {
    double[] exact = exact(); // mean 0.91, sd 1.98, a third of the mass in the mode at -2
    for (long seed = 1; seed <= 3; seed++) {
      ValueModel shared = new ValueModel(Prior.gaussian(0, 3));
      FactorGraph graph = new FactorGraph();
      graph.add(AnalysisFactor.of(shared, BIMODAL).named("bimodal"));
      graph.add(AnalysisFactor.of(shared, MILD).named("mild"));
      EpResult result =
          ExpectationPropagation.builder()
              .seed(seed)
              .tolerance(1e-3)
              .maxSweeps(20)
              .sampler(NestedSampling.builder().nLive(400).build())
              .build()
              .fit(graph);
      VariableSummary summary = result.summaries().get(0);
      LogDensityTable corrected =
          result.correctedMarginal(summary.path()).orElseThrow().latentDensity();
      GaussianMessage gaussian = result.approximation().get(0);
      assertThat(summary.corrected()).isTrue();
      // both match the first two moments (nested sampling's error on a mode's mass is a few %) ...
      assertThat(summary.mean()).isWithin(0.2).of(exact[1]);
      assertThat(summary.sd()).isWithin(0.05 * exact[2]).of(exact[2]);
      assertThat(summary.gaussianMean()).isWithin(0.2).of(exact[1]);
      // ... but only the corrected marginal has the two modes: L1 0.07-0.09 against the Gaussian's
      // 0.94
      assertThat(l1(corrected::logValue, exact[0])).isLessThan(0.15);
      assertThat(l1(z -> gaussian.logKernel(z) - gaussian.logNormalizer(), exact[0]))
          .isGreaterThan(0.5);
    }
  }

  @Test
  void withoutCorrectedMarginalsEpIsTheSameAndReportsItsGaussian() {
    ValueModel shared = new ValueModel(Prior.gaussian(0, 3));
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(shared, BIMODAL).named("bimodal"));
    graph.add(AnalysisFactor.of(shared, MILD).named("mild"));
    ExpectationPropagation.Builder builder =
        ExpectationPropagation.builder()
            .seed(1)
            .tolerance(1e-3)
            .maxSweeps(20)
            .sampler(NestedSampling.builder().nLive(100).build());
    EpResult with = builder.build().fit(graph);
    EpResult without = builder.correctedMarginals(false).build().fit(graph);

    VariableSummary summary = without.summaries().get(0);
    assertThat(without.approximation()).isEqualTo(with.approximation());
    assertThat(summary.corrected()).isFalse();
    assertThat(summary.mean()).isEqualTo(with.summaries().get(0).gaussianMean());
    assertThat(without.correctedMarginal(summary.path()).isPresent()).isFalse();
  }

  @Test
  void aLoadedFitReportsTheSameCorrectedMarginal(@TempDir Path output) {
    ValueModel shared = new ValueModel(Prior.gaussian(0, 3));
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(shared, BIMODAL).named("bimodal"));
    graph.add(AnalysisFactor.of(shared, MILD).named("mild"));
    ExpectationPropagation ep =
        ExpectationPropagation.builder()
            .seed(1)
            .tolerance(1e-3)
            .maxSweeps(20)
            .sampler(NestedSampling.builder().nLive(100).build())
            .output(output, "corrected")
            .build();
    EpResult fitted = ep.fit(graph);
    EpResult loaded =
        ep.fit(
            graph,
            factors -> {
              throw new AssertionError("a completed fit must not make an executor");
            });
    assertThat(fitted.summaries().get(0).corrected()).isTrue();
    assertThat(loaded.summaries()).isEqualTo(fitted.summaries());
  }
}

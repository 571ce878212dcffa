package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.GraphResult;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.Posterior;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/**
 * One problem fitted three ways (a sampled fit of the model, the joint fit of its factor graph and
 * expectation propagation) and read by the same code through {@link Posterior}: a shared value with
 * prior N(0, 3²) and two Gaussian likelihoods N(1, 1²) and N(2, 2²), whose exact posterior is
 * Gaussian with precision 1/9 + 1 + 1/4, mean 1.5 / precision = 1.102 and sd 0.857.
 */
class PosteriorReadsTest {
  private static final Analysis<Double> NEAR_ONE = x -> -0.5 * (x - 1) * (x - 1);
  private static final Analysis<Double> NEAR_TWO = x -> -0.5 * (x - 2) * (x - 2) / 4;
  private static final double PRECISION = 1.0 / 9 + 1 + 0.25;
  private static final double EXACT_MEAN = 1.5 / PRECISION;
  private static final double EXACT_SD = Math.sqrt(1 / PRECISION);

  private static NestedSampling sampler(long seed) {
    return NestedSampling.builder().nLive(400).seed(seed).build();
  }

  /** The reading code: written once against Posterior, for every kind of fit. */
  private static void assertReadsTheExactPosterior(Posterior posterior, ValueModel model) {
    ParameterSummary byObject = posterior.summary(model.value());
    ParameterSummary byPath = posterior.summary(byObject.path());
    ParameterSummary.Interval oneSigma = byObject.atSigma(1);
    ParameterSummary.Interval twoSigma = byObject.atSigma(2);
    Posterior.Bounds<Double> bounds = posterior.atSigma(model, 1);

    assertThat(byPath).isEqualTo(byObject);
    assertThat(posterior.summaries()).containsExactly(byObject);
    // nested sampling with 400 live points: the mean's error is ~0.03, the sd's a few %
    assertThat(byObject.mean()).isWithin(0.1).of(EXACT_MEAN);
    assertThat(byObject.median()).isWithin(0.1).of(EXACT_MEAN);
    assertThat(byObject.sd()).isWithin(0.1 * EXACT_SD).of(EXACT_SD);
    assertThat(oneSigma.lower()).isWithin(0.15).of(EXACT_MEAN - EXACT_SD);
    assertThat(oneSigma.upper()).isWithin(0.15).of(EXACT_MEAN + EXACT_SD);
    assertThat(twoSigma.halfWidth()).isWithin(0.3).of(2 * EXACT_SD);
    assertThat(posterior.median(model)).isEqualTo(byObject.median());
    assertThat(posterior.mean(model)).isEqualTo(byObject.mean());
    assertThat(bounds.lower()).isEqualTo(oneSigma.lower());
    assertThat(bounds.upper()).isEqualTo(oneSigma.upper());
    assertThat(byObject.toString()).startsWith(byObject.path() + " = ");
    assertThat(byObject.toString()).contains("(1 sigma), mean ");
  }

  private static FactorGraph graph(ValueModel model) {
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(model, NEAR_ONE).named("near_one"));
    graph.add(AnalysisFactor.of(model, NEAR_TWO).named("near_two"));
    return graph;
  }

  @Test
  void theSameReadingCodeReadsASampledFitAGraphFitAndEp() {
    ValueModel model = new ValueModel(Prior.gaussian(0, 3));
    Result<Double> single =
        sampler(1).fit(model, x -> NEAR_ONE.logLikelihood(x) + NEAR_TWO.logLikelihood(x));
    GraphResult joint = graph(model).fit(sampler(1));
    EpResult ep =
        ExpectationPropagation.builder()
            .seed(1)
            .tolerance(1e-3)
            .maxSweeps(20)
            .sampler(sampler(0))
            .build()
            .fit(graph(model));

    assertReadsTheExactPosterior(single, model);
    assertReadsTheExactPosterior(joint, model);
    assertReadsTheExactPosterior(ep, model);
  }

  @Test
  void aSampledSummaryIsTheSamplesOwnFiguresBitForBit() {
    ValueModel model = new ValueModel(Prior.gaussian(0, 3));
    GraphResult joint = graph(model).fit(sampler(2));
    Result<?> global = joint.global();
    Samples samples = global.samples();
    ParameterSummary summary = joint.summary(model.value());

    assertThat(summary.mean()).isEqualTo(samples.mean()[0]);
    assertThat(summary.sd()).isEqualTo(samples.standardDeviation()[0]);
    assertThat(summary.median()).isEqualTo(samples.median()[0]);
    assertThat(summary.maxLikelihood())
        .isEqualTo(samples.vector(samples.maxLogLikelihoodIndex())[0]);
    for (double sigma : new double[] {0.5, 1, 3}) {
      assertThat(summary.atSigma(sigma).lower()).isEqualTo(samples.valuesAtSigma(sigma)[0][0]);
      assertThat(summary.atSigma(sigma).upper()).isEqualTo(samples.valuesAtSigma(sigma)[1][0]);
      assertThat(summary.atSigma(sigma).halfWidth()).isEqualTo(global.errorsAtSigma(sigma)[0]);
    }
    assertThat(joint.maxLikelihood(model)).isEqualTo(summary.maxLikelihood());
  }

  @Test
  void aSharedParameterIsFoundByEverySlotPath() {
    ValueModel model = new ValueModel(Prior.gaussian(0, 3));
    FactorGraph graph = graph(model);
    GraphResult joint = graph.fit(sampler(3));
    ModelLayout<?> layout = joint.global().layout();
    List<String> slots = layout.slotPathsOf(0);

    assertThat(slots).hasSize(2);
    assertThat(joint.summary(slots.get(1))).isSameInstanceAs(joint.summary(slots.get(0)));
  }

  @Test
  void anUnknownPathOrParameterIsAClearError() {
    ValueModel model = new ValueModel(Prior.gaussian(0, 3));
    GraphResult joint = graph(model).fit(sampler(4));
    ValueModel other = new ValueModel(Prior.gaussian(0, 3));

    IllegalArgumentException path =
        assertThrows(IllegalArgumentException.class, () -> joint.summary("near_one.valu"));
    IllegalArgumentException parameter =
        assertThrows(IllegalArgumentException.class, () -> joint.summary(other.value()));
    IllegalArgumentException sigma =
        assertThrows(IllegalArgumentException.class, () -> joint.atSigma(model, 0));

    assertThat(path).hasMessageThat().contains("no free parameter has the path 'near_one.valu'");
    assertThat(path).hasMessageThat().contains(joint.summaries().get(0).path());
    assertThat(parameter).hasMessageThat().contains("is not a free parameter of this fit");
    assertThat(sigma).hasMessageThat().contains("sigma must be positive");
  }

  @Test
  void epsUncorrectedQuantilesAreItsGaussiansAndItHasNoMaximumLikelihood() {
    ValueModel model = new ValueModel(Prior.gaussian(0, 3));
    EpResult ep =
        ExpectationPropagation.builder()
            .seed(1)
            .tolerance(1e-3)
            .maxSweeps(20)
            .correctedMarginals(false)
            .sampler(sampler(0))
            .build()
            .fit(graph(model));
    VariableSummary summary = ep.summary(model.value());
    ParameterSummary.Interval oneSigma = summary.atSigma(1);

    // a Gaussian prior's latent map is the identity up to scale and shift: the quantiles are the
    // physical Gaussian's
    assertThat(summary.corrected()).isFalse();
    assertThat(summary.median()).isWithin(1e-9).of(summary.mean());
    assertThat(oneSigma.lower()).isWithin(1e-9).of(summary.mean() - summary.sd());
    assertThat(oneSigma.upper()).isWithin(1e-9).of(summary.mean() + summary.sd());
    assertThat(summary.maxLikelihood()).isNaN();
    assertThat(ep.summary())
        .contains("Summary (1.0 sigma limits):\n\n" + String.format("%-40s", summary.path()));
    assertThat(ep.summary()).contains("(EP Gaussian)");
  }

  @Test
  void aFactorsModelReadsTheJointFitAsItsOwnResultDoes() {
    ValueModel shared = new ValueModel(Prior.gaussian(0, 3));
    FactorGraph graph = new FactorGraph();
    FactorKey<Double> key = graph.add(AnalysisFactor.of(shared, NEAR_ONE).named("near_one"));
    graph.add(AnalysisFactor.of(shared, NEAR_TWO).named("near_two"));
    GraphResult joint = graph.fit(sampler(5));

    assertThat(joint.median(shared)).isEqualTo(joint.factor(key).medianPdfInstance());
    assertThat(joint.factor(key).summary(shared.value()).median())
        .isEqualTo(joint.summary(shared.value()).median());
  }
}

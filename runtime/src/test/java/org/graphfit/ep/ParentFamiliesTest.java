package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.ParameterSummary;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

/**
 * The log-Gaussian and truncated Gaussian parents, fitted by EP and jointly by nested sampling and
 * compared with the exact posterior of their hyper-parameters and the exact log evidence by
 * quadrature ({@link ParentReference}). Each dataset measures its drawn parameter once, {@code y_i
 * ~ N(x_i, noise)}.
 */
class ParentFamiliesTest {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  /** One toy: its graph, hierarchy and exact answer. */
  private record Toy(
      FactorGraph graph, HierarchicalFactor hierarchy, ParentReference.Moments exact) {}

  private static DoubleUnaryOperator measurement(double y, double noise) {
    return x -> {
      double t = (y - x) / noise;
      return -0.5 * t * t - Math.log(noise) - HALF_LOG_TWO_PI;
    };
  }

  /** Eight widths {@code x_i = exp(0.3 + 0.4 ε)} measured with noise 0.05. */
  private static double[] widths() {
    ZigguratSampler.NormalizedGaussian gaussian = gaussian(41);
    double[] y = new double[8];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.exp(0.3 + 0.4 * gaussian.sample()) + 0.05 * gaussian.sample();
    }
    return y;
  }

  /** Values from N(mean, sigma) truncated to [0, 10], measured with noise 0.1. */
  private static double[] truncatedDraws(int count, double mean, double sigma) {
    ZigguratSampler.NormalizedGaussian gaussian = gaussian(43);
    double[] y = new double[count];
    for (int i = 0; i < count; i++) {
      double x;
      do {
        x = mean + sigma * gaussian.sample();
      } while (x < 0 || x > 10);
      y[i] = x + 0.1 * gaussian.sample();
    }
    return y;
  }

  private static ZigguratSampler.NormalizedGaussian gaussian(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    return ZigguratSampler.NormalizedGaussian.of(rng);
  }

  /**
   * A graph drawing each dataset's width ({@code drawWidth}) or centre from the hierarchy, with the
   * exact answer on a latent box of the hyper-parameters.
   */
  private static Toy toy(
      HierarchicalFactor hierarchy,
      Prior drawnPrior,
      double[] y,
      double noise,
      boolean drawWidth,
      double[] box) {
    FactorGraph graph = new FactorGraph();
    DoubleUnaryOperator[] likelihoods = new DoubleUnaryOperator[y.length];
    for (int i = 0; i < y.length; i++) {
      DoubleUnaryOperator likelihood = measurement(y[i], noise);
      likelihoods[i] = likelihood;
      GaussianModel model = GaussianModel.withDefaults().normalization(1.0);
      Analysis<Gaussian> analysis;
      if (drawWidth) {
        model.centre(0.0).sigma(drawnPrior);
        analysis = g -> likelihood.applyAsDouble(g.sigma());
      } else {
        model.centre(drawnPrior).sigma(1.0);
        analysis = g -> likelihood.applyAsDouble(g.centre());
      }
      graph.add(AnalysisFactor.of(model, analysis).named("dataset_" + i));
      hierarchy.draw(drawWidth ? model.sigma() : model.centre());
    }
    graph.add(hierarchy);
    ParentReference.Moments exact =
        ParentReference.of(
            hierarchy.distribution(),
            drawnPrior,
            hierarchy.hyperParameter("mean").prior().orElseThrow(),
            hierarchy.hyperParameter("sigma").prior().orElseThrow(),
            likelihoods,
            box);
    return new Toy(graph, hierarchy, exact);
  }

  private static Toy logGaussian(Prior drawnPrior) {
    return toy(
        HierarchicalFactor.logGaussian(Prior.gaussian(0, 2), Prior.logUniform(0.05, 3)),
        drawnPrior,
        widths(),
        0.05,
        true,
        new double[] {-8, 8, -12, 12});
  }

  private static Toy truncated(int count, double mean, double sigma) {
    return toy(
        HierarchicalFactor.truncatedGaussian(
            Prior.uniform(-3, 5), Prior.logUniform(0.05, 5), 0, 10),
        Prior.uniform(0, 10),
        truncatedDraws(count, mean, sigma),
        0.1,
        false,
        new double[] {-12, 12, -12, 12});
  }

  private static EpResult ep(Toy toy) {
    return ExpectationPropagation.builder().seed(3).build().fit(toy.graph);
  }

  private static GraphResult nested(Toy toy) {
    return toy.graph.fit(NestedSampling.builder().nLive(200).seed(7).build());
  }

  /** EP's hyper-parameters against the exact posterior, and its evidence within a tolerance. */
  private static void assertEpMatchesTheExactPosterior(Toy toy, double evidenceTolerance) {
    EpResult result = ep(toy);
    VariableSummary mean = result.summary(toy.hierarchy.hyperParameter("mean"));
    VariableSummary sigma = result.summary(toy.hierarchy.hyperParameter("sigma"));
    ParentReference.Moments exact = toy.exact;

    assertThat(result.converged()).isTrue();
    assertThat(result.concerns()).isEmpty();
    assertThat(mean.mean()).isWithin(0.15 * exact.meanSd()).of(exact.mean());
    assertThat(mean.sd()).isWithin(0.1 * exact.meanSd()).of(exact.meanSd());
    assertThat(sigma.mean()).isWithin(0.15 * exact.sigmaSd()).of(exact.sigma());
    assertThat(sigma.sd()).isWithin(0.15 * exact.sigmaSd()).of(exact.sigmaSd());
    assertThat(result.logEvidence()).isWithin(evidenceTolerance).of(exact.logEvidence());
  }

  /** The joint nested-sampling fit against the exact posterior, within its own errors. */
  private static void assertJointFitMatchesTheExactPosterior(Toy toy) {
    GraphResult joint = nested(toy);
    ParameterSummary mean = joint.summary(toy.hierarchy.hyperParameter("mean"));
    ParameterSummary sigma = joint.summary(toy.hierarchy.hyperParameter("sigma"));
    ParentReference.Moments exact = toy.exact;

    assertThat(mean.mean()).isWithin(0.3 * exact.meanSd()).of(exact.mean());
    assertThat(sigma.mean()).isWithin(0.3 * exact.sigmaSd()).of(exact.sigma());
    assertThat(joint.global().logEvidence())
        .isWithin(3 * joint.global().logEvidenceError())
        .of(exact.logEvidence());
  }

  @Test
  void logGaussianParentOverLogUniformWidthsMatchesTheExactPosterior() {
    // the drawn prior's latent coordinate is a logit: EP integrates the parent on the 3-D grid
    Toy toy = logGaussian(Prior.logUniform(0.01, 100));

    // exact: log Z -23.819, mean 0.104 (sd 0.100), sigma 0.265 (sd 0.089); EP -23.756
    assertEpMatchesTheExactPosterior(toy, 0.15);
    assertJointFitMatchesTheExactPosterior(toy);
  }

  @Test
  void logGaussianParentOverLogGaussianWidthsIsIntegratedInClosedForm() {
    // latent coordinate log x: the closed form of the Gaussian parent applies to exp(-z) N(z;..)
    Toy toy = logGaussian(Prior.logGaussian(0, 3));

    // exact: log Z -22.223; EP -22.159
    assertEpMatchesTheExactPosterior(toy, 0.15);
  }

  @Test
  void truncatedParentMatchesTheExactPosteriorWhereItsBoundsCutLittle() {
    // 32 values from N(2.5, 1) truncated to [0, 10]: about 1% of the parent's mass is cut off
    Toy toy = truncated(32, 2.5, 1);

    // exact: log Z -122.858, mean 2.518 (sd 0.198), sigma 1.028 (sd 0.163), correlation -0.20
    assertEpMatchesTheExactPosterior(toy, 0.2);
  }

  @Test
  void truncatedParentCuttingDeepIntoItsMassIsFittedJointlyAndFlaggedInEp() {
    // 8 values from N(0.8, 0.8) truncated to [0, 10]: the mean and sigma trade off
    Toy toy = truncated(8, 0.8, 0.8);
    assertThat(Math.abs(toy.exact.correlation())).isGreaterThan(0.6);

    assertJointFitMatchesTheExactPosterior(toy);
    EpResult result = ep(toy);
    assertThat(result.trustworthy()).isFalse();
    assertThat(result.concerns().stream().map(c -> c.check())).contains(Check.HIERARCHY_MEAN_FIELD);
  }
}

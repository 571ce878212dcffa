package org.graphfit.search;

import static com.google.common.truth.Truth.assertThat;

import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.Constraint;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.LatentGaussianPrior;
import org.graphfit.prior.Prior;
import org.graphfit.prior.TruncatedGaussianPrior;
import org.graphfit.prior.UniformPrior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

/**
 * Chained fits: a cheap first search over broad priors, then a full search over priors passed from
 * its posterior, against one full search over the broad priors. With priors that cover the
 * posterior many times over, both describe one posterior; the chain is cheaper because the second
 * search starts where the posterior is.
 */
class PriorPassingTest {
  private static final double[] DATA = simulate();

  private static double[] simulate() {
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(31L);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] data = new double[50];
    for (int i = 0; i < data.length; i++) {
      data[i] = 12.5 + 2.0 * normal.sample();
    }
    return data;
  }

  /** Normal measurements with unknown centre and sigma. */
  private static final class Measured implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian g) {
      double sum = 0;
      for (double y : DATA) {
        double z = (y - g.centre()) / g.sigma();
        sum += -0.5 * z * z - Math.log(g.sigma());
      }
      return sum;
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("measured", DATA.length).build());
    }
  }

  private static GaussianModel broad() {
    return GaussianModel.unset()
        .centre(Prior.uniform(-1000, 1000))
        .normalization(1.0)
        .sigma(Prior.uniform(0.01, 100));
  }

  private static Result<Gaussian> fit(GaussianModel model, int live, long seed) {
    return NestedSampling.builder()
        .nLive(live)
        .seed(seed)
        .threads(1)
        .build()
        .fit(model, new Measured());
  }

  private static void assertSamePosterior(
      Result<Gaussian> chained, Result<Gaussian> direct, double sdTolerance) {
    double[] mean = chained.samples().mean();
    double[] sd = chained.samples().standardDeviation();
    double[] directMean = direct.samples().mean();
    double[] directSd = direct.samples().standardDeviation();
    for (int i = 0; i < 2; i++) {
      assertThat(mean[i]).isWithin(0.1 * directSd[i]).of(directMean[i]);
      assertThat(sd[i]).isWithin(sdTolerance * directSd[i]).of(directSd[i]);
    }
  }

  @Test
  void aChainOfCentredPriorsReproducesTheDirectFitWithFewerCalls() {
    GaussianModel model = broad();
    Result<Gaussian> direct = fit(model, 400, 1);
    Result<Gaussian> first = fit(model, 40, 2);

    GaussianModel next = model.copy(first.posteriorPriors(PriorPassing.centered()));
    Result<Gaussian> second = fit(next, 400, 3);

    TruncatedGaussianPrior centre = (TruncatedGaussianPrior) next.layout().prior(0);
    assertThat(centre.arguments().get("mean")).isEqualTo(first.samples().median()[0]);
    assertThat(centre.arguments().get("sigma")).isEqualTo(first.errorsAtSigma(3)[0]);
    assertThat(centre.lowerBound()).isEqualTo(-1000.0);
    assertThat(next.layout().fixedValues()).containsExactly("normalization", 1.0);
    assertSamePosterior(second, direct, 0.12);
    assertThat(first.likelihoodCalls() + second.likelihoodCalls())
        .isLessThan(direct.likelihoodCalls());
  }

  @Test
  void aMaximumLikelihoodBoundedUniformChainReproducesTheDirectFit() {
    GaussianModel model = broad();
    Result<Gaussian> direct = fit(model, 400, 1);
    Result<Gaussian> first = fit(model, 40, 2);

    GaussianModel next = model.copy(first.posteriorPriors(PriorPassing.boundedUniform(8)));
    Result<Gaussian> second = fit(next, 400, 3);

    UniformPrior sigma = (UniformPrior) next.layout().prior(1);
    double best = first.samples().vector(first.samples().maxLogLikelihoodIndex())[1];
    assertThat(sigma.lowerBound()).isWithin(1e-9).of(best - 8 * first.errorsAtSigma(1)[1]);
    assertSamePosterior(second, direct, 0.08);
    assertThat(first.likelihoodCalls() + second.likelihoodCalls())
        .isLessThan(direct.likelihoodCalls());
  }

  @Test
  void widthsFloorsAndSharingCarryOver() {
    GaussianModel left = GaussianModel.withDefaults();
    GaussianModel right = GaussianModel.withDefaults();
    Parameter m = Parameter.free("m", Prior.uniform(0, 2));
    right.sigma(m.times(2).plus(1));
    ModelCollection collection = new ModelCollection();
    collection.add("left", left);
    collection.add("right", right);
    left.addConstraint(Constraint.lessThan(left.normalization(), 100));
    Samples samples =
        Samples.of(
            collection.layout().freeParameterPaths(),
            new double[][] {{40, 1, 2, 0.5, 1}, {50, 2, 3, 0.7, 1}, {60, 3, 4, 0.9, 1}},
            new double[] {0, 0, 0},
            new double[] {0, 0, 0},
            new double[] {1, 1, 1});
    Result<CollectionInstance> result =
        Result.builder("test", collection.layout(), samples).build();

    ParameterMapping mapping =
        result.posteriorPriors(PriorPassing.absoluteWidth(0.5).withRelativeFloor(0.1));
    GaussianModel leftCopy = left.copy(mapping);
    GaussianModel rightCopy = right.copy(mapping);
    ModelCollection copies = new ModelCollection();
    copies.add("left", leftCopy);
    copies.add("right", rightCopy);
    ModelLayout<CollectionInstance> layout = copies.layout();

    // the shared centre is still one parameter, the relation still reads m
    assertThat(layout.priorCount()).isEqualTo(5);
    assertThat(layout.freeParameterPaths()).isEqualTo(collection.layout().freeParameterPaths());
    assertThat(layout.relations()).containsExactly("right.sigma", "right.sigma.m * 2.0 + 1.0");
    // centre: median 50, floor 0.1 * 50 = 5 beats the width 0.5
    assertThat(layout.prior(0).arguments().get("sigma")).isEqualTo(5.0);
    assertThat(layout.prior(3).arguments().get("sigma")).isEqualTo(0.5);
    assertThat(layout.prior(4).lowerBound()).isEqualTo(0.0);
    assertThat(leftCopy.constraints()).hasSize(1);
    assertThat(leftCopy.centre()).isNotSameInstanceAs(left.centre());
  }

  @Test
  void anEpResultPassesItsLatentGaussiansOn() {
    FactorGraph graph = new FactorGraph();
    GaussianModel first = broad().centre(Prior.uniform(-100, 100));
    GaussianModel second = broad().centre(first.centre());
    graph.add(AnalysisFactor.of(first, new Measured()).named("a"));
    graph.add(AnalysisFactor.of(second, new Measured()).named("b"));
    EpResult ep = ExpectationPropagation.builder().seed(1).build().fit(graph);

    ParameterMapping mapping = ep.posteriorPriors();
    GaussianModel firstCopy = first.copy(mapping);
    GaussianModel secondCopy = second.copy(mapping);

    assertThat(secondCopy.centre()).isSameInstanceAs(firstCopy.centre());
    LatentGaussianPrior centre = (LatentGaussianPrior) firstCopy.centre().prior().orElseThrow();
    VariableSummary summary = ep.summary(first.centre());
    assertThat(centre.arguments().get("latent_mean")).isEqualTo(summary.latentMean());
    assertThat(centre.arguments().get("latent_sigma")).isEqualTo(summary.latentSd());
    assertThat(centre.base()).isEqualTo(Prior.uniform(-100, 100));
    // its median is EP's latent mean pushed through the old prior's bijection
    assertThat(centre.median()).isWithin(1e-9).of(centre.base().fromLatent(summary.latentMean()));
  }
}

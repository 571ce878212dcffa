package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.testing.Gaussian;
import org.junit.jupiter.api.Test;

/** Thread-count independence, failing factors and scale collapse on hierarchical toys. */
class EpRobustnessTest {
  private static final double NOISE = 1;

  private static HierarchicalFactor hierarchy() {
    return HierarchicalFactor.gaussian(Prior.gaussian(0, 20), Prior.logUniform(0.01, 30));
  }

  /** The exact posterior mean and sd of mu and sigma by quadrature on a fine 2-D grid. */
  private static double[] exactMoments(HierarchicalToys toy, HierarchicalFactor hierarchy) {
    Prior muPrior = hierarchy.hyperParameter("mean").prior().orElseThrow();
    Prior sigmaPrior = hierarchy.hyperParameter("sigma").prior().orElseThrow();
    int n = 800;
    double[] logs = new double[n * n];
    double max = Double.NEGATIVE_INFINITY;
    double[] mus = new double[n];
    double[] sigmas = new double[n];
    for (int i = 0; i < n; i++) {
      mus[i] = -20 + 60.0 * (i + 0.5) / n;
      sigmas[i] = Math.exp(Math.log(0.01) + (Math.log(30) - Math.log(0.01)) * (i + 0.5) / n);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // grid uniform in log sigma: the measure adds a factor sigma
        double value =
            toy.logMarginal(mus[i], sigmas[j])
                + muPrior.logDensity(mus[i])
                + sigmaPrior.logDensity(sigmas[j])
                + Math.log(sigmas[j]);
        logs[i * n + j] = value;
        max = Math.max(max, value);
      }
    }
    double total = 0;
    double[] sums = new double[4];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = Math.exp(logs[i * n + j] - max);
        total += w;
        sums[0] += w * mus[i];
        sums[1] += w * mus[i] * mus[i];
        sums[2] += w * sigmas[j];
        sums[3] += w * sigmas[j] * sigmas[j];
      }
    }
    double muMean = sums[0] / total;
    double sigmaMean = sums[2] / total;
    return new double[] {
      muMean,
      Math.sqrt(sums[1] / total - muMean * muMean),
      sigmaMean,
      Math.sqrt(sums[3] / total - sigmaMean * sigmaMean)
    };
  }

  @Test
  void resultsAreIdenticalForAnyNumberOfThreads() {
    double[] y = HierarchicalToys.simulate(5, 16, 3, 2, NOISE);
    EpResult one =
        ExpectationPropagation.builder()
            .seed(9)
            .threads(1)
            .build()
            .fit(HierarchicalToys.of(y, NOISE, hierarchy()).graph);
    EpResult two =
        ExpectationPropagation.builder()
            .seed(9)
            .threads(2)
            .build()
            .fit(HierarchicalToys.of(y, NOISE, hierarchy()).graph);

    assertThat(two.approximation()).isEqualTo(one.approximation());
    assertThat(two.sweepCount()).isEqualTo(one.sweepCount());
    for (int i = 0; i < one.history().size(); i++) {
      assertThat(two.history().get(i).kl()).isEqualTo(one.history().get(i).kl());
      assertThat(two.history().get(i).status()).isEqualTo(one.history().get(i).status());
    }
    assertThat(Double.compare(two.logEvidence(), one.logEvidence())).isEqualTo(0);
  }

  /**
   * Fits the toy with EP (seed 9) and compares the parent mean's mean and sd, in units of its exact
   * sd, and the scale's mean, within half its exact sd, with the exact posterior.
   */
  private static void assertMatchesTheExactPosterior(
      HierarchicalToys toy, HierarchicalFactor hierarchy, double meanTolerance) {
    EpResult result = ExpectationPropagation.builder().seed(9).build().fit(toy.graph);
    double[] exact = exactMoments(toy, hierarchy);
    VariableSummary mu = result.summary(hierarchy.hyperParameter("mean"));
    VariableSummary sigma = result.summary(hierarchy.hyperParameter("sigma"));

    assertThat(result.converged()).isTrue();
    assertThat(mu.mean()).isWithin(meanTolerance * exact[1]).of(exact[0]);
    assertThat(mu.sd()).isWithin(meanTolerance * exact[1]).of(exact[1]);
    assertThat(sigma.mean()).isWithin(0.5 * exact[3]).of(exact[2]);
  }

  @Test
  void hierarchicalToyMatchesTheExactPosterior() {
    double[] y = HierarchicalToys.simulate(5, 16, 3, 2, NOISE);
    HierarchicalFactor hierarchy = hierarchy();
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy);

    assertMatchesTheExactPosterior(toy, hierarchy, 0.1);
  }

  @Test
  void aParentMeanWithAUniformPriorIsIntegratedOnTheTwoDimensionalGrid() {
    double[] y = HierarchicalToys.simulate(5, 16, 3, 2, NOISE);
    HierarchicalFactor hierarchy =
        HierarchicalFactor.gaussian(Prior.uniform(-20, 40), Prior.logUniform(0.01, 30));
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy);

    assertMatchesTheExactPosterior(toy, hierarchy, 0.1);
  }

  @Test
  void drawnParametersWithUniformPriorsAreIntegratedOnTheFullGrid() {
    double[] y = HierarchicalToys.simulate(5, 16, 3, 2, NOISE);
    HierarchicalFactor hierarchy = hierarchy();
    // A flat centre prior on (-100, 100): the exact marginal of the Gaussian N(0, 100) prior
    // differs from it by less than the tolerances below.
    HierarchicalToys toy =
        HierarchicalToys.of(
            y,
            NOISE,
            hierarchy,
            i -> HierarchicalToys.measurement(y[i], NOISE),
            Prior.uniform(-100, 100));

    assertMatchesTheExactPosterior(toy, hierarchy, 0.15);
  }

  @Test
  void manyDatasetsDoNotCollapseTheScale() {
    // With thousands of parent factors updated against one approximation the product of their weak
    // "shrink" messages collapses the scale; the block schedule prevents it (with all factors in
    // one block this test fails: EP does not converge within 50 sweeps).
    double[] y = HierarchicalToys.simulate(77, 10000, 3, 2, NOISE);
    HierarchicalFactor hierarchy = hierarchy();
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy);

    EpResult result = ExpectationPropagation.builder().seed(1).threads(2).build().fit(toy.graph);
    VariableSummary mu = result.summary(hierarchy.hyperParameter("mean"));
    VariableSummary sigma = result.summary(hierarchy.hyperParameter("sigma"));

    assertThat(result.converged()).isTrue();
    assertThat(result.failingFactors()).isEmpty();
    assertThat(sigma.mean()).isWithin(0.15).of(2);
    assertThat(mu.mean()).isWithin(4 * mu.sd()).of(3);
  }

  @Test
  void factorsThatAlwaysFailAreExcludedAndEpConvergesOnTheRest() {
    double[] y = HierarchicalToys.simulate(21, 20, 3, 2, NOISE);
    HierarchicalFactor hierarchy = hierarchy();
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy, brokenAt(y, 4, 11));

    EpResult result = ExpectationPropagation.builder().seed(2).build().fit(toy.graph);
    VariableSummary mu = result.summary(hierarchy.hyperParameter("mean"));

    assertThat(result.converged()).isTrue();
    assertThat(result.failingFactors()).containsExactly("dataset_4", "dataset_11");
    assertThat(result.excludedFactors()).containsExactly("dataset_4", "dataset_11");
    assertThat(result.statuses().get("dataset_4")).isEqualTo(UpdateStatus.EXCLUDED);
    List<EpUpdate> broken =
        result.history().stream().filter(u -> u.factor().equals("dataset_11")).toList();
    assertThat(broken.stream().map(EpUpdate::status).distinct().toList())
        .containsExactly(UpdateStatus.FAILED);
    assertThat(broken).hasSize(5);
    assertThat(broken.get(4).message())
        .contains("excluded after 5 failed fits with no success between");
    // The excluded factors keep their flat starting message: the fit is that of the other 18
    // datasets (their centres only add the parent's own spread, far wider than the data's).
    assertThat(result.summary(toy.models.get(4).centre()).sd()).isGreaterThan(1.5);
    double[] healthy = new double[18];
    for (int i = 0, j = 0; i < y.length; i++) {
      if (i != 4 && i != 11) {
        healthy[j++] = y[i];
      }
    }
    double[] exact = exactMoments(HierarchicalToys.of(healthy, NOISE, hierarchy()), hierarchy);
    assertThat(mu.mean()).isWithin(0.1 * exact[1]).of(exact[0]);
    assertThat(mu.sd()).isWithin(0.1 * exact[1]).of(exact[1]);
    // The evidence leaves them out too: it is that of the graph whose broken datasets say nothing.
    IntFunction<Analysis<Gaussian>> silent =
        i -> i == 4 || i == 11 ? g -> 0 : HierarchicalToys.measurement(y[i], NOISE);
    EpResult withoutData =
        ExpectationPropagation.builder()
            .seed(2)
            .build()
            .fit(HierarchicalToys.of(y, NOISE, hierarchy(), silent).graph);
    assertThat(result.logEvidence()).isWithin(1e-6).of(withoutData.logEvidence());
  }

  @Test
  void withoutExclusionFailingFactorsAreRetriedAndBlockConvergence() {
    double[] y = HierarchicalToys.simulate(21, 20, 3, 2, NOISE);
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy(), brokenAt(y, 4, 11));

    EpResult result =
        ExpectationPropagation.builder()
            .seed(2)
            .maxSweeps(12)
            .maxFailures(Integer.MAX_VALUE)
            .build()
            .fit(toy.graph);

    assertThat(result.converged()).isFalse();
    assertThat(result.sweepCount()).isEqualTo(12);
    assertThat(result.failingFactors()).containsExactly("dataset_4", "dataset_11");
    assertThat(result.excludedFactors()).isEmpty();
    assertThat(result.statuses().get("dataset_4")).isEqualTo(UpdateStatus.FAILED);
    assertThat(result.history().stream().filter(u -> u.factor().equals("dataset_4")).count())
        .isEqualTo(12);
  }

  /** Measurements of {@code y}, except that the first broken dataset throws and the second NaNs. */
  private static IntFunction<Analysis<Gaussian>> brokenAt(double[] y, int throwing, int nan) {
    return i -> {
      if (i == throwing) {
        return g -> {
          throw new IllegalStateException("broken dataset");
        };
      }
      if (i == nan) {
        return g -> Double.NaN;
      }
      return HierarchicalToys.measurement(y[i], NOISE);
    };
  }

  @Test
  void aFactorThatFailsOnlyAtFirstIsRetriedAndEpConverges() {
    double[] y = HierarchicalToys.simulate(21, 10, 3, 2, NOISE);
    AtomicInteger calls = new AtomicInteger();
    HierarchicalToys toy =
        HierarchicalToys.of(
            y,
            NOISE,
            hierarchy(),
            i -> {
              Analysis<Gaussian> measurement = HierarchicalToys.measurement(y[i], NOISE);
              if (i != 2) {
                return measurement;
              }
              return g -> {
                if (calls.incrementAndGet() <= 3) {
                  throw new IllegalStateException("transient failure");
                }
                return measurement.logLikelihood(g);
              };
            });

    EpResult result = ExpectationPropagation.builder().seed(2).build().fit(toy.graph);

    List<UpdateStatus> statuses =
        result.history().stream()
            .filter(u -> u.factor().equals("dataset_2"))
            .map(EpUpdate::status)
            .toList();
    assertThat(statuses.get(0)).isEqualTo(UpdateStatus.FAILED);
    assertThat(statuses.get(statuses.size() - 1)).isEqualTo(UpdateStatus.OK);
    assertThat(result.converged()).isTrue();
  }

  @Test
  void aScaleConsistentWithZeroDoesNotCollapse() {
    // No intrinsic scatter at all: every centre is exactly 5.
    double[] y = HierarchicalToys.simulate(8, 10, 5, 0, NOISE);
    HierarchicalFactor hierarchy = hierarchy();
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy);

    EpResult result = ExpectationPropagation.builder().seed(4).build().fit(toy.graph);
    double[] exact = exactMoments(toy, hierarchy);
    VariableSummary sigma = result.summary(hierarchy.hyperParameter("sigma"));

    assertThat(result.converged()).isTrue();
    assertThat(sigma.mean()).isGreaterThan(0.01);
    assertThat(sigma.sd()).isGreaterThan(0);
    assertThat(sigma.latentSd()).isGreaterThan(0.5);
    assertThat(sigma.mean()).isWithin(0.5 * exact[3]).of(exact[2]);
  }
}

package org.graphfit.examples;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.util.List;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.model.CollectionInstance;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed example's fits against exact answers computed by grid quadrature on the same three data
 * files (likelihood -0.5 chi^2, no noise normalisation): joint log Z = -165.28, shared centre mean
 * 49.79 and sd 26.11; dataset_0 alone log Z = -55.11, centre mean 47.7 and sd 32.5.
 *
 * <p>Tolerances: each log Z within 3 reported sigma and within 0.3 of the exact value. At 500 live
 * points the centre's mean and sd scatter from seed to seed by about 0.7 and 1.1 (the second mode
 * near 77 carries 0.125 of the mass and is sampled by a few hundred points; measured over ten seeds
 * with {@code SeedFitBenchmark}), so their averages over four seeds are held to 1.0 and 1.5
 * (standard errors about 0.35 and 0.55) and each seed to 2.5 and 3.5.
 */
class SeedJointFitTest {
  private static List<Dataset1D> datasets;

  @BeforeAll
  static void loadData() throws IOException {
    System.setProperty(ExampleData.PROPERTY, "data");
    datasets = ExampleData.load("gaussian_x1__low_snr", 3);
  }

  private static Result<CollectionInstance> fit(int datasetCount, long seed) {
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < datasetCount; i++) {
      graph.add(
          AnalysisFactor.of(
                  GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(datasets.get(i)))
              .named("dataset_" + i));
    }
    return graph
        .fit(NestedSampling.builder().nLive(500).walks(10).seed(seed).threads(1).build())
        .global();
  }

  @Test
  void jointFitMatchesTheExactEvidenceAndSharedCentrePosterior() {
    double meanOfMeans = 0;
    double meanOfSds = 0;
    int seeds = 4;
    for (long seed = 1; seed <= seeds; seed++) {
      Result<CollectionInstance> result = fit(3, seed);
      double deviation = Math.abs(result.logEvidence() - -165.28);
      assertThat(deviation).isLessThan(Math.min(0.3, 3 * result.logEvidenceError()));
      double mean = result.samples().mean()[0];
      double sd = result.samples().standardDeviation()[0];
      assertThat(mean).isWithin(2.5).of(49.79);
      assertThat(sd).isWithin(3.5).of(26.11);
      meanOfMeans += mean / seeds;
      meanOfSds += sd / seeds;
    }
    assertThat(meanOfMeans).isWithin(1.0).of(49.79);
    assertThat(meanOfSds).isWithin(1.5).of(26.11);
  }

  /**
   * The shared centre's sd averaged over 12 seeds (seed-to-seed sd 0.9, standard error 0.26) within
   * 0.6 of the exact 26.10: a sampler whose bound cuts off part of the wide wings (centre far from
   * the data, every normalization small), or whose walks are shaped by the ellipsoid they start in,
   * gives 25.05 on average (measured over 30 seeds with {@code JointScalingBenchmark}).
   */
  @Test
  void sharedCentreSpreadIsUnbiasedOverSeeds() {
    double meanOfSds = 0;
    int seeds = 12;
    for (long seed = 101; seed < 101 + seeds; seed++) {
      meanOfSds += fit(3, seed).samples().standardDeviation()[0] / seeds;
    }
    assertThat(meanOfSds).isWithin(0.6).of(26.10);
  }

  @Test
  void singleDatasetFitMatchesTheExactEvidenceAndCentre() {
    Result<CollectionInstance> result = fit(1, 1);

    assertThat(Math.abs(result.logEvidence() - -55.11))
        .isLessThan(Math.min(0.3, 3 * result.logEvidenceError()));
    assertThat(result.samples().mean()[0]).isWithin(2.5).of(47.7);
    assertThat(result.samples().standardDeviation()[0]).isWithin(3.5).of(32.5);
  }
}

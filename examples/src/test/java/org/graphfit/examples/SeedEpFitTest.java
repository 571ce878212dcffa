package org.graphfit.examples;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.util.List;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.ep.Convergence;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.LaplaceMismatch;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.search.nested.NestedSampling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expectation propagation on the seed example: three low-SNR datasets sharing one centre, each
 * factor fitted by nested sampling of its tilted distribution. The exact posterior of the centre,
 * by grid quadrature, has mean 49.79 and sd 26.11 with a narrow second mode near 77. EP's Gaussian
 * fixed point (negative-precision messages included) has its mean about 3 too high (52.2 to 55.1
 * over 20 seeds of {@code EpSeedBenchmark}; an exact-moment EP by quadrature gives 52.9); the
 * corrected marginal, which the summary reports, is an estimate from the last sweep's samples:
 * after 8 sweeps it is within 2.5 of the mean and 15% of the sd on seeds 1 to 3. Where the fits
 * stop at their noise floor (4 to 12 sweeps) it is within 2.5 on 16 of 20 seeds and 15% on 17 of
 * 20: a factor's term can rise at the edge of its samples' range and put a spurious bump in the far
 * tail (seed 8 at sweep 6: 39.72 ± 39.40, whichever rule ends the fit there). PyAutoFit's EP gives
 * means from 42 to 68 across runs on the same data.
 */
class SeedEpFitTest {
  private static List<Dataset1D> datasets;

  @BeforeAll
  static void loadData() throws IOException {
    System.setProperty(ExampleData.PROPERTY, "data");
    datasets = ExampleData.load("gaussian_x1__low_snr", 3);
  }

  private static FactorGraph graph() {
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < 3; i++) {
      graph.add(
          AnalysisFactor.of(
                  GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(datasets.get(i)))
              .named("dataset_" + i));
    }
    return graph;
  }

  private static ExpectationPropagation.Builder sampled(long seed) {
    return ExpectationPropagation.builder()
        .threads(2)
        .seed(seed)
        .maxSweeps(20)
        .tolerance(1e-3)
        .sampler(NestedSampling.builder().nLive(500).walks(10).threads(1).build());
  }

  /** Eight sweeps, whatever the convergence test says. */
  private static EpResult fit(long seed) {
    return sampled(seed).maxSweeps(8).noiseFloorConvergence(false).build().fit(graph());
  }

  @Test
  void sampledFitsConvergeToTheirNoiseFloor() {
    EpResult result = sampled(1).build().fit(graph());

    assertThat(result.convergence()).isEqualTo(Convergence.CONVERGED_TO_NOISE_FLOOR);
    assertThat(result.noiseFloor()).isLessThan(0.1);
    assertThat(result.sweepCount()).isLessThan(20);
    assertThat(result.trustworthy()).isTrue();
  }

  @Test
  void theCorrectedCentreMatchesTheExactPosterior() {
    double lowest = Double.POSITIVE_INFINITY;
    double highest = Double.NEGATIVE_INFINITY;
    for (long seed = 1; seed <= 3; seed++) {
      EpResult result = fit(seed);
      assertThat(result.failingFactors()).isEmpty();
      // each factor includes its local widths' priors, so no message is set flat
      assertThat(result.logEvidenceApproximate()).isFalse();
      VariableSummary centre = result.summary("dataset_0.centre");
      assertThat(centre.corrected()).isTrue();
      assertThat(centre.mean()).isWithin(2.5).of(49.79);
      assertThat(centre.sd()).isWithin(0.15 * 26.11).of(26.11);
      lowest = Math.min(lowest, centre.mean());
      highest = Math.max(highest, centre.mean());
    }
    assertThat(highest - lowest).isLessThan(2.0);
  }

  @Test
  void defaultEpChecksItsLaplaceFitsAndIsRightOrSaysSo() {
    EpResult checked = ExpectationPropagation.builder().threads(2).seed(1).build().fit(graph());
    EpResult unchecked =
        ExpectationPropagation.builder()
            .threads(2)
            .seed(1)
            .onLaplaceMismatch(LaplaceMismatch.IGNORE)
            .build()
            .fit(graph());

    VariableSummary centre = checked.summary("dataset_0.centre");
    boolean right =
        Math.abs(centre.mean() - 49.79) <= 0.5 * 26.11 && Math.abs(centre.sd() / 26.11 - 1) <= 0.2;
    assertThat(right || !checked.trustworthy()).isTrue();
    // in fact it is right: each dataset's Laplace fit sees one bump of a likelihood that is mostly
    // a plateau where the signal is consistent with zero, fails its check and is sampled instead
    assertThat(checked.fallbackFactors()).containsExactly("dataset_0", "dataset_1", "dataset_2");
    assertThat(right).isTrue();
    assertThat(checked.converged()).isTrue();
    // Laplace alone (what EP did before the check): 51.33 +/- 1.58, log Z 6.9 nats low, and no
    // word of it
    VariableSummary overconfident = unchecked.summary("dataset_0.centre");
    assertThat(overconfident.sd()).isLessThan(0.1 * 26.11);
    assertThat(unchecked.logEvidence()).isLessThan(-165.28 - 5);
    assertThat(checked.logEvidence()).isWithin(1).of(-165.28);
  }
}

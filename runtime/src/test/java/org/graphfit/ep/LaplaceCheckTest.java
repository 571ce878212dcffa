package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.SearchOptions;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/**
 * Laplace fits are checked against their tilted densities: a Laplace Gaussian that misses mass is
 * replaced by the fallback sampler ({@link LaplaceMismatch#SAMPLE}) or reported ({@link
 * LaplaceMismatch#WARN}), while fits that are right pass, so that no factor is sampled for nothing.
 */
class LaplaceCheckTest {
  private static final Analysis<Double> BIMODAL =
      x -> Math.log(Math.exp(-0.5 * sq((x + 2) / 0.6)) + Math.exp(-0.5 * sq((x - 2.5) / 0.6)));
  private static final Analysis<Double> MILD = x -> -0.5 * sq((x - 1) / 2);

  private static double sq(double x) {
    return x * x;
  }

  /**
   * The exact posterior mean and sd of the bimodal toy (prior N(0, 3²)), by the trapezoidal rule.
   */
  private static double[] exact() {
    int n = 30001;
    double h = 30.0 / (n - 1);
    double[] sums = new double[3];
    for (int i = 0; i < n; i++) {
      double x = -15 + i * h;
      double p =
          (i == 0 || i == n - 1 ? 0.5 : 1)
              * Math.exp(-0.5 * sq(x / 3) + BIMODAL.logLikelihood(x) + MILD.logLikelihood(x));
      sums[0] += p;
      sums[1] += p * x;
      sums[2] += p * x * x;
    }
    double mean = sums[1] / sums[0];
    return new double[] {mean, Math.sqrt(sums[2] / sums[0] - mean * mean)};
  }

  private static EpResult bimodal(LaplaceMismatch action) {
    ValueModel shared = new ValueModel(Prior.gaussian(0, 3));
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(shared, BIMODAL).named("bimodal"));
    graph.add(AnalysisFactor.of(shared, MILD).named("mild"));
    return ExpectationPropagation.builder().seed(2).onLaplaceMismatch(action).build().fit(graph);
  }

  @Test
  void aLaplaceFitThatMissesAModeIsReplacedByTheFallbackSampler() {
    double[] exact = exact(); // mean 0.91, sd 1.98, a third of the mass in the mode at -2

    EpResult sampled = bimodal(LaplaceMismatch.SAMPLE);

    assertThat(sampled.fallbackFactors()).containsExactly("bimodal");
    assertThat(sampled.fits().get("bimodal")).isEqualTo(FactorResult.Fit.FALLBACK_SAMPLER);
    assertThat(sampled.fits().get("mild")).isEqualTo(FactorResult.Fit.LAPLACE);
    assertThat(sampled.converged()).isTrue();
    assertThat(sampled.trustworthy()).isTrue();
    VariableSummary value = sampled.summaries().get(0);
    // EP's Gaussian with the bimodal factor sampled (100 live points)
    assertThat(value.mean()).isWithin(0.25 * exact[1]).of(exact[0]);
    assertThat(value.sd()).isWithin(0.15 * exact[1]).of(exact[1]);
    assertThat(
            sampled.history().stream()
                .filter(u -> u.factor().equals("bimodal") && u.sweep() == 1)
                .findFirst()
                .orElseThrow()
                .message())
        .contains("importance check of the Laplace fit failed");
  }

  @Test
  void withWarnTheMismatchedLaplaceFitIsUsedAndReportedAndWithIgnoreItGoesUnnoticed() {
    double[] exact = exact();

    EpResult warned = bimodal(LaplaceMismatch.WARN);
    EpResult ignored = bimodal(LaplaceMismatch.IGNORE);

    // one mode's curvature: the answer is wrong either way
    for (EpResult result : List.of(warned, ignored)) {
      assertThat(result.summaries().get(0).sd()).isLessThan(0.5 * exact[1]);
      assertThat(result.fallbackFactors()).isEmpty();
    }
    assertThat(warned.trustworthy()).isFalse();
    assertThat(warned.concerns().get(0).check()).isEqualTo(Check.LAPLACE_MISMATCH);
    assertThat(warned.concerns().get(0).message()).contains("the Laplace fits of bimodal failed");
    assertThat(warned.fits().get("bimodal")).isEqualTo(FactorResult.Fit.LAPLACE_MISMATCH);
    // before the check, this is what EP said of such a fit
    assertThat(ignored.trustworthy()).isTrue();
  }

  /**
   * A factor of a profile likelihood like those of {@code EpHierarchicalBenchmark}: a Gaussian of
   * width 10 and normalization 60 over 100 pixels with noise 0.5, the centre free. Its log
   * likelihood is Gaussian near the peak but falls off more slowly than a Gaussian far from it.
   */
  private static EpFactor profileFactor(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian noise = ZigguratSampler.NormalizedGaussian.of(rng);
    double centre = 50 + 10 * noise.sample();
    double[] data = new double[100];
    for (int x = 0; x < data.length; x++) {
      data[x] = new Gaussian(centre, 60, 10).profile(x) + 0.5 * noise.sample();
    }
    Analysis<Gaussian> analysis =
        g -> {
          double chi2 = 0;
          for (int x = 0; x < data.length; x++) {
            chi2 += sq((data[x] - g.profile(x)) / 0.5);
          }
          return -0.5 * chi2;
        };
    GaussianModel model =
        GaussianModel.withDefaults().centre(Prior.gaussian(50, 50)).normalization(60.0).sigma(10.0);
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(model, analysis).named("profile"));
    graph.add(AnalysisFactor.of(model, g -> 0).named("other"));
    return ExpectationPropagation.builder().build().factorsOf(graph).get(1);
  }

  @Test
  void fitsThatAreRightPassTheCheck() {
    int checks = 0;
    for (long seed = 1; seed <= 20; seed++) {
      EpFactor factor = profileFactor(seed);
      for (long task = 0; task < 10; task++) {
        // the cavity of the first sweep (the prior) and narrower ones, as a parent would send
        double sd = task == 0 ? 50 : 10.0 / task;
        FactorResult result =
            factor.update(
                new FactorTask(
                    1,
                    1,
                    SweepSchedule.seedOf(seed, (int) task, 1),
                    new GaussianMessage[] {GaussianMessage.ofMoments(50, sd * sd)},
                    new GaussianMessage[] {GaussianMessage.ofMoments(50, 1)},
                    false,
                    true));
        assertThat(result.status()).isEqualTo(UpdateStatus.OK);
        assertThat(result.fit()).isEqualTo(FactorResult.Fit.LAPLACE);
        checks++;
      }
    }
    assertThat(checks).isEqualTo(200);
  }

  /** The likelihood calls of a Laplace fit of a hierarchical toy, with or without checks. */
  private static long calls(LaplaceMismatch action, int sweeps) {
    double[] y = HierarchicalToys.simulate(5, 8, 3, 2, 1);
    AtomicLong calls = new AtomicLong();
    HierarchicalToys toy =
        HierarchicalToys.of(
            y,
            1,
            HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.logUniform(0.1, 10)),
            i -> {
              Analysis<Gaussian> measurement = HierarchicalToys.measurement(y[i], 1);
              return g -> {
                calls.incrementAndGet();
                return measurement.logLikelihood(g);
              };
            });
    ExpectationPropagation.builder()
        .onLaplaceMismatch(action)
        .maxSweeps(sweeps)
        .tolerance(Double.MIN_VALUE)
        .build()
        .fit(toy.graph);
    return calls.get();
  }

  @Test
  void aFactorWhoseCavityHasSettledIsNotCheckedAgain() {
    // the fit converges in 14 sweeps; these run on at the fixed point
    long checkedEarly = calls(LaplaceMismatch.SAMPLE, 20);
    long checkedLate = calls(LaplaceMismatch.SAMPLE, 40);
    long uncheckedEarly = calls(LaplaceMismatch.IGNORE, 20);
    long uncheckedLate = calls(LaplaceMismatch.IGNORE, 40);

    // the first sweeps check every fit (100 draws each) and again as the cavities move, ...
    assertThat(checkedEarly - uncheckedEarly).isAtLeast(2 * 8 * LaplaceCheck.SAMPLES);
    // ... once they have settled the sweeps cost what unchecked ones do
    assertThat(checkedLate - checkedEarly).isEqualTo(uncheckedLate - uncheckedEarly);
  }

  /** A sampler that always fails. */
  private static final class BrokenSampler implements ProblemSearch {
    @Override
    public String name() {
      return "Broken";
    }

    @Override
    public Map<String, Object> settingsMap() {
      return Map.of();
    }

    @Override
    public SearchOptions options() {
      return SearchOptions.defaults();
    }

    @Override
    public ProblemSearch withSeed(long seed) {
      return this;
    }

    @Override
    public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
      throw new IllegalStateException("no point above the likelihood constraint");
    }
  }

  @Test
  void aFallbackSamplerThatFailsLeavesTheLaplaceFitReportedInsteadOfExcludingTheFactor() {
    ValueModel shared = new ValueModel(Prior.gaussian(0, 3));
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(shared, BIMODAL).named("bimodal"));
    graph.add(AnalysisFactor.of(shared, MILD).named("mild"));

    EpResult result =
        ExpectationPropagation.builder()
            .maxFailures(2)
            .laplaceFallback(new BrokenSampler())
            .build()
            .fit(graph);

    assertThat(result.excludedFactors()).isEmpty();
    assertThat(result.converged()).isTrue();
    assertThat(result.fits().get("bimodal")).isEqualTo(FactorResult.Fit.LAPLACE_MISMATCH);
    assertThat(result.concerns().get(0).check()).isEqualTo(Check.LAPLACE_MISMATCH);
    assertThat(
            result.history().stream()
                .filter(u -> u.factor().equals("bimodal") && u.sweep() == 1)
                .findFirst()
                .orElseThrow()
                .message())
        .contains("the fallback sampler failed: the fit threw java.lang.IllegalStateException");
  }
}

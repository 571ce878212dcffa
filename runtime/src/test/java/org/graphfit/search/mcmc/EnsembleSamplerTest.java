package org.graphfit.search.mcmc;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Optional;
import org.graphfit.prior.Prior;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;

class EnsembleSamplerTest {
  /** Four standard errors: a seeded test that would fail by chance about once in 16 000 seeds. */
  private static final double Z = 4;

  /** A store in memory that fails after a given number of saves, like a killed process. */
  private static final class MemoryStore implements CheckpointStore {
    private byte[] state;
    private int savesLeft;
    private int saves;

    MemoryStore(int savesBeforeFailure) {
      this.savesLeft = savesBeforeFailure;
    }

    @Override
    public Optional<byte[]> load() {
      return Optional.ofNullable(state).map(byte[]::clone);
    }

    @Override
    public void save(byte[] bytes) {
      if (savesLeft-- == 0) {
        throw new IllegalStateException("killed");
      }
      saves++;
      state = bytes.clone();
    }
  }

  /** The 2-D Gaussian N((1, -1), sd (1, 2), correlation 0.8) inside a wide uniform box. */
  private static SearchProblem correlatedGaussian() {
    double s1 = 1;
    double s2 = 2;
    double rho = 0.8;
    return SearchProblems.of(
        new Prior[] {Prior.uniform(-10, 10), Prior.uniform(-12, 12)},
        x -> {
          double a = (x[0] - 1) / s1;
          double b = (x[1] + 1) / s2;
          return -(a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho));
        });
  }

  private static ChainRun run(EnsembleSettings settings, SearchProblem problem, int threads) {
    try (TaskRunner runner = TaskRunner.withThreads(threads)) {
      return new EnsembleSampler(settings).run(problem, runner, CheckpointStore.none());
    }
  }

  /**
   * A run that met the whole stop rule: every chain 50 tau long, R-hat below 1.01 and at least 100
   * bulk and tail effective samples per chain for every parameter.
   */
  private static void assertWellMixed(ChainRun chain) {
    assertThat(chain.converged()).isTrue();
    assertThat(chain.chains()).isEqualTo(4);
    for (double[] tau : chain.tauByChain()) {
      for (double t : tau) {
        assertThat(chain.steps()).isGreaterThan((int) (50 * t));
      }
    }
    for (int i = 0; i < chain.rHat().length; i++) {
      assertThat(chain.rHat()[i]).isLessThan(1.01);
      assertThat(chain.bulkEffectiveSampleSizes()[i]).isAtLeast(400.0);
      assertThat(chain.tailEffectiveSampleSizes()[i]).isAtLeast(400.0);
    }
  }

  /** Equal modes N(-10, 1) and N(10, 1) in a uniform prior on [-20, 20]. */
  private static SearchProblem bimodal() {
    return SearchProblems.of(
        new Prior[] {Prior.uniform(-20, 20)},
        x -> {
          double a = -0.5 * (x[0] + 10) * (x[0] + 10);
          double b = -0.5 * (x[0] - 10) * (x[0] - 10);
          double max = Math.max(a, b);
          return max + Math.log1p(Math.exp(Math.min(a, b) - max));
        });
  }

  @Test
  void conjugateGaussianMeanAndSdMatchClosedForm() {
    double m0 = 0;
    double s0 = 2;
    double sigma = 0.5;
    double[] y = {1.1, 1.6, 0.9, 1.4, 1.2, 1.9, 0.7, 1.3, 1.5, 1.0};
    double sum = Arrays.stream(y).sum();
    double precision = 1 / (s0 * s0) + y.length / (sigma * sigma);
    double mean = (m0 / (s0 * s0) + sum / (sigma * sigma)) / precision;
    double sd = 1 / Math.sqrt(precision);
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.gaussian(m0, s0)},
            x -> {
              double logL = 0;
              for (double yi : y) {
                double r = (yi - x[0]) / sigma;
                logL -= 0.5 * r * r;
              }
              return logL;
            });

    ChainRun chain = run(EnsembleMcmc.builder().seed(3).build().settings(), problem, 1);

    assertWellMixed(chain);
    assertThat(chain.acceptanceFraction()).isIn(com.google.common.collect.Range.closed(0.2, 0.9));
    double ess = chain.effectiveSampleSize();
    assertThat(ess).isGreaterThan(500.0);
    // Monte Carlo errors: sd / sqrt(ESS) for the mean, sd / sqrt(2 ESS) for the sd.
    assertThat(chain.mean(0)).isWithin(Z * sd / Math.sqrt(ess)).of(mean);
    assertThat(chain.standardDeviation(0)).isWithin(Z * sd / Math.sqrt(2 * ess)).of(sd);
    assertThat(chain.likelihoodCalls()).isEqualTo(problem.failures().calls());
  }

  @Test
  void correlatedGaussianMomentsMatch() {
    ChainRun chain =
        run(EnsembleMcmc.builder().seed(5).build().settings(), correlatedGaussian(), 2);

    assertWellMixed(chain);
    double ess = chain.effectiveSampleSize();
    assertThat(chain.mean(0)).isWithin(Z * 1 / Math.sqrt(ess)).of(1.0);
    assertThat(chain.mean(1)).isWithin(Z * 2 / Math.sqrt(ess)).of(-1.0);
    assertThat(chain.standardDeviation(0)).isWithin(Z * 1 / Math.sqrt(2 * ess)).of(1.0);
    assertThat(chain.standardDeviation(1)).isWithin(Z * 2 / Math.sqrt(2 * ess)).of(2.0);
    double[][] samples = chain.samples();
    double covariance = 0;
    for (double[] s : samples) {
      covariance += (s[0] - chain.mean(0)) * (s[1] - chain.mean(1)) / (samples.length - 1);
    }
    double correlation = covariance / (chain.standardDeviation(0) * chain.standardDeviation(1));
    // The sample correlation's standard error is (1 - rho^2) / sqrt(ESS).
    assertThat(correlation).isWithin(Z * (1 - 0.64) / Math.sqrt(ess)).of(0.8);
    assertThat(chain.logPosteriors().length).isEqualTo(samples.length);
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    EnsembleSettings settings = EnsembleMcmc.builder().seed(9).maxSteps(300).build().settings();

    ChainRun one = run(settings, correlatedGaussian(), 1);
    ChainRun two = run(settings, correlatedGaussian(), 2);

    assertThat(Arrays.deepEquals(one.samples(), two.samples())).isTrue();
    assertThat(Arrays.equals(one.logPosteriors(), two.logPosteriors())).isTrue();
    assertThat(one.acceptanceFraction()).isEqualTo(two.acceptanceFraction());
    assertThat(one.likelihoodCalls()).isEqualTo(two.likelihoodCalls());
  }

  @Test
  void resumedRunEndsBitIdenticalToUninterruptedRun() {
    EnsembleSettings settings =
        EnsembleMcmc.builder()
            .seed(21)
            .walkers(8)
            .maxSteps(700)
            .checkpointInterval(100)
            .convergence(50, 0.01, 50)
            .startInBall(new double[] {0.5, 0.5}, 0.1)
            .build()
            .settings();
    ChainRun uninterrupted = run(settings, correlatedGaussian(), 1);

    MemoryStore store = new MemoryStore(3);
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      IllegalStateException killed =
          assertThrows(
              IllegalStateException.class,
              () -> new EnsembleSampler(settings).run(correlatedGaussian(), runner, store));
      assertThat(killed).hasMessageThat().isEqualTo("killed");
      assertThat(store.saves).isEqualTo(3);
      store.savesLeft = Integer.MAX_VALUE;
      SearchProblem fresh = correlatedGaussian();
      ChainRun resumed = new EnsembleSampler(settings).run(fresh, runner, store);

      assertThat(fresh.failures().calls()).isLessThan(uninterrupted.likelihoodCalls());
      assertThat(resumed.steps()).isEqualTo(uninterrupted.steps());
      assertThat(Arrays.deepEquals(resumed.samples(), uninterrupted.samples())).isTrue();
      assertThat(Arrays.equals(resumed.logLikelihoods(), uninterrupted.logLikelihoods())).isTrue();
      assertThat(Arrays.equals(resumed.tau(), uninterrupted.tau())).isTrue();
      assertThat(resumed.acceptanceFraction()).isEqualTo(uninterrupted.acceptanceFraction());
      assertThat(resumed.likelihoodCalls()).isEqualTo(uninterrupted.likelihoodCalls());
      assertThat(resumed.converged()).isEqualTo(uninterrupted.converged());
    }
  }

  @Test
  void checkpointOfAnotherSeedIsRejected() {
    MemoryStore store = new MemoryStore(Integer.MAX_VALUE);
    EnsembleMcmc.Builder builder =
        EnsembleMcmc.builder().walkers(8).maxSteps(20).checkpointInterval(10);
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      new EnsembleSampler(builder.seed(1).build().settings())
          .run(correlatedGaussian(), runner, store);
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  new EnsembleSampler(builder.seed(2).build().settings())
                      .run(correlatedGaussian(), runner, store));
      assertThat(e).hasMessageThat().contains("seed 1");
      assertThat(e).hasMessageThat().contains("fresh checkpoint store");
    }
  }

  @Test
  void checkpointOfAnotherChainCountIsRejected() {
    MemoryStore store = new MemoryStore(Integer.MAX_VALUE);
    EnsembleMcmc.Builder builder =
        EnsembleMcmc.builder().walkers(8).maxSteps(20).checkpointInterval(10);
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      new EnsembleSampler(builder.chains(4).build().settings())
          .run(correlatedGaussian(), runner, store);
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  new EnsembleSampler(builder.chains(2).build().settings())
                      .run(correlatedGaussian(), runner, store));
      assertThat(e).hasMessageThat().contains("4 chains of 8 walkers");
      assertThat(e).hasMessageThat().contains("this run has dimension 2, 2 chains");
    }
  }

  @Test
  void eachChainDrawsOnlyFromItsOwnGenerators() {
    EnsembleMcmc.Builder builder =
        EnsembleMcmc.builder().seed(6).walkers(8).maxSteps(120).burnIn(20).thin(1);

    ChainRun one = run(builder.chains(1).build().settings(), correlatedGaussian(), 1);
    ChainRun three = run(builder.chains(3).build().settings(), correlatedGaussian(), 2);

    // Samples are chain by chain, so the single chain is the first third of the three.
    double[][] first = Arrays.copyOf(three.samples(), one.sampleCount());
    assertThat(Arrays.deepEquals(first, one.samples())).isTrue();
    assertThat(Arrays.deepEquals(three.samples(), first)).isFalse();
  }

  @Test
  void walkersStuckInDifferentModesAreSeenThoughEveryChainIsLongEnough() {
    // A walker 10 sd from the barrier never jumps it (a stretch towards a walker of its own mode
    // would need it 5 sd out), so each chain keeps the share of walkers in each mode that its
    // start from the prior gave it: here 6, 1, 5 and 5 of its 8 walkers in the upper mode.
    EnsembleSettings settings = EnsembleMcmc.builder().seed(3).maxSteps(3000).build().settings();

    ChainRun chain = run(settings, bimodal(), 2);

    // Within its mode every walker mixes: emcee's rule alone, 50 tau, would have stopped.
    for (double[] tau : chain.tauByChain()) {
      assertThat(50 * tau[0]).isLessThan(3000.0);
    }
    assertThat(chain.converged()).isFalse();
    assertThat(chain.steps()).isEqualTo(3000);
    // The chains disagree on the modes' weights, and walkers of one chain disagree.
    assertThat(chain.rHat()[0]).isGreaterThan(1.05);
    assertThat(chain.bulkEffectiveSampleSizes()[0]).isLessThan(100.0);
  }

  @Test
  void corruptCheckpointsAreRejectedWithClearMessages() {
    EnsembleSettings settings =
        EnsembleMcmc.builder().walkers(8).maxSteps(20).checkpointInterval(10).build().settings();
    MemoryStore store = new MemoryStore(Integer.MAX_VALUE);
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      new EnsembleSampler(settings).run(correlatedGaussian(), runner, store);
      byte[] valid = store.state;

      store.state = Arrays.copyOf(valid, valid.length / 2);
      IllegalStateException truncated =
          assertThrows(
              IllegalStateException.class,
              () -> new EnsembleSampler(settings).run(correlatedGaussian(), runner, store));
      assertThat(truncated).hasMessageThat().contains("truncated");

      store.state = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
      IllegalStateException foreign =
          assertThrows(
              IllegalStateException.class,
              () -> new EnsembleSampler(settings).run(correlatedGaussian(), runner, store));
      assertThat(foreign).hasMessageThat().contains("not an ensemble sampler checkpoint");

      store.state = valid.clone();
      store.state[7] = 9; // the format version
      IllegalStateException version =
          assertThrows(
              IllegalStateException.class,
              () -> new EnsembleSampler(settings).run(correlatedGaussian(), runner, store));
      assertThat(version).hasMessageThat().contains("format version 9");

      store.state = valid.clone();
      store.state[7] = 1; // a checkpoint of the single-ensemble format
      IllegalStateException old =
          assertThrows(
              IllegalStateException.class,
              () -> new EnsembleSampler(settings).run(correlatedGaussian(), runner, store));
      assertThat(old).hasMessageThat().contains("format version 1 but this build reads version 2");
    }
  }

  @Test
  void ballOutsideTheSupportIsNoValidStart() {
    EnsembleSettings settings =
        EnsembleMcmc.builder()
            .startInBall(new double[] {20, 0}, 0.1)
            .maxStartTries(10)
            .build()
            .settings();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> run(settings, correlatedGaussian(), 1));

    assertThat(e).hasMessageThat().contains("around [20.0, 0.0]");
    assertThat(e).hasMessageThat().contains("-infinity at every draw");
  }

  @Test
  void noValidStartNamesTheFirstFailure() {
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.uniform(0, 1)},
            x -> {
              throw new ArithmeticException("model blew up");
            });
    EnsembleSettings settings = EnsembleMcmc.builder().maxStartTries(20).build().settings();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> run(settings, problem, 1));

    assertThat(e).hasMessageThat().contains("no valid start");
    assertThat(e).hasMessageThat().contains("20 draws from the prior");
    assertThat(e).hasMessageThat().contains("model blew up");
  }

  @Test
  void likelihoodThrowingInPartOfTheSpaceTruncatesThePosterior() {
    double cut = 0.5;
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.uniform(-5, 5)},
            x -> {
              if (x[0] > cut) {
                throw new IllegalArgumentException("unphysical");
              }
              return -0.5 * x[0] * x[0];
            });

    ChainRun chain = run(EnsembleMcmc.builder().seed(13).build().settings(), problem, 2);

    assertWellMixed(chain);
    assertThat(problem.failures().failures()).isGreaterThan(0L);
    for (double[] sample : chain.samples()) {
      assertThat(sample[0]).isAtMost(cut);
    }
    // Standard normal truncated above at 0.5: mean -phi(0.5)/Phi(0.5), sd below 1.
    double phi = Math.exp(-cut * cut / 2) / Math.sqrt(2 * Math.PI);
    double cdf = 0.6914624612740131;
    double truncatedMean = -phi / cdf;
    assertThat(chain.mean(0))
        .isWithin(Z / Math.sqrt(chain.effectiveSampleSize()))
        .of(truncatedMean);
  }

  @Test
  void fixedBurnInAndThinningKeepEmceesSteps() {
    EnsembleSettings settings =
        EnsembleMcmc.builder()
            .seed(2)
            .walkers(8)
            .maxSteps(300)
            .burnIn(100)
            .thin(5)
            .build()
            .settings();

    ChainRun chain = run(settings, correlatedGaussian(), 1);

    // As emcee's get_chain(discard=100, thin=5): steps 104, 109, ..., 299, i.e. 40 steps of 8
    // walkers in each of 4 chains.
    assertThat(chain.steps()).isEqualTo(300);
    assertThat(chain.converged()).isFalse();
    assertThat(chain.burnIn()).isEqualTo(100);
    assertThat(chain.thin()).isEqualTo(5);
    assertThat(chain.sampleCount()).isEqualTo(4 * 40 * 8);
    assertThat(chain.walkers()).isEqualTo(8);
    assertThat(chain.chains()).isEqualTo(4);
  }

  @Test
  void automaticBurnInAndThinningFollowTau() {
    ChainRun chain =
        run(EnsembleMcmc.builder().seed(8).build().settings(), correlatedGaussian(), 2);

    double maxTau = Math.max(chain.tau()[0], chain.tau()[1]);
    double minTau = Math.min(chain.tau()[0], chain.tau()[1]);
    assertThat(chain.burnIn()).isEqualTo((int) (2 * maxTau));
    assertThat(chain.thin()).isEqualTo((int) (minTau / 2));
    assertThat(chain.steps()).isGreaterThan((int) (50 * maxTau));
  }

  @Test
  void settingsAreValidatedWithClearMessages() {
    IllegalArgumentException odd =
        assertThrows(IllegalArgumentException.class, () -> EnsembleMcmc.builder().walkers(7));
    assertThat(odd).hasMessageThat().contains("even");
    IllegalArgumentException scale =
        assertThrows(IllegalArgumentException.class, () -> EnsembleMcmc.builder().stretchScale(1));
    assertThat(scale).hasMessageThat().contains("stretchScale");
    EnsembleSettings few = EnsembleMcmc.builder().walkers(2).build().settings();
    IllegalArgumentException tooFew =
        assertThrows(IllegalArgumentException.class, () -> few.walkers(2));
    assertThat(tooFew).hasMessageThat().contains("greater than the dimension 2");
    assertThat(EnsembleMcmc.builder().build().settings().walkers(20)).isEqualTo(42);
    assertThat(EnsembleMcmc.builder().build().settings().walkers(3)).isEqualTo(8);
    IllegalArgumentException chains =
        assertThrows(IllegalArgumentException.class, () -> EnsembleMcmc.builder().chains(0));
    assertThat(chains).hasMessageThat().contains("chains must be positive");
    IllegalArgumentException rHat =
        assertThrows(IllegalArgumentException.class, () -> EnsembleMcmc.builder().mixing(1.0, 100));
    assertThat(rHat).hasMessageThat().contains("maxRHat");
    IllegalArgumentException ess =
        assertThrows(IllegalArgumentException.class, () -> EnsembleMcmc.builder().mixing(1.01, -1));
    assertThat(ess).hasMessageThat().contains("minEffectiveSamplesPerChain");
    IllegalArgumentException centre =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(
                    EnsembleMcmc.builder().startInBall(new double[] {0}, 0.1).build().settings(),
                    correlatedGaussian(),
                    1));
    assertThat(centre).hasMessageThat().contains("dimension 2");
  }

  @Test
  void withSeedChangesOnlyTheSeed() {
    EnsembleMcmc search = EnsembleMcmc.builder().walkers(40).maxSteps(500).seed(1).build();
    EnsembleSettings settings = search.settings();
    EnsembleSettings reseeded = search.withSeed(7).settings();

    java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>(settings.toMap());
    expected.put("seed", 7L);
    assertThat(reseeded.toMap()).containsExactlyEntriesIn(expected).inOrder();
  }
}

package org.graphfit.search.optimize;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.prior.Prior;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.TaskRunner;
import org.junit.jupiter.api.Test;

class OptimizersTest {
  private static SearchProblem rosenbrock() {
    return SearchProblems.of(
        new Prior[] {Prior.uniform(-5, 5), Prior.uniform(-5, 5)},
        x -> {
          double a = 1 - x[0];
          double b = x[1] - x[0] * x[0];
          return -(a * a + 100 * b * b);
        });
  }

  /** The global maximum of {@link #rastrigin()}; not the prior median, where CMA-ES starts. */
  private static final double[] RASTRIGIN_CENTRE = {1.3, -2.2};

  /**
   * Rastrigin's function shifted to {@link #RASTRIGIN_CENTRE}: global maximum 0 there, a local
   * maximum near every point at integer offsets from it.
   */
  private static SearchProblem rastrigin() {
    return SearchProblems.of(
        new Prior[] {Prior.uniform(-5.12, 5.12), Prior.uniform(-5.12, 5.12)},
        x -> {
          double sum = 20;
          for (int i = 0; i < x.length; i++) {
            double d = x[i] - RASTRIGIN_CENTRE[i];
            sum += d * d - 10 * Math.cos(2 * Math.PI * d);
          }
          return -sum;
        });
  }

  @Test
  void quasiNewtonFindsRosenbrockOptimumInABox() {
    SearchProblem problem = rosenbrock();

    OptimumRun run = QuasiNewtonOptimizer.builder().build().maximize(problem);

    assertThat(run.best()[0]).isWithin(1e-4).of(1.0);
    assertThat(run.best()[1]).isWithin(1e-4).of(1.0);
    assertThat(run.logLikelihood()).isGreaterThan(-1e-8);
    assertThat(run.logPosterior()).isWithin(1e-8).of(-2 * Math.log(10));
    assertThat(run.likelihoodCalls()).isEqualTo(problem.failures().calls());
    assertThat(run.message()).startsWith("L-BFGS");
    // At (1, 1) the negative Hessian is [[802, -400], [-400, 200]]; its inverse is analytic.
    double[][] covariance = run.covariance().orElseThrow();
    assertThat(covariance[0][0]).isWithin(0.005).of(0.5);
    assertThat(covariance[0][1]).isWithin(0.01).of(1.0);
    assertThat(covariance[1][1]).isWithin(0.02).of(2.005);
  }

  @Test
  void cmaEsFindsRosenbrockOptimum() {
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      OptimumRun run =
          CmaEsOptimizer.builder().seed(4).restarts(1).build().maximize(rosenbrock(), runner);

      assertThat(run.best()[0]).isWithin(1e-4).of(1.0);
      assertThat(run.best()[1]).isWithin(1e-4).of(1.0);
      assertThat(run.message()).startsWith("CMA-ES");
    }
  }

  @Test
  void cmaEsFindsTheGlobalMaximumOfAMultimodalFunction() {
    SearchProblem problem = rastrigin();
    // A local search from an off-centre start stops in a local maximum ...
    OptimumRun local =
        QuasiNewtonOptimizer.builder().build().maximize(problem, new double[] {2.2, -3.1});
    assertThat(local.logLikelihood()).isLessThan(-1.0);

    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      // ... so does a single CMA-ES run with this seed (1 of seeds 1 to 10 finds the global one)
      // ...
      OptimumRun single =
          CmaEsOptimizer.builder().seed(1).restarts(0).build().maximize(problem, runner);
      assertThat(single.logLikelihood()).isLessThan(-0.1);

      // ... while CMA-ES with four restarts and growing populations finds the global one.
      OptimumRun global = CmaEsOptimizer.builder().seed(1).build().maximize(problem, runner);
      assertThat(global.best()[0]).isWithin(1e-6).of(RASTRIGIN_CENTRE[0]);
      assertThat(global.best()[1]).isWithin(1e-6).of(RASTRIGIN_CENTRE[1]);
      assertThat(global.logLikelihood()).isGreaterThan(-1e-9);
    }
  }

  @Test
  void cmaEsFindsAnOptimumDeepInAGaussianPriorsTail() {
    // Six prior sds out (unit-cube coordinate 1e-9 from 1) and narrow: the latent coordinate of an
    // unbounded prior keeps it well scaled. The posterior is Gaussian: mode (6 / 1.0001, -3 /
    // 1.01).
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.gaussian(0, 1), Prior.gaussian(0, 1)},
            x -> -0.5 * ((x[0] - 6) * (x[0] - 6) / 1e-4 + (x[1] + 3) * (x[1] + 3) / 1e-2));
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      OptimumRun run = CmaEsOptimizer.builder().seed(1).build().maximize(problem, runner);

      double[] sd = run.laplace().standardDeviations();
      assertThat(sd[0]).isWithin(1e-6).of(Math.sqrt(1 / (1e4 + 1)));
      assertThat(run.best()[0]).isWithin(1e-3 * sd[0]).of(6 / 1.0001);
      assertThat(run.best()[1]).isWithin(1e-3 * sd[1]).of(-3 / 1.01);
    }
  }

  @Test
  void cmaCoordinatesReflectAtTheBounds() {
    assertThat(CmaCoordinates.reflect(0.3)).isEqualTo(0.3);
    assertThat(CmaCoordinates.reflect(1.25)).isEqualTo(0.75);
    assertThat(CmaCoordinates.reflect(-0.25)).isEqualTo(0.25);
    assertThat(CmaCoordinates.reflect(4.5)).isEqualTo(0.5);
    CmaCoordinates coordinates =
        new CmaCoordinates(
            SearchProblems.of(
                new Prior[] {Prior.uniform(2, 4), Prior.gaussian(1, 2), Prior.logGaussian(0, 1)},
                x -> 0));
    double[] y = coordinates.fromUnit(new double[] {0.25, 0.5, 0.5});
    assertThat(y[0]).isEqualTo(0.25);
    assertThat(y[1]).isWithin(1e-12).of(1.0);
    assertThat(y[2]).isWithin(1e-12).of(0.0);
    double[] x = new double[3];
    coordinates.toVector(new double[] {1.25, -3, Math.log(5)}, new double[3], x);
    assertThat(x[0]).isWithin(1e-12).of(3.5);
    assertThat(x[1]).isEqualTo(-3.0);
    assertThat(x[2]).isWithin(1e-12).of(5.0);
  }

  @Test
  void latentSpaceMapsEverySupportOntoTheRealLine() {
    LatentSpace latent =
        new LatentSpace(
            SearchProblems.of(
                new Prior[] {
                  Prior.uniform(2, 4),
                  Prior.logGaussian(0, 1),
                  Prior.truncatedGaussian(0, 1, Double.NEGATIVE_INFINITY, 3),
                  Prior.gaussian(0, 1)
                },
                x -> 0));
    double[] vector = {3.5, 0.2, -7, 11};
    double[] z = new double[4];
    latent.toLatent(vector, z);
    double[] back = new double[4];
    latent.toVector(z, back);
    for (int i = 0; i < 4; i++) {
      assertThat(back[i]).isWithin(1e-12 * Math.max(1, Math.abs(vector[i]))).of(vector[i]);
    }
    latent.toVector(new double[] {-800, -800, 800, 800}, back);
    assertThat(back).usingExactEquality().containsExactly(2.0, 0.0, 3.0, 800.0).inOrder();
  }

  @Test
  void cmaEsDoesNotDependOnTheThreadCount() {
    CmaEsOptimizer optimizer =
        CmaEsOptimizer.builder().seed(3).restarts(2).maxEvaluations(2000).build();
    OptimumRun one;
    OptimumRun two;
    try (TaskRunner runner = TaskRunner.withThreads(1)) {
      one = optimizer.maximize(rastrigin(), runner);
    }
    try (TaskRunner runner = TaskRunner.withThreads(2)) {
      two = optimizer.maximize(rastrigin(), runner);
    }
    assertThat(two.best()).isEqualTo(one.best());
    assertThat(two.likelihoodCalls()).isEqualTo(one.likelihoodCalls());
  }

  /**
   * Gaussian priors N(0, 3) on both parameters times a Gaussian likelihood with mean (1, 2), sds
   * (1, 0.5) and correlation 0.6: the posterior is Gaussian with precision P = S^-1 + I / 9.
   */
  private static final double[][] LIKELIHOOD_PRECISION;

  static {
    double s1 = 1;
    double s2 = 0.5;
    double rho = 0.6;
    double det = s1 * s1 * s2 * s2 * (1 - rho * rho);
    LIKELIHOOD_PRECISION =
        new double[][] {
          {s2 * s2 / det, -rho * s1 * s2 / det}, {-rho * s1 * s2 / det, s1 * s1 / det}
        };
  }

  private static SearchProblem gaussianPosterior() {
    double[][] p = LIKELIHOOD_PRECISION;
    return SearchProblems.of(
        new Prior[] {Prior.gaussian(0, 3), Prior.gaussian(0, 3)},
        x -> {
          double a = x[0] - 1;
          double b = x[1] - 2;
          return -0.5 * (p[0][0] * a * a + 2 * p[0][1] * a * b + p[1][1] * b * b);
        });
  }

  @Test
  void laplaceCovarianceEqualsAnalyticGaussianPosteriorCovariance() {
    double[][] p = LIKELIHOOD_PRECISION;
    double a = p[0][0] + 1 / 9.0;
    double b = p[0][1];
    double d = p[1][1] + 1 / 9.0;
    double det = a * d - b * b;
    double[][] exact = {{d / det, -b / det}, {-b / det, a / det}};
    // Mode: P^-1 S^-1 (1, 2).
    double r0 = p[0][0] * 1 + p[0][1] * 2;
    double r1 = p[1][0] * 1 + p[1][1] * 2;
    double[] mode = {exact[0][0] * r0 + exact[0][1] * r1, exact[1][0] * r0 + exact[1][1] * r1};

    OptimumRun run = QuasiNewtonOptimizer.builder().build().maximize(gaussianPosterior());

    double[] sd = {Math.sqrt(exact[0][0]), Math.sqrt(exact[1][1])};
    assertThat(run.best()[0]).isWithin(1e-5 * sd[0]).of(mode[0]);
    assertThat(run.best()[1]).isWithin(1e-5 * sd[1]).of(mode[1]);
    double[][] covariance = run.covariance().orElseThrow();
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        // Within 1 % of the scale sd_i sd_j (and in fact far closer: the Hessian of a quadratic is
        // exact).
        assertThat(covariance[i][j]).isWithin(1e-2 * sd[i] * sd[j]).of(exact[i][j]);
      }
      assertThat(run.laplace().standardDeviations()[i]).isWithin(1e-2 * sd[i]).of(sd[i]);
    }
    // Draws from the approximation have the mode as mean: 4 standard errors sd / sqrt(n).
    int n = 20_000;
    double[][] draws = run.laplace().sample(n, RandomSource.XO_RO_SHI_RO_128_PP.create(5));
    double mean0 = 0;
    double mean1 = 0;
    for (double[] draw : draws) {
      mean0 += draw[0] / n;
      mean1 += draw[1] / n;
    }
    assertThat(mean0).isWithin(4 * sd[0] / Math.sqrt(n)).of(mode[0]);
    assertThat(mean1).isWithin(4 * sd[1] / Math.sqrt(n)).of(mode[1]);
    double covariance01 = 0;
    for (double[] draw : draws) {
      covariance01 += (draw[0] - mean0) * (draw[1] - mean1) / (n - 1);
    }
    // Standard error of a sample covariance: sqrt((s00 s11 + s01^2) / n).
    double se = Math.sqrt((exact[0][0] * exact[1][1] + exact[0][1] * exact[0][1]) / n);
    assertThat(covariance01).isWithin(4 * se).of(exact[0][1]);
  }

  @Test
  void laplaceStepsAdaptToANarrowNonGaussianPeakInAWidePrior() {
    // Student t with 3 degrees of freedom and scale 1e-3 at 3, in a prior 2e4 wide: the curvature
    // at
    // the mode is (nu + 1) / (nu s^2), so the Laplace sd is s sqrt(nu / (nu + 1)).
    double nu = 3;
    double s = 1e-3;
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.uniform(-1e4, 1e4)},
            x -> -(nu + 1) / 2 * Math.log1p((x[0] - 3) * (x[0] - 3) / (nu * s * s)));

    LaplaceApproximation laplace =
        LaplaceApproximation.at(problem, Objective.LOG_POSTERIOR, new double[] {3});

    // Steps of 0.01 sd: the quartic term changes the curvature by about 1e-4 relative.
    assertThat(laplace.standardDeviations()[0]).isWithin(1e-3 * s).of(s * Math.sqrt(nu / (nu + 1)));
  }

  @Test
  void likelihoodObjectiveFindsTheMaximumLikelihoodPoint() {
    // Prior N(0, 1), one observation 2 with sigma 1: MAP 1 with sd 1/sqrt(2), ML 2 with sd 1.
    SearchProblem problem =
        SearchProblems.of(new Prior[] {Prior.gaussian(0, 1)}, x -> -0.5 * (x[0] - 2) * (x[0] - 2));

    OptimumRun map = QuasiNewtonOptimizer.builder().build().maximize(problem);
    OptimumRun ml =
        QuasiNewtonOptimizer.builder()
            .objective(Objective.LOG_LIKELIHOOD)
            .build()
            .maximize(problem);

    assertThat(map.best()[0]).isWithin(1e-6).of(1.0);
    assertThat(map.laplace().standardDeviations()[0]).isWithin(1e-6).of(Math.sqrt(0.5));
    assertThat(ml.best()[0]).isWithin(1e-6).of(2.0);
    assertThat(ml.laplace().standardDeviations()[0]).isWithin(1e-6).of(1.0);
    assertThat(ml.objective()).isEqualTo(Objective.LOG_LIKELIHOOD);
  }

  @Test
  void saddleReportsNotPositiveDefinite() {
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.uniform(-1, 1), Prior.uniform(-1, 1)},
            x -> -x[0] * x[0] + 0.5 * x[0] * x[1] + 0.1 * x[1] * x[1]);

    LaplaceApproximation laplace =
        LaplaceApproximation.at(problem, Objective.LOG_POSTERIOR, new double[] {0, 0});

    assertThat(laplace.status()).isEqualTo(LaplaceApproximation.Status.NOT_POSITIVE_DEFINITE);
    assertThat(laplace.reason()).contains("x1");
    IllegalStateException e = assertThrows(IllegalStateException.class, laplace::covariance);
    assertThat(e).hasMessageThat().contains("NOT_POSITIVE_DEFINITE");
  }

  @Test
  void unidentifiedDirectionReportsNotPositiveDefinite() {
    // Only x0 + x1 is constrained: the Hessian is singular.
    SearchProblem problem =
        SearchProblems.of(
            new Prior[] {Prior.uniform(-1, 1), Prior.uniform(-1, 1)},
            x -> -50 * (x[0] + x[1]) * (x[0] + x[1]));

    OptimumRun run = QuasiNewtonOptimizer.builder().build().maximize(problem);

    assertThat(run.covariance().isPresent()).isFalse();
    assertThat(run.laplace().status()).isEqualTo(LaplaceApproximation.Status.NOT_POSITIVE_DEFINITE);
    assertThat(run.laplace().reason()).contains("not constrained");
  }

  @Test
  void modeOnAPriorBoundReportsNotFinite() {
    SearchProblem problem = SearchProblems.of(new Prior[] {Prior.uniform(0, 1)}, x -> 3 * x[0]);

    LaplaceApproximation laplace =
        LaplaceApproximation.at(problem, Objective.LOG_POSTERIOR, new double[] {1});

    assertThat(laplace.status()).isEqualTo(LaplaceApproximation.Status.NOT_FINITE);
    assertThat(laplace.reason()).contains("prior bound of x0");
  }

  @Test
  void startOnABoundIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                QuasiNewtonOptimizer.builder().build().maximize(rosenbrock(), new double[] {5, 0}));
    assertThat(e).hasMessageThat().contains("strictly inside");
  }
}

package org.graphfit.search.optimize;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  private static double rosenbrock(double[] x) {
    double a = 1 - x[0];
    double b = x[1] - x[0] * x[0];
    return a * a + 100 * b * b;
  }

  @Test
  void minimisesRosenbrockFromTheClassicStart() {
    Lbfgs lbfgs = new Lbfgs(LbfgsTest::rosenbrock, 10, 500, 1e-10, 0);

    Lbfgs.Result result = lbfgs.minimize(new double[] {-1.2, 1});

    // Central differences give gradients to ~1e-10, so the minimiser is located to ~1e-6.
    assertThat(result.point[0]).isWithin(1e-5).of(1.0);
    assertThat(result.point[1]).isWithin(1e-5).of(1.0);
    assertThat(result.value).isLessThan(1e-10);
    assertThat(result.iterations).isLessThan(100);
  }

  @Test
  void minimisesAnIllConditionedQuadraticInFewIterations() {
    double[] scales = {1, 10, 100, 1000, 1e4};
    Lbfgs lbfgs =
        new Lbfgs(
            x -> {
              double sum = 0;
              for (int i = 0; i < x.length; i++) {
                double d = x[i] - i;
                sum += 0.5 * scales[i] * d * d;
              }
              return sum;
            },
            10,
            200,
            1e-9,
            0);

    Lbfgs.Result result = lbfgs.minimize(new double[] {5, 5, 5, 5, 5});

    for (int i = 0; i < 5; i++) {
      assertThat(result.point[i]).isWithin(1e-6).of(i);
    }
    assertThat(result.status).isEqualTo(Lbfgs.Status.GRADIENT_TOLERANCE);
  }

  @Test
  void backsOffFromRegionsWhereTheFunctionIsInfinite() {
    // A parabola with minimum at 2 that is +infinity beyond 2.5: first steps overshoot into the
    // wall.
    Lbfgs lbfgs =
        new Lbfgs(
            x -> x[0] > 2.5 ? Double.POSITIVE_INFINITY : (x[0] - 2) * (x[0] - 2), 5, 100, 1e-9, 0);

    Lbfgs.Result result = lbfgs.minimize(new double[] {-30});

    assertThat(result.point[0]).isWithin(1e-6).of(2.0);
  }

  @Test
  void lineSearchStepsSatisfyTheStrongWolfeConditions() {
    Lbfgs lbfgs = new Lbfgs(LbfgsTest::rosenbrock, 10, 500, 1e-10, 0);
    double[][] starts = {{-1.2, 1}, {0, 0}, {2, 2}, {-0.5, 3}};
    double[][] directions = {{1, 0}, {0.3, -1}, {-1, -1}, {1, -2}};
    for (int k = 0; k < starts.length; k++) {
      double[] x = starts[k];
      double f = rosenbrock(x);
      double[] g = lbfgs.gradient(x, f);
      double[] p = directions[k];
      double slope = g[0] * p[0] + g[1] * p[1];
      if (slope > 0) {
        p = new double[] {-p[0], -p[1]};
        slope = -slope;
      }
      // Initial steps far too long (100) and far too short (1e-4) both end in a Wolfe point.
      for (double initial : new double[] {100, 1e-4}) {
        Lbfgs.LineSearch search = lbfgs.new LineSearch(x, f, p, slope);
        assertThat(search.run(initial)).isTrue();
        double step = (search.point[0] - x[0]) / p[0];
        double newSlope = search.gradient[0] * p[0] + search.gradient[1] * p[1];
        assertThat(search.value).isAtMost(f + 1e-4 * step * slope);
        assertThat(Math.abs(newSlope)).isAtMost(0.9 * Math.abs(slope));
      }
    }
  }

  @Test
  void reportsANonFiniteStart() {
    Lbfgs lbfgs = new Lbfgs(x -> Double.NaN, 5, 100, 1e-9, 0);

    assertThat(lbfgs.minimize(new double[] {0}).status).isEqualTo(Lbfgs.Status.NOT_FINITE_START);
  }
}

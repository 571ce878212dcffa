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

    Lbfgs.Result result = lbfgs.minimise(new double[] {-1.2, 1});

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

    Lbfgs.Result result = lbfgs.minimise(new double[] {5, 5, 5, 5, 5});

    for (int i = 0; i < 5; i++) {
      assertThat(result.point[i]).isWithin(1e-6).of(i);
    }
    assertThat(result.status).isEqualTo(Lbfgs.Status.GRADIENT_TOLERANCE);
  }

  @Test
  void backsOffFromRegionsWhereTheFunctionIsInfinite() {
    // A parabola with minimum at 2 that is +infinity beyond 2.5: first steps overshoot into the wall.
    Lbfgs lbfgs =
        new Lbfgs(
            x -> x[0] > 2.5 ? Double.POSITIVE_INFINITY : (x[0] - 2) * (x[0] - 2), 5, 100, 1e-9, 0);

    Lbfgs.Result result = lbfgs.minimise(new double[] {-30});

    assertThat(result.point[0]).isWithin(1e-6).of(2.0);
  }

  @Test
  void reportsANonFiniteStart() {
    Lbfgs lbfgs = new Lbfgs(x -> Double.NaN, 5, 100, 1e-9, 0);

    assertThat(lbfgs.minimise(new double[] {0}).status).isEqualTo(Lbfgs.Status.NOT_FINITE_START);
  }
}

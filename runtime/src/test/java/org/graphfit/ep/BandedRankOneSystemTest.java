package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The banded solver against dense linear algebra. */
class BandedRankOneSystemTest {
  private static final int N = 30;
  private static final int WIDTH = 4;

  /** A random diagonally dominant band. */
  private static double[][] band(Random random) {
    double[][] band = new double[N][WIDTH];
    for (int a = 0; a < N; a++) {
      band[a][0] = 4 + random.nextDouble();
      for (int k = 1; k < WIDTH; k++) {
        band[a][k] = a + k < N ? random.nextGaussian() * 0.4 : 0;
      }
    }
    return band;
  }

  private static RealMatrix dense(double[][] band, double[] m) {
    RealMatrix matrix = new Array2DRowRealMatrix(N, N);
    for (int a = 0; a < N; a++) {
      for (int k = 0; k < WIDTH && a + k < N; k++) {
        matrix.setEntry(a, a + k, band[a][k]);
        matrix.setEntry(a + k, a, band[a][k]);
      }
      for (int c = 0; c < N; c++) {
        matrix.addToEntry(a, c, -m[a] * m[c]);
      }
    }
    return matrix;
  }

  @Test
  void solvesAndTracesAsTheDenseMatrixDoes() {
    Random random = new Random(3);
    double[][] band = band(random);
    double[][] r = band(random);
    double[] m = new double[N];
    double[] y = new double[N];
    for (int a = 0; a < N; a++) {
      m[a] = 0.3 * random.nextDouble();
      y[a] = random.nextGaussian();
    }

    BandedRankOneSystem system = BandedRankOneSystem.of(band, m);
    RealMatrix inverse = new LUDecomposition(dense(band, m)).getSolver().getInverse();

    double[] x = system.solve(y);
    double[] expected = inverse.operate(y);
    for (int a = 0; a < N; a++) {
      assertThat(x[a]).isWithin(1e-12).of(expected[a]);
    }
    double trace = inverse.multiply(dense(r, new double[N])).getTrace();
    assertThat(system.traceOfInverseTimes(r)).isWithin(1e-12).of(trace);
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteHasNoFactorization() {
    double[][] band = band(new Random(4));
    double[] large = new double[N];
    Arrays.fill(large, 1);

    assertThat(BandedRankOneSystem.of(band, large)).isNull();
    band[7][0] = -1;
    assertThat(BandedRankOneSystem.of(band, new double[N])).isNull();
  }
}

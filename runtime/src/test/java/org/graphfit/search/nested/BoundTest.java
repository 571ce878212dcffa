package org.graphfit.search.nested;

import static com.google.common.truth.Truth.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Ellipsoids, their fitting and uniform sampling of their union. */
class BoundTest {
  private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
  private final ZigguratSampler.NormalizedGaussian gauss =
      ZigguratSampler.NormalizedGaussian.of(rng);

  private double[][] twoClusters() {
    double[][] points = new double[400][];
    double[] z = new double[2];
    for (int k = 0; k < points.length; k++) {
      Ellipsoid.ballPoint(rng, gauss, z);
      double centre = k % 2 == 0 ? 0.25 : 0.75;
      points[k] = new double[] {centre + 0.05 * z[0], 0.5 + 0.05 * z[1]};
    }
    return points;
  }

  @Test
  void ballVolumeAndScaling() {
    Ellipsoid ball = Ellipsoid.ball(new double[] {0, 0, 0}, 0.5);
    assertThat(Math.exp(ball.logVolume())).isWithin(1e-12).of(4.0 / 3 * Math.PI * 0.125);
    assertThat(ball.distance(new double[] {0.25, 0, 0})).isWithin(1e-12).of(0.25);
    Ellipsoid doubled = ball.withLogVolume(ball.logVolume() + Math.log(8));
    assertThat(doubled.distance(new double[] {1, 0, 0})).isWithin(1e-12).of(1);
  }

  @Test
  void multiSplitsSeparatedClustersAndEnclosesEveryPoint() {
    double[][] points = twoClusters();
    Bound single = Bound.fit(points, false, -20, 1.25);
    Bound multi = Bound.fit(points, true, -20, 1.25);
    assertThat(single.size()).isEqualTo(1);
    assertThat(multi.size()).isAtLeast(2);
    double singleVolume = Math.exp(single.ellipsoid(0).logVolume());
    double multiVolume = 0;
    for (int i = 0; i < multi.size(); i++) {
      multiVolume += Math.exp(multi.ellipsoid(i).logVolume());
    }
    assertThat(multiVolume).isLessThan(0.5 * singleVolume);
    for (double[] point : points) {
      boolean inside = false;
      for (int i = 0; i < multi.size(); i++) {
        inside |= multi.ellipsoid(i).contains(point);
      }
      assertThat(inside).isTrue();
    }
  }

  @Test
  void unionOfOverlappingEllipsoidsIsSampledUniformly() {
    double r = 0.2;
    Bound union =
        new Bound(
            new Ellipsoid[] {
              Ellipsoid.ball(new double[] {0.4, 0.5}, r), Ellipsoid.ball(new double[] {0.6, 0.5}, r)
            });
    double lens = 2 * r * r * Math.acos(0.5) - 0.1 * Math.sqrt(4 * r * r - 0.04);
    double expected = lens / (2 * Math.PI * r * r - lens);
    int n = 100_000;
    int inBoth = 0;
    double[] z = new double[2];
    double[] x = new double[2];
    for (int k = 0; k < n; k++) {
      union.sampleUniform(rng, gauss, z, x);
      if (union.ellipsoid(0).contains(x) && union.ellipsoid(1).contains(x)) {
        inBoth++;
      }
    }
    assertThat((double) inBoth / n).isWithin(0.006).of(expected);
  }

  @Test
  void coincidentPointsStillGiveAFiniteBound() {
    double[][] points = new double[10][];
    for (int k = 0; k < points.length; k++) {
      points[k] = new double[] {0.3, 0.7};
    }
    Bound bound = Bound.fit(points, true, Math.log(1e-6), 1.25);
    double logVolume = bound.ellipsoid(0).logVolume();
    assertThat(logVolume).isWithin(1e-9).of(Math.log(1e-5 * 1.25));
    double[] z = new double[2];
    double[] x = new double[2];
    bound.sampleUniform(rng, gauss, z, x);
    assertThat(x[0]).isWithin(0.01).of(0.3);
  }

  @Test
  void samplesAreClippedToTheUnitCube() {
    Bound edge = new Bound(new Ellipsoid[] {Ellipsoid.ball(new double[] {0.05, 0.5}, 0.2)});
    double[] z = new double[2];
    double[] x = new double[2];
    for (int k = 0; k < 10_000; k++) {
      edge.sampleUniform(rng, gauss, z, x);
      assertThat(Bound.inUnitCube(x)).isTrue();
    }
  }

  /**
   * A disk of radius 0.5 centred on the cube's face {@code x = 0} meets the cube in a half disk,
   * drawn in its box {@code [0, 0.5] x [0, 1]} (area 0.5, against the disk's 0.79): the mean of
   * {@code x} over the half disk is {@code 4 r / (3 pi) = 0.2122}, where points uniform in the box
   * would give 0.25.
   */
  @Test
  void anEllipsoidReachingOutOfTheCubeIsSampledUniformlyInItsPartOfTheCube() {
    Bound edge = new Bound(new Ellipsoid[] {Ellipsoid.ball(new double[] {0, 0.5}, 0.5)});
    double[] z = new double[2];
    double[] x = new double[2];
    int n = 200_000;
    double sum = 0;
    for (int k = 0; k < n; k++) {
      edge.sampleUniform(rng, gauss, z, x);
      assertThat(edge.ellipsoid(0).contains(x) && Bound.inUnitCube(x)).isTrue();
      sum += x[0];
    }
    // the standard error of the mean is 0.0003
    assertThat(sum / n).isWithin(0.0015).of(2 / (3 * Math.PI));
  }

  /**
   * An ellipsoid fitted to 500 points uniform in a 20-dimensional ellipsoid (a Gaussian's
   * likelihood contour, one axis twice the others), enlarged by 1.25 in volume, misses about 0.7%
   * of the region; grown by 5-fold cross-validation it misses well under 0.1%.
   */
  @Test
  void crossValidatedGrowthCoversTheRegionAFittedEllipsoidMisses() {
    int d = 20;
    int n = 500;
    double radius = 0.1;
    double[][] points = new double[n][d];
    double[] z = new double[d];
    for (double[] point : points) {
      Ellipsoid.ballPoint(rng, gauss, z);
      for (int i = 0; i < d; i++) {
        point[i] = 0.5 + radius * z[i] * (i == 0 ? 2 : 1);
      }
    }
    double logPointVolume =
        Ellipsoid.logUnitBallVolume(d) + d * Math.log(radius) + Math.log(2) - Math.log(n);
    Bound plain = Bound.fit(points, false, logPointVolume, 1.25);
    Bound grown = Bound.fit(points, false, logPointVolume, 1.25, 5, rng);
    int fresh = 40_000;
    int missedByPlain = 0;
    int missedByGrown = 0;
    double[] x = new double[d];
    for (int k = 0; k < fresh; k++) {
      Ellipsoid.ballPoint(rng, gauss, z);
      for (int i = 0; i < d; i++) {
        x[i] = 0.5 + radius * z[i] * (i == 0 ? 2 : 1);
      }
      missedByPlain += plain.ellipsoid(0).contains(x) ? 0 : 1;
      missedByGrown += grown.ellipsoid(0).contains(x) ? 0 : 1;
    }
    assertThat((double) missedByPlain / fresh).isGreaterThan(0.002);
    assertThat((double) missedByGrown / fresh).isLessThan(0.001);
  }

  @Test
  void grownBoundKeepsTheSplitOfSeparatedClustersAndEnclosesEveryPoint() {
    double[][] points = twoClusters();
    Bound grown = Bound.fit(points, true, -20, 1.25, 5, rng);
    assertThat(grown.size()).isAtLeast(2);
    for (double[] point : points) {
      boolean inside = false;
      for (int i = 0; i < grown.size(); i++) {
        inside |= grown.ellipsoid(i).contains(point);
      }
      assertThat(inside).isTrue();
    }
  }
}

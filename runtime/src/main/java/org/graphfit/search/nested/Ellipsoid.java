package org.graphfit.search.nested;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The ellipsoid {@code (x - c)^T C^-1 (x - c) <= 1}, held as its centre {@code c} and the eigen
 * decomposition of {@code C}. Everything derived is computed from those numbers alone, so an
 * ellipsoid read back from a checkpoint behaves bit for bit like the one written. Immutable.
 */
final class Ellipsoid {
  private static final double MIN_RELATIVE_EIGENVALUE = 1e-12;

  /**
   * An absolute floor, far below the resolution of unit-cube coordinates, for coincident points.
   */
  private static final double MIN_EIGENVALUE = 1e-30;

  private final int dim;
  private final double[] center;

  /** Row-major; column {@code j} is the eigenvector of {@code values[j]}. */
  private final double[] vectors;

  private final double[] values;

  /** Row-major {@code V sqrt(L)}: maps the unit ball onto the ellipsoid's offsets. */
  private final double[] axes;

  /** Row-major {@code L^-1/2 V^T}: maps offsets onto the unit ball. */
  private final double[] whitening;

  private final double logVolume;

  /**
   * The coordinates in the order {@link #sampleInCube} computes them: those whose extent reaches
   * furthest beyond the unit cube, relative to the extent, first.
   */
  private final int[] cubeOrder;

  Ellipsoid(double[] center, double[] vectors, double[] values) {
    this.dim = center.length;
    this.center = center;
    this.vectors = vectors;
    this.values = values;
    this.axes = new double[dim * dim];
    this.whitening = new double[dim * dim];
    double halfLogDet = 0;
    for (int j = 0; j < dim; j++) {
      double root = Math.sqrt(values[j]);
      halfLogDet += Math.log(root);
      for (int i = 0; i < dim; i++) {
        axes[i * dim + j] = vectors[i * dim + j] * root;
        whitening[j * dim + i] = vectors[i * dim + j] / root;
      }
    }
    this.logVolume = logUnitBallVolume(dim) + halfLogDet;
    this.cubeOrder = cubeOrder();
  }

  /**
   * The coordinates by increasing {@code min(c_i, 1 - c_i) / e_i}, where {@code e_i} is the
   * ellipsoid's {@link #halfExtent} along coordinate {@code i}: the first is the one a uniform draw
   * most likely puts outside the unit cube.
   */
  private int[] cubeOrder() {
    double[] margins = new double[dim];
    int[] order = new int[dim];
    for (int i = 0; i < dim; i++) {
      margins[i] = Math.min(center[i], 1 - center[i]) / halfExtent(i);
      int at = i; // insertion sort: d is small and the order only needs to be a good guess
      while (at > 0 && margins[order[at - 1]] > margins[i]) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = i;
    }
    return order;
  }

  /**
   * The eigen decomposition of a symmetric matrix.
   *
   * @param vectors row-major; column {@code j} is the eigenvector of {@code values[j]}
   * @param values the eigenvalues as computed, not floored
   */
  record Eigen(double[] vectors, double[] values) {
    /** The decomposition of a symmetric positive semi-definite matrix. */
    static Eigen of(double[][] matrix) {
      int d = matrix.length;
      EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix, false));
      double[] values = eigen.getRealEigenvalues().clone();
      RealMatrix v = eigen.getV();
      double[] vectors = new double[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          vectors[i * d + j] = v.getEntry(i, j);
        }
      }
      return new Eigen(vectors, values);
    }

    /**
     * The same decomposition with eigenvalues below {@code 1e-12} of the largest (and below {@code
     * 1e-30}) raised to that floor, so that an ellipsoid of it has a volume.
     */
    Eigen floored() {
      double largest = 0;
      for (double value : values) {
        largest = Math.max(largest, value);
      }
      double floor = Math.max(largest * MIN_RELATIVE_EIGENVALUE, MIN_EIGENVALUE);
      double[] raised = new double[values.length];
      for (int j = 0; j < values.length; j++) {
        raised[j] = Math.max(values[j], floor);
      }
      return new Eigen(vectors, raised);
    }

    /** The decomposition of {@code (1 - weight) M + weight target I}: the same vectors. */
    Eigen shrunk(double weight, double target) {
      double[] shrunkValues = new double[values.length];
      for (int j = 0; j < values.length; j++) {
        shrunkValues[j] = (1 - weight) * values[j] + weight * target;
      }
      return new Eigen(vectors, shrunkValues);
    }
  }

  /**
   * The ellipsoid of a centre and the eigen decomposition of a symmetric positive semi-definite
   * matrix; eigenvalues below {@code 1e-12} of the largest (and below {@code 1e-30}) are raised to
   * that floor so that the ellipsoid has a volume.
   */
  static Ellipsoid of(double[] center, Eigen eigen) {
    return new Ellipsoid(center.clone(), eigen.vectors(), eigen.floored().values());
  }

  /** The ball of the given centre and radius. */
  static Ellipsoid ball(double[] center, double radius) {
    int d = center.length;
    double[] vectors = new double[d * d];
    double[] values = new double[d];
    for (int i = 0; i < d; i++) {
      vectors[i * d + i] = 1;
      values[i] = radius * radius;
    }
    return new Ellipsoid(center.clone(), vectors, values);
  }

  /** The natural log of the volume of the unit ball in {@code d} dimensions. */
  static double logUnitBallVolume(int d) {
    return 0.5 * d * Math.log(Math.PI) - Gamma.logGamma(0.5 * d + 1);
  }

  int dimension() {
    return dim;
  }

  double center(int i) {
    return center[i];
  }

  /**
   * How far the ellipsoid reaches from its centre along coordinate {@code i}, {@code sqrt(C_ii)}:
   * the norm of row {@code i} of {@code V sqrt(L)}.
   */
  double halfExtent(int i) {
    double squares = 0;
    for (int j = 0; j < dim; j++) {
      squares += axes[i * dim + j] * axes[i * dim + j];
    }
    return Math.sqrt(squares);
  }

  double logVolume() {
    return logVolume;
  }

  /** The same ellipsoid with its matrix multiplied by {@code factor}. */
  Ellipsoid scaled(double factor) {
    double[] scaledValues = values.clone();
    for (int j = 0; j < dim; j++) {
      scaledValues[j] *= factor;
    }
    return new Ellipsoid(center, vectors, scaledValues);
  }

  /** The same ellipsoid scaled about its centre to the given log volume. */
  Ellipsoid withLogVolume(double targetLogVolume) {
    return scaled(Math.exp(2.0 * (targetLogVolume - logVolume) / dim));
  }

  /**
   * The squared Mahalanobis distance {@code (x - c)^T C^-1 (x - c)}; allocation free. Four rows of
   * the whitening are summed side by side, each in the order of its own row, so that the additions
   * do not wait on one another and every row's sum has the bits of a row summed alone.
   */
  double distance(double[] x) {
    return partialDistance(x, Double.POSITIVE_INFINITY);
  }

  /**
   * Whether {@code x} lies in the ellipsoid; stops summing once the squared distance exceeds one.
   */
  boolean contains(double[] x) {
    return partialDistance(x, 1) <= 1;
  }

  /**
   * The squared distance, or a partial sum above {@code limit} as soon as one is reached: the sum
   * only grows, so it is above {@code limit} exactly when the full sum is.
   */
  private double partialDistance(double[] x, double limit) {
    double sum = 0;
    int k = 0;
    for (; k + 3 < dim && sum <= limit; k += 4) {
      int r0 = k * dim;
      int r1 = r0 + dim;
      int r2 = r1 + dim;
      int r3 = r2 + dim;
      double y0 = 0;
      double y1 = 0;
      double y2 = 0;
      double y3 = 0;
      for (int i = 0; i < dim; i++) {
        double delta = x[i] - center[i];
        y0 += whitening[r0 + i] * delta;
        y1 += whitening[r1 + i] * delta;
        y2 += whitening[r2 + i] * delta;
        y3 += whitening[r3 + i] * delta;
      }
      sum += y0 * y0;
      sum += y1 * y1;
      sum += y2 * y2;
      sum += y3 * y3;
    }
    for (; k < dim && sum <= limit; k++) {
      double y = 0;
      int row = k * dim;
      for (int i = 0; i < dim; i++) {
        y += whitening[row + i] * (x[i] - center[i]);
      }
      sum += y * y;
    }
    return sum;
  }

  /** The two ends of the longest axis, the starting centres of a k-means split. */
  double[][] majorAxisEnds() {
    int major = 0;
    for (int j = 1; j < dim; j++) {
      if (values[j] > values[major]) {
        major = j;
      }
    }
    double[][] ends = new double[2][dim];
    for (int i = 0; i < dim; i++) {
      double offset = axes[i * dim + major];
      ends[0][i] = center[i] + offset;
      ends[1][i] = center[i] - offset;
    }
    return ends;
  }

  /**
   * Writes {@code from + scale * A z} to {@code out}, where {@code A} maps the unit ball onto the
   * ellipsoid's offsets; four rows at a time, each summed in its own order, as in {@link
   * #distance}.
   */
  void move(double[] from, double scale, double[] z, double[] out) {
    int i = 0;
    for (; i + 3 < dim; i += 4) {
      int r0 = i * dim;
      int r1 = r0 + dim;
      int r2 = r1 + dim;
      int r3 = r2 + dim;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int j = 0; j < dim; j++) {
        double zj = z[j];
        s0 += axes[r0 + j] * zj;
        s1 += axes[r1 + j] * zj;
        s2 += axes[r2 + j] * zj;
        s3 += axes[r3 + j] * zj;
      }
      out[i] = from[i] + scale * s0;
      out[i + 1] = from[i + 1] + scale * s1;
      out[i + 2] = from[i + 2] + scale * s2;
      out[i + 3] = from[i + 3] + scale * s3;
    }
    for (; i < dim; i++) {
      double sum = 0;
      int row = i * dim;
      for (int j = 0; j < dim; j++) {
        sum += axes[row + j] * z[j];
      }
      out[i] = from[i] + scale * sum;
    }
  }

  /** Writes {@code scale} times the {@code j}-th principal semi-axis to {@code out}. */
  void axis(int j, double scale, double[] out) {
    for (int i = 0; i < dim; i++) {
      out[i] = scale * axes[i * dim + j];
    }
  }

  /**
   * Writes a point uniform in the ellipsoid to {@code out}, using {@code z} as scratch, and returns
   * whether it lies in the unit cube; stops at the first coordinate outside, leaving {@code out}
   * partly written. Each coordinate has the bits {@link #move} gives it ({@code from = c}, {@code
   * scale = 1}: the same sum in the same order), so the point and the generator's state are those
   * of a full draw. Computing only up to the first coordinate outside, taken in {@link #cubeOrder},
   * saves most of the move where an ellipsoid reaches out of the cube (yet is smaller than its
   * {@link CubeBox}) and most draws are rejected.
   */
  boolean sampleInCube(
      UniformRandomProvider rng,
      ZigguratSampler.NormalizedGaussian gauss,
      double[] z,
      double[] out) {
    ballPoint(rng, gauss, z);
    for (int i : cubeOrder) {
      double sum = 0;
      int row = i * dim;
      for (int j = 0; j < dim; j++) {
        sum += axes[row + j] * z[j];
      }
      double x = center[i] + sum;
      if (!(x >= 0 && x <= 1)) {
        return false;
      }
      out[i] = x;
    }
    return true;
  }

  /** Writes a point uniform in the unit ball to {@code z}. */
  static void ballPoint(
      UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss, double[] z) {
    double radius = Math.pow(rng.nextDouble(), 1.0 / z.length) / sphereDirection(gauss, z);
    for (int i = 0; i < z.length; i++) {
      z[i] *= radius;
    }
  }

  /** Fills {@code z} with independent normals and returns their norm. */
  static double sphereDirection(ZigguratSampler.NormalizedGaussian gauss, double[] z) {
    double norm2;
    do {
      norm2 = 0;
      for (int i = 0; i < z.length; i++) {
        double g = gauss.sample();
        z[i] = g;
        norm2 += g * g;
      }
    } while (norm2 == 0);
    return Math.sqrt(norm2);
  }

  void write(DataOutput out) throws IOException {
    for (double c : center) {
      out.writeDouble(c);
    }
    for (double v : vectors) {
      out.writeDouble(v);
    }
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static Ellipsoid read(DataInput in, int d) throws IOException {
    double[] center = readDoubles(in, d);
    double[] vectors = readDoubles(in, d * d);
    double[] values = readDoubles(in, d);
    return new Ellipsoid(center, vectors, values);
  }

  private static double[] readDoubles(DataInput in, int count) throws IOException {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}

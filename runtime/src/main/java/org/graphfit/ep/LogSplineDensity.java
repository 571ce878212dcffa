package org.graphfit.ep;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A smooth density estimate of one coordinate of weighted samples: a penalised log-spline relative
 * to a base measure {@code b}, {@code log p(z) = log b(z) + Σ θ_b B_b(z) - A(θ)}, with cubic
 * B-splines {@code B_b} on equally spaced knots over the samples' range (see {@link #range}), a
 * third-order difference penalty on {@code θ} plus a small multiple of {@code |θ|²} (so heavy
 * smoothing, and the sparse edges of the samples, tend to the base itself) and {@code A} by the
 * trapezoidal rule. It is the maximum penalised-likelihood member of an exponential family, so its
 * expected basis functions match the samples' (moment matching in a richer family). The penalty
 * weight is chosen by AIC with the effective degrees of freedom {@code tr((C + λP/n)⁻¹ C)}, {@code
 * n} the samples' effective size. Newton's method with backtracking solves each fit, warm-started
 * along decreasing penalties.
 */
final class LogSplineDensity {
  /** The grid points of the returned table and of the quadrature. */
  static final int GRID = 401;

  private static final int INTERVALS = 80;
  private static final int BASIS = INTERVALS + 3;

  /** Cubic B-splines overlap their next three neighbours: every matrix here has that bandwidth. */
  private static final int BAND = 4;

  private static final double TAIL = 1e-6;
  private static final double WIDEN = 0.2;
  private static final double RIDGE = 1e-8;

  private static final int MAX_NEWTON = 100;
  private static final double[] PENALTIES = {1e5, 1e4, 1e3, 1e2, 1e1, 1, 1e-1};

  private final double lower;
  private final double width;
  private final double[][] gridBasis = new double[GRID][BASIS];
  private final int[] gridFirst = new int[GRID];
  private final double[] quadrature = new double[GRID];
  private final double[] base = new double[GRID];
  private final double[] sampleMean = new double[BASIS];

  /** The penalty matrix's band: {@code penalty[a][k]} is its entry {@code (a, a + k)}. */
  private final double[][] penalty = new double[BASIS][BAND];

  private final double size;

  private LogSplineDensity(
      double[] z,
      double[] weights,
      double[] range,
      double effectiveSize,
      DoubleUnaryOperator logBase) {
    double widen = WIDEN * (range[1] - range[0]);
    this.lower = range[0] - widen;
    this.width = range[1] - range[0] + 2 * widen;
    this.size = effectiveSize;
    double step = width / (GRID - 1);
    for (int g = 0; g < GRID; g++) {
      gridFirst[g] = basis(lower + g * step, gridBasis[g]);
      base[g] = logBase.applyAsDouble(lower + g * step);
      quadrature[g] = (g == 0 || g == GRID - 1 ? 0.5 : 1) * step;
    }
    double[] row = new double[BASIS];
    double total = 0;
    for (int i = 0; i < z.length; i++) {
      if (weights[i] > 0 && z[i] >= lower && z[i] <= lower + width) {
        int first = basis(z[i], row);
        for (int b = first; b < first + 4; b++) {
          sampleMean[b] += weights[i] * row[b];
        }
        total += weights[i];
      }
    }
    for (int b = 0; b < BASIS; b++) {
      sampleMean[b] /= total;
    }
    double[] difference = {-1, 3, -3, 1};
    for (int r = 0; r + 3 < BASIS; r++) {
      for (int a = 0; a < 4; a++) {
        for (int c = a; c < 4; c++) {
          penalty[r + a][c - a] += difference[a] * difference[c];
        }
      }
    }
  }

  /**
   * Fits the density of weighted samples of one coordinate.
   *
   * @param z the samples
   * @param weights their non-negative weights, summing to a positive total
   * @param effectiveSize the samples' effective size, at least 2
   * @param logBase the log base measure, finite over the samples' range (e.g. the log density the
   *     samples were drawn against, so that only the likelihood's part is smoothed)
   * @return the log correction {@code log(p(z) / b(z))} ({@code b} as given, unnormalised)
   *     tabulated on {@link #GRID} points over the samples' range, or null if the samples have no
   *     spread or every fit fails
   */
  static LogDensityTable fit(
      double[] z, double[] weights, double effectiveSize, DoubleUnaryOperator logBase) {
    if (!(effectiveSize >= 2)) {
      return null;
    }
    double[] range = range(z, weights);
    if (!(range[1] > range[0]) || !Double.isFinite(range[1] - range[0])) {
      return null;
    }
    LogSplineDensity estimate = new LogSplineDensity(z, weights, range, effectiveSize, logBase);
    for (double value : estimate.base) {
      if (!Double.isFinite(value)) {
        return null;
      }
    }
    return estimate.best();
  }

  private LogDensityTable best() {
    double[] theta = new double[BASIS];
    double bestAic = Double.POSITIVE_INFINITY;
    double[] bestTheta = null;
    for (double lambda : PENALTIES) {
      Fit fit = newton(theta, lambda / size);
      if (fit == null) {
        continue;
      }
      theta = fit.theta;
      double aic = -2 * size * fit.logLikelihood + 2 * fit.degreesOfFreedom;
      if (aic < bestAic) {
        bestAic = aic;
        bestTheta = theta.clone();
      }
    }
    if (bestTheta == null) {
      return null;
    }
    double[] correction = spline(bestTheta);
    double normaliser = logNormalizer(logDensity(correction));
    for (int g = 0; g < GRID; g++) {
      correction[g] -= normaliser;
    }
    return new LogDensityTable(lower, lower + width, correction);
  }

  private record Fit(double[] theta, double logLikelihood, double degreesOfFreedom) {}

  /**
   * Maximises the penalised mean log-likelihood by Newton's method; null if the Hessian is not
   * positive definite or no step improves. The Hessian is {@code E[B Bᵀ] - E[B] E[B]ᵀ + λP + ridge}
   * under the current density: a banded matrix minus a rank-one term, solved by a banded Cholesky
   * factorisation and the Sherman–Morrison formula.
   */
  private Fit newton(double[] start, double lambda) {
    double[] theta = start.clone();
    double objective = objective(theta, lambda);
    for (int iteration = 0; iteration < MAX_NEWTON; iteration++) {
      Moments moments = moments(theta);
      double[] gradient = BandedRankOneSystem.bandTimes(penalty, theta);
      for (int a = 0; a < BASIS; a++) {
        gradient[a] = sampleMean[a] - moments.mean[a] - RIDGE * theta[a] - lambda * gradient[a];
      }
      double[][] band = new double[BASIS][BAND];
      for (int a = 0; a < BASIS; a++) {
        for (int k = 0; k < BAND; k++) {
          band[a][k] = moments.second[a][k] + lambda * penalty[a][k] + (k == 0 ? RIDGE : 0);
        }
      }
      BandedRankOneSystem hessian = BandedRankOneSystem.of(band, moments.mean);
      if (hessian == null) {
        return null;
      }
      double[] direction = hessian.solve(gradient);
      double decrease = dot(gradient, direction);
      if (decrease < 1e-12) {
        return new Fit(
            theta,
            dot(theta, sampleMean) - moments.logNormalizer,
            degreesOfFreedom(hessian, lambda));
      }
      // backtracking to the Armijo condition: half the step until the objective rises enough
      double step = 2;
      double[] trial = new double[BASIS];
      double value;
      do {
        step /= 2;
        for (int a = 0; a < BASIS; a++) {
          trial[a] = theta[a] + step * direction[a];
        }
        value = objective(trial, lambda);
      } while (!(value >= objective + 1e-4 * step * decrease) && step > 1e-10);
      if (!(value >= objective)) {
        return null;
      }
      theta = trial.clone();
      objective = value;
    }
    return null;
  }

  /**
   * The effective degrees of freedom {@code tr(H⁻¹ C)}, {@code C = H - R} the basis functions'
   * covariance and {@code R = λP + ridge}: {@code BASIS - tr(H⁻¹ R)}.
   */
  private double degreesOfFreedom(BandedRankOneSystem hessian, double lambda) {
    double[][] r = new double[BASIS][BAND];
    for (int a = 0; a < BASIS; a++) {
      for (int k = 0; k < BAND; k++) {
        r[a][k] = lambda * penalty[a][k] + (k == 0 ? RIDGE : 0);
      }
    }
    return BASIS - hessian.traceOfInverseTimes(r);
  }

  /** The spline {@code Σ θ_b B_b} at each grid point, from its four non-zero basis values. */
  private double[] spline(double[] theta) {
    double[] values = new double[GRID];
    for (int g = 0; g < GRID; g++) {
      double[] row = gridBasis[g];
      int first = gridFirst[g];
      for (int b = first; b < first + 4; b++) {
        values[g] += theta[b] * row[b];
      }
    }
    return values;
  }

  /** The unnormalised log density at each grid point: base plus spline. */
  private double[] logDensity(double[] spline) {
    double[] log = new double[GRID];
    for (int g = 0; g < GRID; g++) {
      log[g] = spline[g] + base[g];
    }
    return log;
  }

  private double objective(double[] theta, double lambda) {
    double[] log = logDensity(spline(theta));
    return dot(theta, sampleMean)
        - logNormalizer(log)
        - 0.5 * lambda * dot(theta, BandedRankOneSystem.bandTimes(penalty, theta))
        - 0.5 * RIDGE * dot(theta, theta);
  }

  /**
   * The mean of the basis functions under the density, their second moments' band ({@code
   * second[a][k] = E[B_a B_(a+k)]}) and the log normaliser.
   */
  private record Moments(double[] mean, double[][] second, double logNormalizer) {}

  private Moments moments(double[] theta) {
    double[] log = logDensity(spline(theta));
    double normaliser = logNormalizer(log);
    double[] mean = new double[BASIS];
    double[][] second = new double[BASIS][BAND];
    for (int g = 0; g < GRID; g++) {
      double p = quadrature[g] * Math.exp(log[g] - normaliser);
      double[] row = gridBasis[g];
      int first = gridFirst[g];
      for (int a = first; a < first + 4; a++) {
        mean[a] += p * row[a];
        for (int c = a; c < first + 4; c++) {
          second[a][c - a] += p * row[a] * row[c];
        }
      }
    }
    return new Moments(mean, second, normaliser);
  }

  private double logNormalizer(double[] log) {
    double max = Arrays.stream(log).max().orElseThrow();
    double sum = 0;
    for (int g = 0; g < GRID; g++) {
      sum += quadrature[g] * Math.exp(log[g] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * The uniform cubic B-spline basis at {@code z}: four consecutive non-zero values from the index
   * returned, every other entry zero (all zero outside the range, index 0).
   */
  private int basis(double z, double[] row) {
    Arrays.fill(row, 0);
    double t = (z - lower) / width * INTERVALS;
    if (!(t >= 0 && t <= INTERVALS)) {
      return 0;
    }
    int i = Math.min((int) t, INTERVALS - 1);
    double u = t - i;
    double v = 1 - u;
    row[i] = v * v * v / 6;
    row[i + 1] = (3 * u * u * u - 6 * u * u + 4) / 6;
    row[i + 2] = (-3 * u * u * u + 3 * u * u + 3 * u + 1) / 6;
    row[i + 3] = u * u * u / 6;
    return i;
  }

  /** The weighted {@link #TAIL} and {@code 1 - TAIL} quantiles. */
  private static double[] range(double[] z, double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight > 0 ? weight : 0;
    }
    double[] sorted = z.clone();
    Arrays.sort(sorted);
    return new double[] {
      quantile(z, weights, sorted, TAIL * total), quantile(z, weights, sorted, (1 - TAIL) * total)
    };
  }

  /**
   * The least sample value {@code t} whose cumulative weight {@code Σ_{z_i ≤ t} w_i} reaches {@code
   * target}, by bisection over the sorted values.
   */
  private static double quantile(double[] z, double[] weights, double[] sorted, double target) {
    int low = 0;
    int high = sorted.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      double cumulative = 0;
      for (int i = 0; i < z.length; i++) {
        if (weights[i] > 0 && z[i] <= sorted[middle]) {
          cumulative += weights[i];
        }
      }
      if (cumulative >= target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return sorted[low];
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}

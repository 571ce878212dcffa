package org.graphfit.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.graphfit.analysis.Dataset1D;

/**
 * The exact posterior of the seed example's joint model by quadrature: {@code N} one-dimensional
 * datasets, each fitted by a Gaussian profile (pixel {@code x} at {@code x = 0, 1, ...}, likelihood
 * {@code -0.5 chi^2} without the noise normalisation, as {@code ProfileAnalysis}) with its own
 * normalization (log-uniform on {@code [1e-6, 1e6]}) and sigma (uniform on {@code [0, 25]}) and one
 * centre shared by all (Gaussian {@code N(50, 30)}).
 *
 * <p>Given the centre the datasets are independent, so the centre's posterior is its prior times
 * the product of each dataset's evidence at that centre, {@code E_i(c)}, and {@code Z = int N(c)
 * prod E_i(c) dc}. Each {@code E_i(c)} is a 2-D integral:
 *
 * <ul>
 *   <li>over the normalization {@code A} in closed form up to a tabulated function: the model is
 *       {@code A g(x)}, so {@code ln L = ln L_0 + b A - a A^2 / 2} with {@code a = sum g^2 /
 *       sigma_x^2}, {@code b = sum d g / sigma_x^2}, and {@code int ln-uniform dA} becomes, with
 *       {@code t = A sqrt(a)} and {@code beta = b / sqrt(a)}, {@code -ln(A_min sqrt a) + K(beta)}
 *       where {@code K(beta) = int_0^1 (e^{beta t - t^2/2} - 1) / t dt + int_1^inf e^{beta t -
 *       t^2/2} / t dt} (tabulated once); where that form does not hold (a Gaussian whose tail
 *       barely reaches the data, {@code |beta| > 20}) the integral over {@code ln A} is done
 *       numerically;
 *   <li>over sigma by Gauss-Legendre rules on {@code [s_min, 1]} (in {@code ln sigma}) and {@code
 *       [1, 5], [5, 10], [10, 25]}; below {@code s_min = 0.02} a profile narrower than a pixel
 *       misses every pixel but at centres within a few {@code s_min} of a pixel, and the likelihood
 *       is taken to be the profile-free one: at a centre on a pixel that overestimates {@code E_i}
 *       by about {@code 1.5e-3}, averaged over centres by less than {@code 1e-4}.
 * </ul>
 *
 * The centre runs over a uniform grid of step {@code h} aligned with the pixels from {@code 50 - 10
 * * 30} to {@code 50 + 10 * 30}, so that every grid centre has one of {@code 1 / h} offsets from a
 * pixel and the profile's values are computed once per offset and sigma; the last integral is the
 * trapezoid rule. {@link #compute(List, Resolution)} at two resolutions shows the convergence.
 */
final class SharedCentreReference {
  private static final double PRIOR_MEAN = 50;
  private static final double PRIOR_SD = 30;
  private static final double PRIOR_SPAN = 10;
  private static final double A_MIN = 1e-6;
  private static final double A_MAX = 1e6;
  private static final double SIGMA_MAX = 25;

  /** Profile tails beyond this many sigma are below {@code 1e-17} of the peak and ignored. */
  private static final double TAIL = 9;

  private static final double LOG_A_RANGE = Math.log(A_MAX / A_MIN);
  private static final double BETA_MAX = 20;
  private static final double BETA_STEP = 0.002;
  private static final double[] SCALED_K = scaledKTable();
  private static final double[][] LOG_NODES = legendre(64, 0, 1);
  private static final double[][] UNIT_NODES = legendre(16, 0, 1);

  private SharedCentreReference() {}

  /**
   * How fine the quadrature is.
   *
   * @param centresPerPixel the number of centre grid points per pixel, {@code 1 / h}
   * @param sigmaNodes Gauss-Legendre nodes per sigma interval (there are four)
   * @param smallestSigma the sigma below which the likelihood is taken to be the profile-free one
   */
  record Resolution(int centresPerPixel, int sigmaNodes, double smallestSigma) {
    /** The default resolution. */
    static final Resolution FINE = new Resolution(100, 32, 0.02);

    /** Half the default in the grid and the nodes, twice the smallest sigma. */
    static final Resolution COARSE = new Resolution(50, 16, 0.04);
  }

  /**
   * The exact answer.
   *
   * @param logZ the log evidence
   * @param centreMean the posterior mean of the centre
   * @param centreSd the posterior standard deviation of the centre
   */
  record Answer(double logZ, double centreMean, double centreSd) {}

  /**
   * Each dataset's log evidence at every centre of the grid, computed on two threads.
   *
   * @param datasets the datasets
   * @param resolution the quadrature resolution
   * @return the per-dataset tables, to be combined by {@link #combine}
   */
  static Tables tables(List<Dataset1D> datasets, Resolution resolution) {
    Grid grid = new Grid(resolution);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<double[]>> futures =
          datasets.stream().map(d -> pool.submit(() -> logEvidence(d, grid))).toList();
      double[][] logE = new double[datasets.size()][];
      for (int i = 0; i < logE.length; i++) {
        logE[i] = futures.get(i).get();
      }
      return new Tables(grid, logE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The exact answer for the first {@code count} datasets of the tables.
   *
   * @param tables per-dataset tables
   * @param count how many datasets share the centre
   * @return the answer
   */
  static Answer combine(Tables tables, int count) {
    Grid grid = tables.grid;
    int n = grid.centres.length;
    double[] logPost = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      double c = grid.centres[k];
      double z = (c - PRIOR_MEAN) / PRIOR_SD;
      double sum = -0.5 * z * z - Math.log(PRIOR_SD * Math.sqrt(2 * Math.PI));
      for (int i = 0; i < count; i++) {
        sum += tables.logE[i][k];
      }
      logPost[k] = sum;
      max = Math.max(max, sum);
    }
    double mass = 0;
    double first = 0;
    for (int k = 0; k < n; k++) {
      double w = Math.exp(logPost[k] - max) * (k == 0 || k == n - 1 ? 0.5 : 1);
      mass += w;
      first += w * grid.centres[k];
    }
    double mean = first / mass;
    double second = 0;
    for (int k = 0; k < n; k++) {
      double w = Math.exp(logPost[k] - max) * (k == 0 || k == n - 1 ? 0.5 : 1);
      double delta = grid.centres[k] - mean;
      second += w * delta * delta;
    }
    return new Answer(max + Math.log(mass * grid.step), mean, Math.sqrt(second / mass));
  }

  /**
   * The exact answer for all the datasets.
   *
   * @param datasets the datasets sharing the centre
   * @param resolution the quadrature resolution
   * @return the answer
   */
  static Answer compute(List<Dataset1D> datasets, Resolution resolution) {
    return combine(tables(datasets, resolution), datasets.size());
  }

  /** Per-dataset log evidence at every grid centre. */
  static final class Tables {
    private final Grid grid;
    private final double[][] logE;

    private Tables(Grid grid, double[][] logE) {
      this.grid = grid;
      this.logE = logE;
    }

    /**
     * One dataset's log evidence at a grid centre.
     *
     * @param dataset the dataset's index
     * @param centre a centre on the grid (a multiple of the grid step)
     * @return {@code ln E_i(c)}
     * @throws IllegalArgumentException if the centre is not on the grid
     */
    double logEvidence(int dataset, double centre) {
      double position = (centre - grid.firstPixel) * grid.perPixel;
      long index = Math.round(position);
      if (Math.abs(position - index) > 1e-6 || index < 0 || index >= grid.centres.length) {
        throw new IllegalArgumentException("centre " + centre + " is not on the grid");
      }
      return logE[dataset][(int) index];
    }
  }

  /** The centre grid and the sigma rule. */
  private static final class Grid {
    final int perPixel;
    final double step;
    final int firstPixel;
    final double[] centres;
    final double[] sigmas;
    final double[] sigmaWeights;
    final double smallestSigma;

    Grid(Resolution resolution) {
      smallestSigma = resolution.smallestSigma();
      perPixel = resolution.centresPerPixel();
      step = 1.0 / perPixel;
      firstPixel = (int) Math.floor(PRIOR_MEAN - PRIOR_SPAN * PRIOR_SD);
      int lastPixel = (int) Math.ceil(PRIOR_MEAN + PRIOR_SPAN * PRIOR_SD);
      int n = (lastPixel - firstPixel) * perPixel + 1;
      centres = new double[n];
      for (int k = 0; k < n; k++) {
        centres[k] = firstPixel + (double) k / perPixel;
      }
      double[][] rule = legendre(resolution.sigmaNodes(), -1, 1);
      double[] x = rule[0];
      double[] w = rule[1];
      int m = x.length;
      sigmas = new double[4 * m];
      sigmaWeights = new double[4 * m];
      double lo = Math.log(smallestSigma);
      for (int j = 0; j < m; j++) {
        double u = lo + (0 - lo) * (x[j] + 1) / 2;
        sigmas[j] = Math.exp(u);
        sigmaWeights[j] = w[j] * (0 - lo) / 2 * sigmas[j];
      }
      double[][] pieces = {{1, 5}, {5, 10}, {10, SIGMA_MAX}};
      for (int p = 0; p < 3; p++) {
        double a = pieces[p][0];
        double b = pieces[p][1];
        for (int j = 0; j < m; j++) {
          sigmas[(p + 1) * m + j] = a + (b - a) * (x[j] + 1) / 2;
          sigmaWeights[(p + 1) * m + j] = w[j] * (b - a) / 2;
        }
      }
    }
  }

  /**
   * {@code ln E(c)} at every grid centre: {@code ln L_0 - ln(25 W) + ln(int_0^25 J(a, b) ds)},
   * {@code W = ln(A_max / A_min)}.
   */
  private static double[] logEvidence(Dataset1D dataset, Grid grid) {
    int pixels = dataset.size();
    double[] weight = new double[pixels];
    double[] dataWeight = new double[pixels];
    double logL0 = 0;
    for (int x = 0; x < pixels; x++) {
      double inverseVariance = 1 / (dataset.noise(x) * dataset.noise(x));
      weight[x] = inverseVariance;
      dataWeight[x] = dataset.data(x) * inverseVariance;
      logL0 -= 0.5 * dataset.data(x) * dataset.data(x) * inverseVariance;
    }
    int n = grid.centres.length;
    double[] integral = new double[n];
    Arrays.fill(integral, grid.smallestSigma * LOG_A_RANGE);
    int perPixel = grid.perPixel;
    for (int j = 0; j < grid.sigmas.length; j++) {
      double s = grid.sigmas[j];
      double ws = grid.sigmaWeights[j];
      int reach = (int) Math.ceil(TAIL * s) + 1;
      double[] kernel = new double[2 * reach + 2];
      for (int f = 0; f < perPixel; f++) {
        double offset = (double) f / perPixel;
        // kernel[m + reach] = g(x) for x - floor(c) = m, c = floor(c) + offset
        for (int m = -reach; m <= reach + 1; m++) {
          double z = (m - offset) / s;
          kernel[m + reach] = Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI));
        }
        for (int pixel = -reach - 1; pixel < pixels + reach; pixel++) {
          int k = (pixel - grid.firstPixel) * perPixel + f;
          if (k < 0 || k >= n) {
            continue;
          }
          double a = 0;
          double b = 0;
          int from = Math.max(0, pixel - reach);
          int to = Math.min(pixels - 1, pixel + reach + 1);
          for (int x = from; x <= to; x++) {
            double g = kernel[x - pixel + reach];
            a += weight[x] * g * g;
            b += dataWeight[x] * g;
          }
          integral[k] += ws * (integralOverLogA(a, b) - LOG_A_RANGE);
        }
      }
    }
    double[] logE = new double[n];
    double constant = logL0 - Math.log(SIGMA_MAX * LOG_A_RANGE);
    for (int k = 0; k < n; k++) {
      // away from the data integral[k] is exactly the profile-free value
      logE[k] = constant + Math.log(integral[k] + (SIGMA_MAX - grid.smallestSigma) * LOG_A_RANGE);
    }
    return logE;
  }

  /**
   * {@code J(a, b) = int_{ln A_min}^{ln A_max} exp(b e^u - a e^{2u} / 2) du}, the integral of the
   * likelihood ratio to the profile-free one over the log normalization. In {@code t = A sqrt(a)},
   * {@code J = int_{t_min}^{t_max} e^{beta t - t^2/2} / t dt}: below {@code t_0 = 1e-3 / max(1,
   * |beta|)} by its Taylor series, above by the table of {@code K} when the profile can reach far
   * enough ({@code t_max >= beta + 15}) and else by Gauss-Legendre rules.
   */
  static double integralOverLogA(double a, double b) {
    if (!(a > 0)) {
      return LOG_A_RANGE;
    }
    double root = Math.sqrt(a);
    double beta = b / root;
    if (Math.abs(beta) > BETA_MAX) {
      throw new IllegalStateException("beta " + beta + " outside the table");
    }
    double tMin = A_MIN * root;
    double tMax = A_MAX * root;
    double t0 = Math.min(tMax, Math.max(tMin, 1e-3 / Math.max(1, Math.abs(beta))));
    double low =
        Math.log(t0 / tMin) + beta * (t0 - tMin) + (beta * beta - 1) * (t0 * t0 - tMin * tMin) / 4;
    if (t0 >= tMax) {
      return low;
    }
    if (tMax >= Math.max(beta, 0) + 15 && t0 <= 1) {
      // K covers [0, inf); take away [0, t0] by the same series
      return low - Math.log(t0) + k(beta) - beta * t0 - (beta * beta - 1) * t0 * t0 / 4;
    }
    return low + numericUpperPart(beta, t0, tMax);
  }

  /**
   * {@code int_{t0}^{tMax} e^{beta t - t^2/2} / t dt}: 64 Gauss-Legendre nodes in {@code ln t} up
   * to {@code t = 1}, 16 per unit interval of {@code t} above.
   */
  private static double numericUpperPart(double beta, double t0, double tMax) {
    double sum = 0;
    double split = Math.min(1, tMax);
    if (t0 < split) {
      double lo = Math.log(t0);
      double hi = Math.log(split);
      for (int j = 0; j < LOG_NODES[0].length; j++) {
        double t = Math.exp(lo + (hi - lo) * LOG_NODES[0][j]);
        sum += (hi - lo) * LOG_NODES[1][j] * Math.exp(beta * t - 0.5 * t * t);
      }
    }
    double end = Math.min(tMax, Math.max(beta, 0) + 40);
    for (double from = Math.max(t0, 1); from < end; from += 1) {
      double to = Math.min(end, from + 1);
      for (int j = 0; j < UNIT_NODES[0].length; j++) {
        double t = from + (to - from) * UNIT_NODES[0][j];
        sum += (to - from) * UNIT_NODES[1][j] * Math.exp(beta * t - 0.5 * t * t) / t;
      }
    }
    return sum;
  }

  /** {@code K(beta)} from the table of {@code K(beta) e^{-beta^2/2}}, by cubic interpolation. */
  private static double k(double beta) {
    double position = (beta + BETA_MAX) / BETA_STEP;
    int i = Math.max(1, Math.min(SCALED_K.length - 3, (int) Math.floor(position)));
    double t = position - i;
    double value =
        -SCALED_K[i - 1] * t * (t - 1) * (t - 2) / 6
            + SCALED_K[i] * (t + 1) * (t - 1) * (t - 2) / 2
            - SCALED_K[i + 1] * (t + 1) * t * (t - 2) / 2
            + SCALED_K[i + 2] * (t + 1) * t * (t - 1) / 6;
    return value * Math.exp(0.5 * beta * beta);
  }

  /** {@code K(beta) e^{-beta^2/2}} every {@link #BETA_STEP} on {@code [-20, 20]}. */
  private static double[] scaledKTable() {
    int n = (int) Math.round(2 * BETA_MAX / BETA_STEP) + 1;
    double[] table = new double[n];
    double[][] rule = legendre(24, 0, 1);
    double[] x = rule[0];
    double[] w = rule[1];
    for (int i = 0; i < n; i++) {
      double beta = -BETA_MAX + i * BETA_STEP;
      double shift = 0.5 * beta * beta;
      // first part: int_0^1 expm1(beta t - t^2/2) / t dt, split in 8 pieces, scaled by e^-shift
      double first = 0;
      for (int p = 0; p < 8; p++) {
        for (int j = 0; j < x.length; j++) {
          double t = (p + x[j]) / 8;
          first += w[j] / 8 * Math.expm1(beta * t - 0.5 * t * t) / t;
        }
      }
      first *= Math.exp(-shift);
      // second part: int_1^inf e^{-(t - beta)^2 / 2} / t dt over unit pieces up to max(1, beta)+40
      double second = 0;
      double end = Math.max(1, beta) + 40;
      for (double from = 1; from < end; from += 1) {
        for (int j = 0; j < x.length; j++) {
          double t = from + x[j];
          double z = t - beta;
          second += w[j] * Math.exp(-0.5 * z * z) / t;
        }
      }
      table[i] = first + second;
    }
    return table;
  }

  /** The nodes and weights of the {@code n}-point Gauss-Legendre rule on {@code [lo, hi]}. */
  private static double[][] legendre(int n, double lo, double hi) {
    GaussIntegrator rule = new GaussIntegratorFactory().legendre(n, lo, hi);
    double[][] nodes = new double[2][n];
    for (int i = 0; i < n; i++) {
      nodes[0][i] = rule.getPoint(i);
      nodes[1][i] = rule.getWeight(i);
    }
    return nodes;
  }
}

package org.graphfit.benchmarks;

import java.util.List;
import org.graphfit.analysis.Dataset1D;

/**
 * The exact evidence and parent posterior of {@link HierarchicalSimulation}'s graph (centres
 * fitted, normalization and width fixed) by quadrature. Given the parent mean {@code mu} and
 * scatter {@code tau} the datasets are independent, so
 *
 * <pre>{@code
 * Z = int N(mu | 50, 30) p(ln tau) prod_i I_i(mu, tau) dmu dln tau,
 * I_i(mu, tau) = int L_i(c) N(c | 50, 50) N(c | mu, tau) dc
 * }</pre>
 *
 * where {@code p(ln tau)} is uniform on {@code [ln 0.1, ln 50]} (the log-uniform prior) and {@code
 * N(c | 50, 50)} is each centre's own prior, which a hierarchical factor keeps. Each dataset's
 * likelihood is tabulated on a fine centre grid (step {@code 0.02}, a fifth of the narrowest
 * parent, where the trapezoid rule on smooth integrands is exact to far below {@code 1e-10}) where
 * it is within {@code e^-60} of its maximum, and the outer 2-D integral is the trapezoid rule over
 * {@code (mu, ln tau)} (steps 0.25 and 0.05, against posterior scales above 1 and 0.2) on the box
 * where the integrand is within {@code e^-30} of its maximum, found by a coarse pass over the whole
 * prior. The parent's Gaussian is evaluated by a recurrence along the grid, so the whole answer
 * takes a few seconds.
 */
final class HierarchicalReference {
  private static final double CENTRE_PRIOR_MEAN = 50;
  private static final double CENTRE_PRIOR_SD = 50;
  private static final double MEAN_PRIOR_MEAN = 50;
  private static final double MEAN_PRIOR_SD = 30;
  private static final double TAU_MIN = 0.1;
  private static final double TAU_MAX = 50;
  private static final double LOG_SQRT_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private HierarchicalReference() {}

  /**
   * The exact answer.
   *
   * @param logZ the log evidence
   * @param meanMean the posterior mean of the parent mean
   * @param meanSd the posterior sd of the parent mean
   * @param scatterMean the posterior mean of the parent scatter
   * @param scatterSd the posterior sd of the parent scatter
   */
  record Answer(
      double logZ, double meanMean, double meanSd, double scatterMean, double scatterSd) {}

  /**
   * The exact answer for datasets simulated by {@link HierarchicalSimulation} with fixed
   * normalization and width.
   *
   * @param datasets the datasets in the graph
   * @param normalization the fixed normalization
   * @param width the fixed sigma
   * @param refine how many times finer than the default the outer grid is (1 or 2)
   * @return the answer
   */
  static Answer compute(List<Dataset1D> datasets, double normalization, double width, int refine) {
    Likelihood[] likelihoods = new Likelihood[datasets.size()];
    for (int i = 0; i < likelihoods.length; i++) {
      likelihoods[i] = Likelihood.of(datasets.get(i), normalization, width, 0.02 / refine);
    }
    // coarse pass over the whole prior box to find where the integrand lives
    double muLo = MEAN_PRIOR_MEAN - 10 * MEAN_PRIOR_SD;
    double muHi = MEAN_PRIOR_MEAN + 10 * MEAN_PRIOR_SD;
    double logTauLo = Math.log(TAU_MIN);
    double logTauHi = Math.log(TAU_MAX);
    Box coarse = scan(likelihoods, muLo, muHi, 1.0, logTauLo, logTauHi, 0.1);
    Box box = coarse.within(30, 1.0, 0.1, muLo, muHi, logTauLo, logTauHi);
    return scan(likelihoods, box.muLo, box.muHi, 0.25 / refine, box.tLo, box.tHi, 0.05 / refine)
        .answer;
  }

  /** A rectangle of {@code (mu, ln tau)} and, after a scan, what was found there. */
  private static final class Box {
    double muLo;
    double muHi;
    double tLo;
    double tHi;
    double max = Double.NEGATIVE_INFINITY;
    double[][] logValues;
    double[] mus;
    double[] logTaus;
    Answer answer;

    /** The box of grid points within {@code nats} of the maximum, padded by one step. */
    Box within(
        double nats,
        double muStep,
        double tStep,
        double muMin,
        double muMax,
        double tMin,
        double tMax) {
      Box box = new Box();
      box.muLo = Double.POSITIVE_INFINITY;
      box.muHi = Double.NEGATIVE_INFINITY;
      box.tLo = Double.POSITIVE_INFINITY;
      box.tHi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < mus.length; i++) {
        for (int j = 0; j < logTaus.length; j++) {
          if (logValues[i][j] > max - nats) {
            box.muLo = Math.min(box.muLo, mus[i]);
            box.muHi = Math.max(box.muHi, mus[i]);
            box.tLo = Math.min(box.tLo, logTaus[j]);
            box.tHi = Math.max(box.tHi, logTaus[j]);
          }
        }
      }
      box.muLo = Math.max(muMin, box.muLo - muStep);
      box.muHi = Math.min(muMax, box.muHi + muStep);
      box.tLo = Math.max(tMin, box.tLo - tStep);
      box.tHi = Math.min(tMax, box.tHi + tStep);
      return box;
    }
  }

  /** The integrand on a grid over the box, and the answer by the trapezoid rule. */
  private static Box scan(
      Likelihood[] likelihoods,
      double muLo,
      double muHi,
      double muStep,
      double tLo,
      double tHi,
      double tStep) {
    int nMu = (int) Math.ceil((muHi - muLo) / muStep) + 1;
    int nT = (int) Math.ceil((tHi - tLo) / tStep) + 1;
    double hMu = (muHi - muLo) / (nMu - 1);
    double hT = (tHi - tLo) / (nT - 1);
    Box box = new Box();
    box.mus = new double[nMu];
    box.logTaus = new double[nT];
    box.logValues = new double[nMu][nT];
    double logTauPrior = -Math.log(Math.log(TAU_MAX / TAU_MIN));
    for (int i = 0; i < nMu; i++) {
      double mu = muLo + i * hMu;
      box.mus[i] = mu;
      double zMu = (mu - MEAN_PRIOR_MEAN) / MEAN_PRIOR_SD;
      double logMuPrior = -0.5 * zMu * zMu - Math.log(MEAN_PRIOR_SD) - LOG_SQRT_TWO_PI;
      for (int j = 0; j < nT; j++) {
        double logTau = tLo + j * hT;
        box.logTaus[j] = logTau;
        double sum = logMuPrior + logTauPrior;
        for (Likelihood likelihood : likelihoods) {
          sum += likelihood.logIntegral(mu, Math.exp(logTau));
        }
        box.logValues[i][j] = sum;
        box.max = Math.max(box.max, sum);
      }
    }
    double mass = 0;
    double[] first = new double[2];
    double[] second = new double[2];
    for (int i = 0; i < nMu; i++) {
      double wMu = i == 0 || i == nMu - 1 ? 0.5 : 1;
      for (int j = 0; j < nT; j++) {
        double wT = j == 0 || j == nT - 1 ? 0.5 : 1;
        double w = wMu * wT * Math.exp(box.logValues[i][j] - box.max);
        double tau = Math.exp(box.logTaus[j]);
        mass += w;
        first[0] += w * box.mus[i];
        first[1] += w * tau;
        second[0] += w * box.mus[i] * box.mus[i];
        second[1] += w * tau * tau;
      }
    }
    double meanMu = first[0] / mass;
    double meanTau = first[1] / mass;
    box.answer =
        new Answer(
            box.max + Math.log(mass * hMu * hT),
            meanMu,
            Math.sqrt(Math.max(0, second[0] / mass - meanMu * meanMu)),
            meanTau,
            Math.sqrt(Math.max(0, second[1] / mass - meanTau * meanTau)));
    return box;
  }

  /**
   * One dataset's likelihood times its centre's own prior, {@code L_i(c) N(c | 50, 50)}, on the
   * part of a fine centre grid where it is within {@code e^-60} of its maximum, held as {@code
   * e^max} times values in {@code [e^-60, 1]}.
   */
  private static final class Likelihood {
    final double first;
    final double step;
    final double logMax;
    final double[] values;

    private Likelihood(double first, double step, double logMax, double[] values) {
      this.first = first;
      this.step = step;
      this.logMax = logMax;
      this.values = values;
    }

    static Likelihood of(Dataset1D dataset, double normalization, double width, double step) {
      double lo = CENTRE_PRIOR_MEAN - 10 * CENTRE_PRIOR_SD;
      int n = (int) Math.round(20 * CENTRE_PRIOR_SD / step) + 1;
      double[] all = new double[n];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        double c = lo + k * step;
        double chi2 = 0;
        for (int x = 0; x < dataset.size(); x++) {
          double z = (x - c) / width;
          double model = normalization / (width * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * z * z);
          double r = (dataset.data(x) - model) / dataset.noise(x);
          chi2 += r * r;
        }
        double zc = (c - CENTRE_PRIOR_MEAN) / CENTRE_PRIOR_SD;
        all[k] = -0.5 * chi2 - 0.5 * zc * zc - Math.log(CENTRE_PRIOR_SD) - LOG_SQRT_TWO_PI;
        max = Math.max(max, all[k]);
      }
      int from = 0;
      while (all[from] < max - 60) {
        from++;
      }
      int to = n - 1;
      while (all[to] < max - 60) {
        to--;
      }
      double[] kept = new double[to - from + 1];
      for (int k = 0; k < kept.length; k++) {
        kept[k] = Math.exp(all[from + k] - max);
      }
      return new Likelihood(lo + from * step, step, max, kept);
    }

    /**
     * {@code ln int L(c) N(c | 50, 50) N(c | mu, tau) dc} by the trapezoid rule; the parent's
     * Gaussian is stepped along the grid by the recurrence {@code g_{k+1} = g_k q_k, q_{k+1} = q_k
     * e^{-h^2 / tau^2}} outwards from the grid point nearest {@code mu}, two exponentials per call.
     */
    double logIntegral(double mu, double tau) {
      int n = values.length;
      double h = step;
      double inverseVariance = 1 / (tau * tau);
      double decay = Math.exp(-h * h * inverseVariance);
      int centre = (int) Math.max(0, Math.min(n - 1, Math.round((mu - first) / h)));
      double d = first + centre * h - mu;
      double start = Math.exp(-0.5 * d * d * inverseVariance);
      double sum = start * values[centre] * (centre == 0 || centre == n - 1 ? 0.5 : 1);
      // upwards: g_{k+1} / g_k = exp(-(d_k h + h^2 / 2) / tau^2)
      double g = start;
      double q = Math.exp(-(d * h + 0.5 * h * h) * inverseVariance);
      for (int k = centre + 1; k < n && g > 0; k++) {
        g *= q;
        q *= decay;
        sum += g * values[k] * (k == n - 1 ? 0.5 : 1);
      }
      g = start;
      q = Math.exp((d * h - 0.5 * h * h) * inverseVariance);
      for (int k = centre - 1; k >= 0 && g > 0; k--) {
        g *= q;
        q *= decay;
        sum += g * values[k] * (k == 0 ? 0.5 : 1);
      }
      return logMax + Math.log(sum * h) - Math.log(tau) - LOG_SQRT_TWO_PI;
    }
  }
}

package org.graphfit.ep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.graphfit.graph.GaussianParent;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;

/**
 * Checks EP's independent Gaussians for a hierarchy's two free hyper-parameters against their
 * posterior given the drawn parameters' messages, {@code p(u, w) ∝ π(u) π(w) Π_i ∫ p(x_i(z) | u, w)
 * c_i(z) dz} in latent coordinates, with {@code c_i} the cavity of drawn parameter {@code i} (its
 * data and own prior as EP approximates them) and {@code π} the hyper-parameters' exact priors. The
 * integral over each {@code z} is Gauss–Hermite on EP's approximation of {@code x_i}, widened; the
 * one over {@code (u, w)} a midpoint rule on a coarse grid around EP's approximation, then a fine
 * grid over the part of it that holds the mass. Mean-field EP is exact for a Gaussian parent's
 * nearly orthogonal mean and sigma, which are not checked; other families' may trade off, as a
 * truncated Gaussian's mean and sigma do when the bounds cut into it, and then EP's hyper-parameter
 * summaries and evidence are wrong although every update converged.
 *
 * <p>Cost: {@code 2 × GRID² × NODES} parent densities per drawn parameter, once per fit.
 */
final class HierarchyCheck {
  /** The absolute correlation above which independent Gaussians are a concern. */
  static final double CORRELATION_LIMIT = 0.5;

  /** The shift of a mean, in sds of the checked posterior, above which EP's is a concern. */
  static final double SHIFT_LIMIT = 0.5;

  /** The ratio of sds beyond which (either way) EP's is a concern. */
  static final double SD_RATIO_LIMIT = 1.5;

  private static final int GRID = 32;
  private static final int NODES = 16;
  private static final double WIDENING = 1.5;
  private static final double COARSE_HALF_WIDTH = 14;
  private static final double KEPT = 25;

  private HierarchyCheck() {}

  /**
   * The concerns of a fit's hierarchies, one per hierarchy that fails the check.
   *
   * @param field the final approximation
   * @param factors the factors
   * @param names each variable's path
   * @return the concerns
   */
  static List<Concern> concerns(MeanField field, List<EpFactor> factors, List<String> names) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f) instanceof ParentFactor parent
          && !(parent.distribution() instanceof GaussianParent)
          && !parent.drawsRelation()
          && parent.variables().size() == 3) {
        String key =
            parent.distribution().description() + parent.variables().subList(1, 3).toString();
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      }
    }
    List<Concern> found = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      Concern concern = check(field, factors, names, group);
      if (concern != null) {
        found.add(concern);
      }
    }
    return found;
  }

  private static Concern check(
      MeanField field, List<EpFactor> factors, List<String> names, List<Integer> group) {
    ParentFactor first = (ParentFactor) factors.get(group.get(0));
    int u = first.variables().get(1);
    int w = first.variables().get(2);
    for (int f = 0; f < factors.size(); f++) {
      List<Integer> scope = factors.get(f).variables();
      boolean touches = scope.contains(u) || scope.contains(w);
      if (touches && !(factors.get(f) instanceof PriorFactor) && !group.contains(f)) {
        return null; // the hyper-parameters have other factors: their exact priors are not all
      }
    }
    Integrand integrand = Integrand.of(field, factors, group);
    GaussianMessage qu = field.global(u);
    GaussianMessage qw = field.global(w);
    if (integrand == null || !qu.isProper() || !qw.isProper()) {
      return null;
    }
    double[] box = {
      qu.mean() - COARSE_HALF_WIDTH * qu.sd(),
      qu.mean() + COARSE_HALF_WIDTH * qu.sd(),
      qw.mean() - COARSE_HALF_WIDTH * qw.sd(),
      qw.mean() + COARSE_HALF_WIDTH * qw.sd()
    };
    double[][] coarse = integrand.grid(box);
    int[] span = {GRID, -1, GRID, -1};
    double top = max(coarse);
    if (!Double.isFinite(top)) {
      return null;
    }
    for (int a = 0; a < GRID; a++) {
      for (int b = 0; b < GRID; b++) {
        if (coarse[a][b] > top - KEPT) {
          span[0] = Math.min(span[0], a);
          span[1] = Math.max(span[1], a);
          span[2] = Math.min(span[2], b);
          span[3] = Math.max(span[3], b);
        }
      }
    }
    double du = (box[1] - box[0]) / GRID;
    double dw = (box[3] - box[2]) / GRID;
    double[] fine = {
      box[0] + (span[0] - 1) * du,
      box[0] + (span[1] + 2) * du,
      box[2] + (span[2] - 1) * dw,
      box[2] + (span[3] + 2) * dw
    };
    double[] moments = moments(integrand.grid(fine), fine);
    double shiftU = Math.abs(qu.mean() - moments[0]) / moments[1];
    double shiftW = Math.abs(qw.mean() - moments[2]) / moments[3];
    double ratioU = qu.sd() / moments[1];
    double ratioW = qw.sd() / moments[3];
    double correlation = moments[4];
    boolean fails =
        Math.abs(correlation) > CORRELATION_LIMIT
            || shiftU > SHIFT_LIMIT
            || shiftW > SHIFT_LIMIT
            || !(ratioU < SD_RATIO_LIMIT && ratioU > 1 / SD_RATIO_LIMIT)
            || !(ratioW < SD_RATIO_LIMIT && ratioW > 1 / SD_RATIO_LIMIT);
    if (!fails) {
      return null;
    }
    String name = first.name();
    int bracket = name.lastIndexOf('[');
    return new Concern(
        Check.HIERARCHY_MEAN_FIELD,
        String.format(
            Locale.ROOT,
            "hierarchical factor '%s' (%s): EP approximates %s and %s by independent Gaussians,"
                + " but their posterior given the drawn parameters' messages has correlation %.2f"
                + " in latent coordinates, means %.3g and %.3g (EP: %.3g and %.3g) and sds %.3g"
                + " and %.3g (EP: %.3g and %.3g): their summaries and the log evidence are"
                + " unreliable; fit this graph jointly (graph.fit(search))",
            bracket < 0 ? name : name.substring(0, bracket),
            first.distribution().description(),
            names.get(u),
            names.get(w),
            correlation,
            moments[0],
            moments[2],
            qu.mean(),
            qw.mean(),
            moments[1],
            moments[3],
            qu.sd(),
            qw.sd()));
  }

  private static double max(double[][] values) {
    double top = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double value : row) {
        top = Math.max(top, value);
      }
    }
    return top;
  }

  /** The latent means, sds and correlation {@code {mu, su, mw, sw, rho}} of a grid's density. */
  private static double[] moments(double[][] values, double[] box) {
    double top = max(values);
    double du = (box[1] - box[0]) / GRID;
    double dw = (box[3] - box[2]) / GRID;
    double[] sums = new double[6];
    for (int a = 0; a < GRID; a++) {
      double u = box[0] + (a + 0.5) * du;
      for (int b = 0; b < GRID; b++) {
        double w = box[2] + (b + 0.5) * dw;
        double weight = Math.exp(values[a][b] - top);
        sums[0] += weight;
        sums[1] += weight * u;
        sums[2] += weight * u * u;
        sums[3] += weight * w;
        sums[4] += weight * w * w;
        sums[5] += weight * u * w;
      }
    }
    double mu = sums[1] / sums[0];
    double mw = sums[3] / sums[0];
    double su = Math.sqrt(Math.max(sums[2] / sums[0] - mu * mu, 0));
    double sw = Math.sqrt(Math.max(sums[4] / sums[0] - mw * mw, 0));
    return new double[] {mu, su, mw, sw, (sums[5] / sums[0] - mu * mw) / (su * sw)};
  }

  /** The log posterior of the hyper-parameters on grids, from precomputed Gauss–Hermite nodes. */
  private static final class Integrand {
    private final ParentFactor parent;
    private final Prior[] hyperPriors;
    private final double[][] values; // per drawn parameter, the physical value at each node
    private final double[][] logWeights; // and log (weight × cavity / proposal)

    private Integrand(ParentFactor parent, double[][] values, double[][] logWeights) {
      this.parent = parent;
      this.hyperPriors = parent.hyperPriors();
      this.values = values;
      this.logWeights = logWeights;
    }

    /** The integrand, or null where a drawn parameter's cavity is improper. */
    static Integrand of(MeanField field, List<EpFactor> factors, List<Integer> group) {
      GaussIntegrator rule = new GaussIntegratorFactory().hermite(NODES);
      double logRoot = 0.5 * Math.log(Math.PI);
      double[][] values = new double[group.size()][NODES];
      double[][] logWeights = new double[group.size()][NODES];
      for (int i = 0; i < group.size(); i++) {
        int f = group.get(i);
        ParentFactor parent = (ParentFactor) factors.get(f);
        int x = parent.variables().get(0);
        GaussianMessage global = field.global(x);
        GaussianMessage cavity = global.divide(field.message(f, 0));
        if (!cavity.isProper() || !global.isProper()) {
          return null;
        }
        double mean = global.mean();
        double sd = WIDENING * global.sd();
        for (int k = 0; k < NODES; k++) {
          double t = rule.getPoint(k);
          double z = mean + Math.sqrt(2) * sd * t;
          values[i][k] = parent.drawnPrior().fromLatent(z);
          // ∫ g N(z; mean, sd) dz = Σ w_k g(z_k) / sqrt(π) with g = cavity / N(z; mean, sd)
          // and log N(z_k; mean, sd) = -t² - log(sqrt(2π) sd)
          logWeights[i][k] =
              Math.log(rule.getWeight(k))
                  - logRoot
                  + cavity.logDensity(z)
                  + t * t
                  + Math.log(Math.sqrt(2 * Math.PI) * sd);
        }
      }
      return new Integrand((ParentFactor) factors.get(group.get(0)), values, logWeights);
    }

    double[][] grid(double[] box) {
      double[][] grid = new double[GRID][GRID];
      double du = (box[1] - box[0]) / GRID;
      double dw = (box[3] - box[2]) / GRID;
      double[] hyper = new double[2];
      double[] flatValues = new double[values.length * NODES];
      for (int i = 0; i < values.length; i++) {
        System.arraycopy(values[i], 0, flatValues, i * NODES, NODES);
      }
      double[] densities = new double[flatValues.length];
      double[] terms = new double[NODES];
      for (int a = 0; a < GRID; a++) {
        double u = box[0] + (a + 0.5) * du;
        for (int b = 0; b < GRID; b++) {
          double w = box[2] + (b + 0.5) * dw;
          hyper[0] = hyperPriors[0].fromLatent(u);
          hyper[1] = hyperPriors[1].fromLatent(w);
          double sum = hyperPriors[0].latentLogDensity(u) + hyperPriors[1].latentLogDensity(w);
          parent.distribution().logDensities(flatValues, hyper, densities);
          for (int i = 0; i < values.length && sum > Double.NEGATIVE_INFINITY; i++) {
            double peak = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < NODES; k++) {
              terms[k] = logWeights[i][k] + densities[i * NODES + k];
              peak = Math.max(peak, terms[k]);
            }
            double total = 0;
            for (int k = 0; k < NODES && peak > Double.NEGATIVE_INFINITY; k++) {
              total += Math.exp(terms[k] - peak);
            }
            sum += peak + Math.log(total);
          }
          grid[a][b] = Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
        }
      }
      return grid;
    }
  }
}

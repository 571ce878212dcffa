package org.graphfit.ep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;

/**
 * A variable's marginal beyond EP's Gaussian: its prior's latent density (when the variable has a
 * prior factor) times every factor's {@link MarginalTerm}, {@code p(z) ∝ prior(z) Π_f t_f(z) /
 * cavity_f(z)}, normalised on a uniform latent grid over the range where every term is estimated
 * (the intersection of the terms' ranges). Each ratio {@code t_f / cavity_f} estimates the factor's
 * own marginal likelihood of the variable, whatever the cavity its samples were drawn against, so
 * for a variable shared by datasets whose other parameters are their own the product is the exact
 * marginal up to sampling error, where EP's Gaussian is only the fixed point of Gaussian
 * projections (a correction in the spirit of Cseke and Heskes, JMLR 2011, with the tilted marginals
 * estimated by {@link LogSplineDensity}). Without a prior factor (a variable of one analysis
 * factor, which includes its prior) the marginal is that factor's estimated tilted marginal.
 * Physical moments and quantiles are taken through the prior's {@code fromLatent}. Immutable.
 */
public final class CorrectedMarginal {
  private static final int GRID = 401;

  private final Prior prior;
  private final LogDensityTable latentDensity;
  private final double[] cumulative;
  private final double mean;
  private final double sd;

  private CorrectedMarginal(Prior prior, LogDensityTable latentDensity, double[] cumulative) {
    this.prior = prior;
    this.latentDensity = latentDensity;
    this.cumulative = cumulative;
    double[] log = latentDensity.logValues();
    double step = (latentDensity.upper() - latentDensity.lower()) / (GRID - 1);
    double first = 0;
    double second = 0;
    for (int g = 0; g < GRID; g++) {
      double weight = (g == 0 || g == GRID - 1 ? 0.5 : 1) * step * Math.exp(log[g]);
      double x = prior.fromLatent(latentDensity.lower() + g * step);
      first += weight * x;
      second += weight * x * x;
    }
    this.mean = first;
    this.sd = Math.sqrt(Math.max(0, second - first * first));
  }

  /**
   * Combines a variable's terms.
   *
   * @param prior the variable's prior, for its latent density and latent map
   * @param withPrior whether the prior enters the product (false when the variable's only factor
   *     includes it)
   * @param terms the factors' marginal terms: one without the prior, at least one with it
   * @return the marginal, or null if the terms do not fit {@code withPrior}, their ranges do not
   *     overlap or the product has no finite mass
   */
  static CorrectedMarginal combine(Prior prior, boolean withPrior, List<MarginalTerm> terms) {
    if (terms.isEmpty() || (!withPrior && terms.size() != 1)) {
      return null;
    }
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    for (MarginalTerm term : terms) {
      lower = Math.max(lower, term.correction().lower());
      upper = Math.min(upper, term.correction().upper());
    }
    if (!(upper > lower)) {
      return null;
    }
    double step = (upper - lower) / (GRID - 1);
    double[] log = new double[GRID];
    double max = Double.NEGATIVE_INFINITY;
    for (int g = 0; g < GRID; g++) {
      double z = lower + g * step;
      double value = withPrior ? prior.latentLogDensity(z) : 0;
      for (MarginalTerm term : terms) {
        value += term.logValue(z);
      }
      log[g] = Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
      max = Math.max(max, log[g]);
    }
    if (!Double.isFinite(max)) {
      return null;
    }
    double[] cumulative = new double[GRID];
    for (int g = 1; g < GRID; g++) {
      cumulative[g] =
          cumulative[g - 1] + 0.5 * step * (Math.exp(log[g - 1] - max) + Math.exp(log[g] - max));
    }
    double total = cumulative[GRID - 1];
    if (!(total > 0 && Double.isFinite(total))) {
      return null;
    }
    for (int g = 0; g < GRID; g++) {
      log[g] -= max + Math.log(total);
      cumulative[g] /= total;
    }
    return new CorrectedMarginal(prior, new LogDensityTable(lower, upper, log), cumulative);
  }

  /**
   * The normalised log density in latent space.
   *
   * @return the table
   */
  public LogDensityTable latentDensity() {
    return latentDensity;
  }

  /**
   * The physical mean.
   *
   * @return the mean
   */
  public double mean() {
    return mean;
  }

  /**
   * The physical standard deviation.
   *
   * @return the standard deviation
   */
  public double sd() {
    return sd;
  }

  /**
   * A physical quantile, by linear interpolation of the latent distribution function.
   *
   * @param probability in {@code [0, 1]}
   * @return the quantile
   */
  public double quantile(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1] but was " + probability);
    }
    double step = (latentDensity.upper() - latentDensity.lower()) / (GRID - 1);
    int g = 1;
    while (g < GRID - 1 && cumulative[g] < probability) {
      g++;
    }
    double span = cumulative[g] - cumulative[g - 1];
    double u = span > 0 ? (probability - cumulative[g - 1]) / span : 0;
    return prior.fromLatent(latentDensity.lower() + (g - 1 + Math.min(1, Math.max(0, u))) * step);
  }

  /**
   * Each variable's corrected marginal, or null where a factor of the variable gave no marginal
   * term (a hierarchical factor, a Laplace fit, no successful sampled fit).
   */
  static List<CorrectedMarginal> ofState(
      ModelLayout<CollectionInstance> layout, List<EpFactor> factors, EpState state) {
    int variables = layout.priorCount();
    List<List<MarginalTerm>> terms = new ArrayList<>();
    boolean[] withPrior = new boolean[variables];
    boolean[] possible = new boolean[variables];
    for (int v = 0; v < variables; v++) {
      terms.add(new ArrayList<>());
      possible[v] = true;
    }
    for (int f = 0; f < factors.size(); f++) {
      int[] scope = state.field.scope(f);
      for (int k = 0; k < scope.length; k++) {
        int v = scope[k];
        if (factors.get(f).isPrior()) {
          withPrior[v] = true;
        } else if (state.marginalTerms[f] != null && state.marginalTerms[f][k] != null) {
          terms.get(v).add(state.marginalTerms[f][k]);
        } else {
          possible[v] = false;
        }
      }
    }
    List<CorrectedMarginal> marginals = new ArrayList<>();
    for (int v = 0; v < variables; v++) {
      marginals.add(
          possible[v] && !terms.get(v).isEmpty()
              ? CorrectedMarginal.combine(layout.prior(v), withPrior[v], terms.get(v))
              : null);
    }
    return Collections.unmodifiableList(marginals);
  }
}

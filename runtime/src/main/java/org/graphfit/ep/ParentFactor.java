// Long because the class Javadoc (about 30 lines) derives the closed forms and says why they keep
// the scale from collapsing, and both update paths sit beside it: the closed form in the drawn
// value (and the parent mean) with the rest on a grid, and the product grid; the quadrature is
// AdaptiveQuadrature's.
package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.LogGaussianParent;
import org.graphfit.graph.ParentDistribution;
import org.graphfit.prior.GaussianPrior;
import org.graphfit.prior.HalfCauchyPrior;
import org.graphfit.prior.HalfNormalPrior;
import org.graphfit.prior.LatentGaussianPrior;
import org.graphfit.prior.LogGaussianPrior;
import org.graphfit.prior.Prior;

/**
 * One drawn parameter of a {@link org.graphfit.graph.HierarchicalFactor} as its own small EP
 * factor, {@code p(x_i | hyper-parameters)}, over {@code x_i} and the free hyper-parameters (fixed
 * hyper-parameters are constants). It is updated deterministically by adaptive Gauss–Hermite
 * quadrature of factor times cavity in latent space, with no sampler noise.
 *
 * <p>For a Gaussian parent and a drawn parameter with a Gaussian prior (identity latent map) the
 * integral over {@code x_i} is done in closed form, and so is the one over the parent mean {@code
 * μ} when it is fixed or has a Gaussian prior: with cavities {@code x ~ N(m, v)}, {@code μ ~ N(a,
 * b)}, {@code ∫∫ N(x; μ, σ) N(x; m, v) N(μ; a, b) dx dμ = N(m; a, c)}, {@code c = v + σ² + b}, and
 * given {@code σ} the tilted {@code x} and {@code μ} are Gaussian with means {@code m - v r/c},
 * {@code a + b r/c} ({@code r = m - a}) and variances {@code v - v²/c}, {@code b - b²/c}. Only the
 * scale is then integrated numerically (1-D, 48 nodes), with no funnel between {@code μ} and a
 * small {@code σ} for the grid to miss; the moments of {@code x} and {@code μ} are mixtures of the
 * conditional ones over the scale's nodes. A parent mean with another prior is integrated on a 2-D
 * grid with the scale. A log-Gaussian parent over a drawn parameter whose latent coordinate is
 * {@code z = log x} (log-Gaussian, half-normal, half-Cauchy priors) is the same closed form in
 * {@code z}: its density {@code N(z; μ, σ) e^{-z}} times the cavity {@code N(z; m, v)} is {@code
 * e^{-m + v/2} N(z; μ, σ) N(z; m - v, v)}. Other families or drawn priors (a truncated Gaussian
 * parent, whose normalization depends on {@code μ} and {@code σ}; a log-Gaussian parent over a
 * log-uniform prior, whose latent coordinate is a logit) are integrated on a product grid over all
 * variables, in the latent coordinates the EP approximation is Gaussian in: the factor is the
 * parent density at {@code x = fromLatent(z)}, with no Jacobian, which belongs to the drawn
 * parameter's prior factor.
 *
 * <p>Why this prevents the collapse of the scale {@code σ}: a per-dataset fit whose result is used
 * as a point estimate (or a noisy sample) makes the drawn values look more alike than they are, and
 * a fit of {@code σ} to those values drives it towards zero. Here every update of {@code σ}
 * integrates over the whole cavity of {@code x_i}, so its message sees {@code v + σ²}: as {@code σ
 * → 0} the factor tends to the finite {@code N(μ; m, v)} instead of a spike, and the scale's tilted
 * distribution stays as wide as the data allow; no random numbers enter, so no noise can push it to
 * zero.
 */
final class ParentFactor implements EpFactor {
  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
  private static final int ORDER_1D = 48;
  private static final int ORDER_2D = 24;
  private static final int ORDER_3D = 12;
  private static final int ORDER_4D = 8;
  private static final int PASSES = 4;

  private final String name;
  private final ParentDistribution distribution;
  private final Prior drawnPrior;
  private final Prior[] leafPriors;

  /** The drawn relation of the leaves' physical values, or null for one drawn parameter. */
  private final ToDoubleFunction<double[]> relation;

  private final Prior[] hyperPriors;
  private final double[] fixedHyper;
  private final int[] hyperSlot;
  private final List<Integer> variables;

  /**
   * Whether the parent is log-Gaussian over a drawn parameter whose latent coordinate is its
   * logarithm: the closed form then applies to the cavity tilted by the density's {@code 1/x}.
   */
  private final boolean logParent;

  /** How the closed form splits the hyper-parameters, or null where it does not apply. */
  private final ClosedForm closedForm;

  /**
   * A factor drawing one free parameter.
   *
   * @param name its name
   * @param distribution the parent family
   * @param drawnVariable the drawn parameter's variable index
   * @param drawnPrior its prior
   * @param hyperVariables each hyper-parameter's variable index, or -1 if fixed
   * @param hyperPriors each free hyper-parameter's prior (null where fixed)
   * @param fixedHyper each fixed hyper-parameter's value (ignored where free)
   */
  ParentFactor(
      String name,
      ParentDistribution distribution,
      int drawnVariable,
      Prior drawnPrior,
      int[] hyperVariables,
      Prior[] hyperPriors,
      double[] fixedHyper) {
    this(
        name,
        distribution,
        new int[] {drawnVariable},
        new Prior[] {drawnPrior},
        null,
        hyperVariables,
        hyperPriors,
        fixedHyper);
  }

  /**
   * A factor drawing a relation of free leaves, {@code p(g(leaves) | hyper-parameters)} over the
   * leaves and the free hyper-parameters, integrated on the product grid.
   *
   * @param name its name
   * @param distribution the parent family
   * @param leafVariables the relation's free leaves' variable indices, none a hyper-parameter
   * @param leafPriors their priors
   * @param relation the relation's value at the leaves' physical values (NaN where undefined)
   * @param hyperVariables each hyper-parameter's variable index, or -1 if fixed
   * @param hyperPriors each free hyper-parameter's prior (null where fixed)
   * @param fixedHyper each fixed hyper-parameter's value (ignored where free)
   */
  ParentFactor(
      String name,
      ParentDistribution distribution,
      int[] leafVariables,
      Prior[] leafPriors,
      ToDoubleFunction<double[]> relation,
      int[] hyperVariables,
      Prior[] hyperPriors,
      double[] fixedHyper) {
    this.name = name;
    this.distribution = distribution;
    this.drawnPrior = leafPriors[0];
    this.leafPriors = leafPriors.clone();
    this.relation = relation;
    this.hyperPriors = hyperPriors.clone();
    this.fixedHyper = fixedHyper.clone();
    this.hyperSlot = new int[hyperVariables.length];
    List<Integer> scope = new ArrayList<>();
    for (int leaf : leafVariables) {
      scope.add(leaf);
    }
    for (int h = 0; h < hyperVariables.length; h++) {
      hyperSlot[h] = hyperVariables[h] < 0 ? -1 : scope.size();
      if (hyperVariables[h] >= 0) {
        scope.add(hyperVariables[h]);
      }
    }
    this.variables = List.copyOf(scope);
    this.logParent =
        relation == null && distribution instanceof LogGaussianParent && hasLogLatent(drawnPrior);
    boolean gaussian =
        relation == null
            && distribution instanceof GaussianParent
            && drawnPrior instanceof GaussianPrior;
    this.closedForm = gaussian || logParent ? ClosedForm.of(hyperSlot, hyperPriors) : null;
  }

  /** The drawn value at a latent point over the factor's variables. */
  private double drawnValue(double[] z) {
    if (relation == null) {
      return drawnPrior.fromLatent(z[0]);
    }
    double[] leaves = new double[leafPriors.length];
    for (int j = 0; j < leaves.length; j++) {
      leaves[j] = leafPriors[j].fromLatent(z[j]);
    }
    return relation.applyAsDouble(leaves);
  }

  /**
   * Whether the factor draws a relation of its first variables rather than one free parameter.
   *
   * @return true for a relation
   */
  boolean drawsRelation() {
    return relation != null;
  }

  /** Whether a prior's latent coordinate is the logarithm of the value. */
  private static boolean hasLogLatent(Prior prior) {
    Prior base = prior instanceof LatentGaussianPrior latent ? latent.base() : prior;
    return base instanceof LogGaussianPrior
        || base instanceof HalfNormalPrior
        || base instanceof HalfCauchyPrior;
  }

  @Override
  public String name() {
    return name;
  }

  /** The parent family. */
  ParentDistribution distribution() {
    return distribution;
  }

  /** The drawn parameter's prior, whose latent map its messages live in. */
  Prior drawnPrior() {
    return drawnPrior;
  }

  /** The hyper-parameters' priors in the family's order; null where fixed. */
  Prior[] hyperPriors() {
    return hyperPriors.clone();
  }

  @Override
  public List<Integer> variables() {
    return variables;
  }

  @Override
  public boolean isHierarchical() {
    return true;
  }

  /** The hyper-parameters at a latent point over the factor's variables. */
  private double[] hyper(double[] z) {
    double[] values = new double[hyperSlot.length];
    for (int h = 0; h < values.length; h++) {
      values[h] = hyperSlot[h] < 0 ? fixedHyper[h] : hyperPriors[h].fromLatent(z[hyperSlot[h]]);
    }
    return values;
  }

  @Override
  public FactorResult update(FactorTask task) {
    long start = System.nanoTime();
    for (GaussianMessage cavity : task.cavity()) {
      if (!cavity.isProper()) {
        return FactorResult.failed(
            task,
            UpdateStatus.IMPROPER_CAVITY,
            FactorResult.Fit.QUADRATURE,
            "cavity " + cavity,
            PriorFactor.seconds(start));
      }
    }
    try {
      Projection projection = closedForm != null ? analytic(task) : grid(task);
      if (projection == null) {
        return FactorResult.failed(
            task,
            UpdateStatus.NON_FINITE_MOMENTS,
            FactorResult.Fit.QUADRATURE,
            "no finite quadrature weight",
            PriorFactor.seconds(start));
      }
      return new FactorResult(
          task.factor(),
          UpdateStatus.OK,
          projection.moments,
          null,
          projection.logNormalizer,
          null,
          FactorResult.Fit.QUADRATURE,
          "",
          PriorFactor.seconds(start));
    } catch (RuntimeException e) {
      return FactorResult.failed(
          task,
          UpdateStatus.FAILED,
          FactorResult.Fit.QUADRATURE,
          e.toString(),
          PriorFactor.seconds(start));
    }
  }

  /** Projected moments and the log normalizer of one update. */
  private record Projection(GaussianMessage[] moments, double logNormalizer) {}

  private Projection analytic(FactorTask task) {
    GaussianMessage[] cavity = task.cavity();
    int muSlot = hyperSlot[0];
    Conditional conditional = new Conditional(task);
    List<Integer> dims = closedForm.dims();
    double[] z = new double[dims.size()];
    double[] values = conditional.values;
    GaussianMessage[] moments = new GaussianMessage[variables.size()];
    double logNormalizer;
    double[] mixture;
    if (dims.isEmpty()) {
      if (!conditional.at(z)) {
        return null;
      }
      logNormalizer = values[0];
      mixture = new double[] {values[1], values[2], values[3], values[4]};
    } else {
      GaussianMessage[] dimCavity = new GaussianMessage[dims.size()];
      GaussianMessage[] dimCurrent = new GaussianMessage[dims.size()];
      for (int j = 0; j < dims.size(); j++) {
        dimCavity[j] = cavity[dims.get(j)];
        dimCurrent[j] = task.current()[dims.get(j)];
      }
      AdaptiveQuadrature.Nodes nodes =
          AdaptiveQuadrature.integrate(
              point -> conditional.at(point) ? values[0] : Double.NEGATIVE_INFINITY,
              dimCavity,
              dimCurrent,
              dims.size() == 1 ? ORDER_1D : ORDER_2D,
              PASSES);
      if (nodes == null) {
        return null;
      }
      logNormalizer = nodes.logNormalizer;
      for (int j = 0; j < dims.size(); j++) {
        moments[dims.get(j)] = GaussianMessage.ofMoments(nodes.mean[j], nodes.covariance[j][j]);
      }
      mixture = mixtureMoments(nodes, conditional, z);
    }
    moments[0] = GaussianMessage.ofMoments(mixture[0], mixture[1]);
    // The closed-form integrals used normalized cavities of x (and of a closed-form mu), and for a
    // log-Gaussian parent the cavity of z = log x times exp(-z), exp(-m + v/2) N(z; m - v, v).
    logNormalizer += cavity[0].logNormalizer();
    if (logParent) {
      logNormalizer += -cavity[0].mean() + 0.5 * cavity[0].variance();
    }
    if (muSlot >= 0 && closedForm.muClosed()) {
      moments[muSlot] = GaussianMessage.ofMoments(mixture[2], mixture[3]);
      logNormalizer += cavity[muSlot].logNormalizer();
    }
    return new Projection(moments, logNormalizer);
  }

  /**
   * The mean and variance of {@code x} and of a closed-form {@code μ} under the mixture of the
   * conditional Gaussians over the nodes: {@code {E[x], Var[x], E[μ], Var[μ]}}. The conditional
   * means are summed as offsets from those of the first weighted node, so that the spread of the
   * means is not lost to cancellation.
   */
  private static double[] mixtureMoments(
      AdaptiveQuadrature.Nodes nodes, Conditional conditional, double[] z) {
    double[] values = conditional.values;
    double referenceX = Double.NaN;
    double referenceMu = Double.NaN;
    // weighted sums of: conditional variance of x, offset of x, squared offset; the same for mu
    double[] sums = new double[6];
    for (int k = 0; k < nodes.weights.length; k++) {
      double w = nodes.weights[k];
      if (w > 0) {
        nodes.copyPoint(k, z);
        if (!conditional.at(z)) {
          continue; // a node has positive weight only where the factor was finite: kept as a guard
        }
        if (Double.isNaN(referenceX)) {
          referenceX = values[1];
          referenceMu = values[3];
        }
        double dx = values[1] - referenceX;
        double dm = values[3] - referenceMu;
        sums[0] += w * values[2];
        sums[1] += w * dx;
        sums[2] += w * dx * dx;
        sums[3] += w * values[4];
        sums[4] += w * dm;
        sums[5] += w * dm * dm;
      }
    }
    return new double[] {
      referenceX + sums[1],
      sums[0] + sums[2] - sums[1] * sums[1],
      referenceMu + sums[4],
      sums[3] + sums[5] - sums[4] * sums[4]
    };
  }

  /**
   * The split of a Gaussian parent's hyper-parameters, fixed per factor: whether {@code μ} is
   * integrated in closed form (fixed, or with a Gaussian prior), the scope positions integrated
   * numerically (a free non-Gaussian {@code μ}, a free {@code σ}) and their quadrature dimensions
   * (-1 for none).
   */
  private record ClosedForm(boolean muClosed, List<Integer> dims, int muDim, int sigmaDim) {
    static ClosedForm of(int[] hyperSlot, Prior[] hyperPriors) {
      int muSlot = hyperSlot[0];
      int sigmaSlot = hyperSlot[1];
      boolean muClosed = muSlot < 0 || hyperPriors[0] instanceof GaussianPrior;
      List<Integer> dims = new ArrayList<>(2);
      if (!muClosed) {
        dims.add(muSlot);
      }
      if (sigmaSlot >= 0) {
        dims.add(sigmaSlot);
      }
      return new ClosedForm(
          muClosed, List.copyOf(dims), muClosed ? -1 : 0, sigmaSlot < 0 ? -1 : dims.size() - 1);
    }
  }

  /**
   * The closed-form integral over {@code x} (and a closed-form {@code μ}) given the quadrature
   * variables, evaluated into one reused buffer: {@code {log factor, E[x], Var[x], E[μ], Var[μ]}}.
   */
  private final class Conditional {
    final double[] values = new double[5];
    private final boolean muClosed = closedForm.muClosed();
    private final int muDim = closedForm.muDim();
    private final int sigmaDim = closedForm.sigmaDim();
    private final double m;
    private final double v;
    private final double a;
    private final double b;

    Conditional(FactorTask task) {
      GaussianMessage[] cavity = task.cavity();
      int muSlot = hyperSlot[0];
      this.v = cavity[0].variance();
      this.m = logParent ? cavity[0].mean() - v : cavity[0].mean();
      this.a = muSlot < 0 ? fixedHyper[0] : cavity[muSlot].mean();
      this.b = muSlot < 0 ? 0 : cavity[muSlot].variance();
    }

    /** Fills {@link #values} at a point of the quadrature variables; false if undefined there. */
    boolean at(double[] z) {
      double sigma = sigmaDim < 0 ? fixedHyper[1] : hyperPriors[1].fromLatent(z[sigmaDim]);
      double s2 = sigma * sigma;
      double mean = muClosed ? a : hyperPriors[0].fromLatent(z[muDim]);
      double spread = muClosed ? b : 0;
      double c = v + s2 + spread;
      double r = m - mean;
      if (!(s2 > 0) || !Double.isFinite(c) || !Double.isFinite(r)) {
        return false;
      }
      values[0] = -0.5 * r * r / c - 0.5 * Math.log(c) - HALF_LOG_TWO_PI;
      values[1] = m - v * r / c;
      values[2] = v - v * v / c;
      values[3] = mean + spread * r / c;
      values[4] = spread - spread * spread / c;
      return true;
    }
  }

  private Projection grid(FactorTask task) {
    AdaptiveQuadrature.Nodes nodes =
        AdaptiveQuadrature.integrate(
            z -> {
              double value = drawnValue(z);
              return Double.isNaN(value)
                  ? Double.NEGATIVE_INFINITY
                  : distribution.logDensity(value, hyper(z));
            },
            task.cavity(),
            task.current(),
            variables.size() <= 3 ? ORDER_3D : ORDER_4D,
            PASSES);
    if (nodes == null) {
      return null;
    }
    GaussianMessage[] moments = new GaussianMessage[variables.size()];
    for (int j = 0; j < moments.length; j++) {
      moments[j] = GaussianMessage.ofMoments(nodes.mean[j], nodes.covariance[j][j]);
    }
    return new Projection(moments, nodes.logNormalizer);
  }
}

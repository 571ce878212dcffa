package org.graphfit.ep;

import java.util.List;
import org.graphfit.prior.GaussianPrior;
import org.graphfit.prior.LatentGaussianPrior;
import org.graphfit.prior.LogGaussianPrior;
import org.graphfit.prior.Prior;

/**
 * The prior of one variable as an EP factor: its density in latent space, {@code
 * prior.latentLogDensity(z)}. Gaussian, log-Gaussian and latent-Gaussian priors are exactly
 * Gaussian in latent space, so their message is set once and stays {@link UpdateStatus#FIXED};
 * other priors are updated by 1-D adaptive Gauss–Hermite quadrature of prior times cavity, which is
 * exact up to the quadrature error. A cavity with negative precision is not used (the tilted
 * density may not be integrable).
 */
final class PriorFactor implements EpFactor {
  private static final int ORDER = 32;
  private static final int PASSES = 4;

  private final String name;
  private final int variable;
  private final Prior prior;
  private final GaussianMessage exact;

  PriorFactor(String name, int variable, Prior prior) {
    this.name = name;
    this.variable = variable;
    this.prior = prior;
    this.exact = exactMessage(prior);
  }

  /**
   * The exact latent message of a Gaussian, log-Gaussian or latent-Gaussian prior, or null for
   * other priors.
   */
  static GaussianMessage exactMessage(Prior prior) {
    if (prior instanceof GaussianPrior || prior instanceof LogGaussianPrior) {
      double sigma = prior.arguments().get("sigma");
      return GaussianMessage.ofMoments(prior.arguments().get("mean"), sigma * sigma);
    }
    if (prior instanceof LatentGaussianPrior latent) {
      double sigma = latent.arguments().get("latent_sigma");
      return GaussianMessage.ofMoments(latent.arguments().get("latent_mean"), sigma * sigma);
    }
    return null;
  }

  /**
   * Whether the message is exact and never updated.
   *
   * @return true for Gaussian, log-Gaussian and latent-Gaussian priors
   */
  @Override
  public boolean isFixed() {
    return exact != null;
  }

  @Override
  public boolean isPrior() {
    return true;
  }

  /**
   * Whether the factor needs a proper cavity: every prior factor updated by quadrature does.
   *
   * @return true unless the factor is exact
   */
  @Override
  public boolean needsProperCavity() {
    return !isFixed();
  }

  @Override
  public GaussianMessage[] initialMessages() {
    return new GaussianMessage[] {initialMessage()};
  }

  /**
   * The message to start from: the exact one, or the Gaussian with the latent prior's own moments.
   *
   * @return a proper message
   */
  GaussianMessage initialMessage() {
    return exact != null ? exact : latentApproximation(prior, name);
  }

  /**
   * The Gaussian with a prior's latent moments (by quadrature; exact for Gaussian and log-Gaussian
   * priors).
   *
   * @param prior the prior
   * @param name what to call it in an error
   * @return a proper message
   */
  static GaussianMessage latentApproximation(Prior prior, String name) {
    GaussianMessage exact = exactMessage(prior);
    if (exact != null) {
      return exact;
    }
    GaussianMessage wide = GaussianMessage.ofMoments(prior.toLatent(prior.median()), 1);
    AdaptiveQuadrature.Nodes nodes =
        AdaptiveQuadrature.integrate(
            z -> prior.latentLogDensity(z[0]),
            new GaussianMessage[] {GaussianMessage.UNIFORM},
            new GaussianMessage[] {wide},
            ORDER,
            2 * PASSES);
    if (nodes == null) {
      throw new IllegalStateException(
          name + " has no finite latent density near its median; check the prior's arguments");
    }
    return GaussianMessage.ofMoments(nodes.mean[0], nodes.covariance[0][0]);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Integer> variables() {
    return List.of(variable);
  }

  @Override
  public FactorResult update(FactorTask task) {
    long start = System.nanoTime();
    GaussianMessage cavity = task.cavity()[0];
    if (exact != null) {
      return new FactorResult(
          task.factor(),
          UpdateStatus.FIXED,
          null,
          null,
          Double.NaN,
          null,
          FactorResult.Fit.QUADRATURE,
          "exact message",
          seconds(start));
    }
    if (cavity.precision() < 0) {
      return FactorResult.failed(
          task,
          UpdateStatus.IMPROPER_CAVITY,
          FactorResult.Fit.QUADRATURE,
          "cavity " + cavity,
          seconds(start));
    }
    try {
      AdaptiveQuadrature.Nodes nodes =
          AdaptiveQuadrature.integrate(
              z -> prior.latentLogDensity(z[0]),
              new GaussianMessage[] {cavity},
              task.current(),
              ORDER,
              PASSES);
      if (nodes == null) {
        return FactorResult.failed(
            task,
            UpdateStatus.NON_FINITE_MOMENTS,
            FactorResult.Fit.QUADRATURE,
            "no finite quadrature weight",
            seconds(start));
      }
      GaussianMessage moments = GaussianMessage.ofMoments(nodes.mean[0], nodes.covariance[0][0]);
      return new FactorResult(
          task.factor(),
          UpdateStatus.OK,
          new GaussianMessage[] {moments},
          null,
          nodes.logNormalizer,
          null,
          FactorResult.Fit.QUADRATURE,
          "",
          seconds(start));
    } catch (RuntimeException e) {
      return FactorResult.failed(
          task, UpdateStatus.FAILED, FactorResult.Fit.QUADRATURE, e.toString(), seconds(start));
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) * 1e-9;
  }
}

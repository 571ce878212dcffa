package org.graphfit.ep;

import java.util.List;

/**
 * EP's convergence criterion, applied after every sweep.
 *
 * <p>The criterion measures how far each factor is from its fixed point, not how far the damped
 * approximation moved: for every update, the KL divergence of the global approximation the undamped
 * update would give (the cavity times the undamped new message: the projection of the tilted
 * distribution itself) from the approximation the update started from ({@link
 * EpUpdate#residual()}). It is zero only at a fixed point, and it does not depend on the damping:
 * at a given approximation every damping gives the same residuals, so a heavy damping that barely
 * moves the approximation cannot pass for convergence (the KL between damped sweeps shrinks like
 * {@code (1 - damping)²}).
 *
 * <p>A sweep converges when no update failed and its largest residual is below the tolerance
 * ({@link Convergence#CONVERGED}), or when, in it and in the sweep before, the residual was below
 * the noise floor of the sampled updates and no longer shrinking ({@link
 * Convergence#CONVERGED_TO_NOISE_FLOOR}). A sampled projection is noisy: at EP's fixed point its
 * residual is the KL divergence between two noisy Gaussians, whose expected size is of the order of
 * the sampler's noise ({@link FactorResult#noise()}), and deterministic factors of the same
 * variables, and factors whose tilted distribution depends strongly on a noisy cavity, inherit it
 * through the approximation. The floor of a sweep is {@value #NOISE_FLOOR_FACTOR} times the largest
 * noise of its sampled updates: at the fixed point the largest residual was 0.3 to 11 times the
 * largest noise on the hierarchical example, the seed example and a bimodal toy with nested
 * sampling per factor (see {@code docs/ep.md}). As an approach to a fixed point shrinks the
 * residual by a steady factor per sweep while noise makes it fluctuate around a level, the residual
 * must also be at least {@value #STALL_RATIO} of the previous sweep's: a fit still converging
 * geometrically carries on until its tolerance or its floor is met with the residual levelled off.
 * Away from a fixed point the residual does not depend on the sampler's noise, so more live points
 * lower the floor and sharpen the test.
 */
final class ConvergenceCriterion {
  /** The noise floor over the largest expected sampling noise of a sweep's projections. */
  static final double NOISE_FLOOR_FACTOR = 10;

  /**
   * The smallest ratio of a sweep's residual to the previous sweep's at which the residual counts
   * as no longer shrinking.
   */
  static final double STALL_RATIO = 0.5;

  private final double tolerance;
  private final boolean toNoiseFloor;

  /**
   * A criterion.
   *
   * @param tolerance the largest residual of a converged sweep
   * @param toNoiseFloor whether a sweep may also converge to its noise floor
   */
  ConvergenceCriterion(double tolerance, boolean toNoiseFloor) {
    this.tolerance = tolerance;
    this.toNoiseFloor = toNoiseFloor;
  }

  /**
   * The residual that sampling noise alone explains in a sweep.
   *
   * @param largestNoise the largest expected sampling noise of a projection in the sweep, 0 if none
   *     was sampled
   * @return the floor, 0 without sampled updates
   */
  double noiseFloor(double largestNoise) {
    return NOISE_FLOOR_FACTOR * largestNoise;
  }

  /**
   * Whether a deterministic update's residual is explained: below the tolerance, or within the
   * noise floor of the sampling noise its cavity inherits.
   *
   * @param residual the update's residual
   * @param inheritedNoise the noise its cavity inherits from sampled factors, 0 if none
   * @return true if explained
   */
  boolean within(double residual, double inheritedNoise) {
    return residual < tolerance || residual <= noiseFloor(inheritedNoise);
  }

  /**
   * The verdict after the last of the sweeps done.
   *
   * @param sweeps the summaries of every sweep so far, the last one just done
   * @return how the fit stands after it
   */
  Convergence verdict(List<EpSweep> sweeps) {
    EpSweep last = sweeps.get(sweeps.size() - 1);
    if (last.failing() > 0 || !(last.residual() >= 0)) {
      return Convergence.NOT_CONVERGED;
    }
    if (last.residual() < tolerance) {
      return Convergence.CONVERGED;
    }
    if (toNoiseFloor
        && sweeps.size() >= 3
        && levelledWithinFloor(sweeps, sweeps.size() - 1)
        && levelledWithinFloor(sweeps, sweeps.size() - 2)) {
      return Convergence.CONVERGED_TO_NOISE_FLOOR;
    }
    return Convergence.NOT_CONVERGED;
  }

  /**
   * Whether sweep {@code i} had no failing update, every residual explained by noise ({@link
   * EpSweep#withinNoiseFloor()}) and a largest residual at least {@value #STALL_RATIO} of the
   * previous sweep's.
   */
  private static boolean levelledWithinFloor(List<EpSweep> sweeps, int i) {
    EpSweep sweep = sweeps.get(i);
    return sweep.failing() == 0
        && sweep.withinNoiseFloor()
        && sweep.residual() >= STALL_RATIO * sweeps.get(i - 1).residual();
  }
}

package org.graphfit.ep;

/** How an EP fit ended. */
public enum Convergence {
  /**
   * A sweep with no failing update ended with every factor within the tolerance of its undamped
   * update: a fixed point of EP.
   */
  CONVERGED,
  /**
   * A sweep with no failing update ended with every factor within the noise floor of its undamped
   * update, a floor above the tolerance that the sampled factors' moment standard errors explain
   * (see {@link ExpectationPropagation}): a fixed point up to sampling noise. {@link
   * EpResult#noiseFloor()} gives the floor.
   */
  CONVERGED_TO_NOISE_FLOOR,
  /** EP stopped after its maximum number of sweeps without meeting either test. */
  NOT_CONVERGED;

  /**
   * Whether this is one of the converged outcomes.
   *
   * @return true unless {@link #NOT_CONVERGED}
   */
  public boolean converged() {
    return this != NOT_CONVERGED;
  }
}

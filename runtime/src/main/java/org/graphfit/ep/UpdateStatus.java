package org.graphfit.ep;

/** What happened to one factor's message in one sweep. */
public enum UpdateStatus {
  /** The message was replaced by the damped projection. */
  OK,
  /** The message is exact and fixed (a Gaussian or log-Gaussian prior); nothing to update. */
  FIXED,
  /** The cavity was improper, so the tilted distribution was not formed; the message was kept. */
  IMPROPER_CAVITY,
  /** The factor's fit threw, returned no finite likelihood or failed; the message was kept. */
  FAILED,
  /** The tilted moments were not finite or had non-positive variance; the message was kept. */
  NON_FINITE_MOMENTS,
  /** The new message would have made a variable's global approximation improper; it was kept. */
  IMPROPER_RESULT,
  /**
   * The analysis factor's fit failed too often with no success between and is no longer updated; it
   * keeps its last message. Only a factor's final status, never an update's.
   */
  EXCLUDED;

  /**
   * Whether this status means the factor's message was not updated: every status but {@link #OK}
   * and {@link #FIXED}. An update with such a status blocks convergence in its sweep.
   *
   * @return true if the factor is failing
   */
  public boolean isFailing() {
    return this != OK && this != FIXED;
  }
}

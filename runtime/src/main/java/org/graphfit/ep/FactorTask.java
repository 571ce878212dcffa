package org.graphfit.ep;

import java.io.Serializable;
import java.util.Objects;

/**
 * One factor update to compute: which factor, its cavity messages over its variables (in the
 * factor's variable order), the current global approximation over the same variables (a warm start)
 * the seed of any randomness, whether an analysis factor is to be fitted by EP's fallback sampler
 * and whether its Laplace fit is to be checked. Serializable, so that a distributed {@link
 * FactorExecutor} can ship it to a worker.
 *
 * @param factor the factor's id, its index in {@link ExpectationPropagation}'s factor list
 * @param sweep the sweep number, from 1
 * @param seed the seed derived from the run's seed, the sweep and the factor
 * @param cavity the cavity message of each of the factor's variables
 * @param current the global approximation of each of the factor's variables, always proper
 * @param fallback whether an analysis factor without its own sampler is fitted by the fallback
 *     sampler instead of a Laplace approximation, because an earlier Laplace fit of it failed its
 *     check ({@link LaplaceMismatch#SAMPLE}); ignored by other factors
 * @param check whether an analysis factor's Laplace fit is to be checked against its tilted density
 *     ({@link LaplaceCheck}): the driver asks for it unless the factor passed a check at a cavity
 *     close to this one; ignored by other factors
 */
public record FactorTask(
    int factor,
    int sweep,
    long seed,
    GaussianMessage[] cavity,
    GaussianMessage[] current,
    boolean fallback,
    boolean check)
    implements Serializable {
  /** Checks the arrays. */
  public FactorTask {
    Objects.requireNonNull(cavity, "cavity");
    Objects.requireNonNull(current, "current");
    if (cavity.length != current.length) {
      throw new IllegalArgumentException("cavity and current approximation differ in length");
    }
  }
}

package org.graphfit.ep;

import java.util.List;

/**
 * One factor of the EP approximation: a function of a few latent variables that can compute the
 * Gaussian projection of its tilted distribution, {@code f(z) · cavity(z)}. Implementations are
 * immutable and safe to call from several threads.
 */
public interface EpFactor {
  /**
   * The factor's name, e.g. {@code dataset_3} or {@code prior:dataset_3.centre}.
   *
   * @return the name
   */
  String name();

  /**
   * The factor's variables: indices into the graph's free parameters, in the order of {@link
   * FactorTask#cavity()}.
   *
   * @return the variable indices
   */
  List<Integer> variables();

  /**
   * Whether the factor includes the prior of its {@code k}-th variable itself, which happens when
   * no other factor contains that variable: its cavity is then flat and contributes nothing to the
   * factor's normaliser or to the EP evidence.
   *
   * @param k a position in {@link #variables()}
   * @return false unless the factor includes that prior
   */
  default boolean ownsPrior(int k) {
    return false;
  }

  /**
   * Computes the update. Implementations never throw: failures are reported as a status.
   *
   * @param task the cavity and seed
   * @return the projection and status
   */
  FactorResult update(FactorTask task);
}

package org.graphfit.ep;

import java.util.Arrays;
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
   * Whether the factor is a variable's prior.
   *
   * @return false unless it is a prior factor
   */
  default boolean isPrior() {
    return false;
  }

  /**
   * Whether the factor's message is exact from the start and never updated (a Gaussian or
   * log-Gaussian prior).
   *
   * @return false unless the factor is exact
   */
  default boolean isFixed() {
    return false;
  }

  /**
   * Whether the factor's update needs a proper cavity of its variable: a prior factor updated by
   * quadrature normalises its bounded, exponentially-tailed latent density against it, so other
   * factors' messages of negative precision to that variable may be set flat (see {@link
   * #mayFlattenNegativeMessages()}).
   *
   * @return false unless the factor needs a proper cavity
   */
  default boolean needsProperCavity() {
    return false;
  }

  /**
   * Whether the factor's message of negative precision to a variable whose prior factor {@link
   * #needsProperCavity()} is set flat instead of applied.
   *
   * @return false unless the factor is an analysis factor
   */
  default boolean mayFlattenNegativeMessages() {
    return false;
  }

  /**
   * Whether the factor is excluded after repeated failures of its own fit (see {@link
   * ExpectationPropagation.Builder#maxFailures(int)}).
   *
   * @return false unless the factor is an analysis factor
   */
  default boolean isExcludable() {
    return false;
  }

  /**
   * Whether the factor is a hierarchy's factor of one drawn parameter, updated after the analysis
   * factors in doubling blocks ({@link SweepSchedule}).
   *
   * @return false unless the factor belongs to a hierarchy
   */
  default boolean isHierarchical() {
    return false;
  }

  /**
   * The messages the factor starts from, one per variable; flat unless the factor says otherwise.
   *
   * @return new messages, one per variable
   */
  default GaussianMessage[] initialMessages() {
    GaussianMessage[] initial = new GaussianMessage[variables().size()];
    Arrays.fill(initial, GaussianMessage.UNIFORM);
    return initial;
  }

  /**
   * Computes the update. Implementations never throw: failures are reported as a status.
   *
   * @param task the cavity and seed
   * @return the projection and status
   */
  FactorResult update(FactorTask task);
}

package org.graphfit.analysis;

/**
 * The log-likelihood of one dataset given an instance of the model: the only code a user writes for
 * a fit besides the model component. It is called once per likelihood evaluation, possibly from
 * several threads at once, so it must not mutate shared state.
 *
 * @param <T> the type of instance the model produces
 */
@FunctionalInterface
public interface Analysis<T> {
  /**
   * The natural logarithm of the likelihood of the data given {@code instance}. Returning NaN or
   * throwing counts as a likelihood of zero; searches count and report such points.
   *
   * @param instance the model instance
   * @return the log-likelihood
   */
  double logLikelihood(T instance);
}

package org.graphfit.analysis;

import java.util.List;
import java.util.Optional;

/**
 * The log-likelihood of one dataset given an instance of the model: the only code a user writes for
 * a fit besides the model component. It is called once per likelihood evaluation, possibly from
 * several threads at once, so it must not mutate shared state.
 *
 * <p><b>Hooks.</b> A fit with an output folder also calls the hooks below, which do nothing by
 * default: {@link #saveData(FitPaths)} before the search starts, {@link #visualize(FitPaths,
 * Object, FitStage)} while it runs (at the search's interval, with the best instance so far) and
 * once at the end (with the maximum-likelihood instance). A factor of a graph gets its own folder.
 * A hook that throws is logged and recorded in the fit's {@code files/hooks.json}; the fit goes on,
 * and its result is the same with and without hooks.
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

  /**
   * What identifies this analysis's data: a digest of everything besides the model that determines
   * the likelihood (values, noise, masks, settings), e.g. {@link Dataset1D#identity()}. It enters
   * the identifier of every fit with an output folder and the identity of a graph factor, so that a
   * fit of other data never loads or resumes a fit of these.
   *
   * <p>Override it in every analysis whose fits write output. Without one (the default), fits are
   * told apart by model, settings and tag only: fitting other data with the same model and settings
   * into the same output name loads the earlier data's completed fit, or resumes its checkpoint,
   * and a warning naming the class is logged once.
   *
   * @return the identity, or empty if the analysis states none
   */
  default Optional<DataIdentity> dataIdentity() {
    return Optional.empty();
  }

  /**
   * The quantities computed from every posterior sample's instance after the fit (PyAutoFit's
   * latent variables): written to {@code files/latent.csv} and {@code files/latent_summary.json}
   * and summarized in the result. None by default.
   *
   * @return the quantities, with distinct names
   */
  default List<DerivedQuantity<T>> derivedQuantities() {
    return List.of();
  }

  /**
   * Saves what a reader of the output needs besides the result, e.g. the data under {@link
   * FitPaths#dataset()}; called once before the search starts (again when a fit resumes).
   *
   * @param paths where to write
   */
  default void saveData(FitPaths paths) {}

  /**
   * Draws or saves pictures of an instance, e.g. the data with the model under {@link
   * FitPaths#image()}. {@link FitStage#DURING} calls come from a thread of their own, one at a
   * time, while likelihoods are evaluated elsewhere: read the analysis's data, never change it.
   *
   * @param paths where to write
   * @param instance the best instance so far ({@link FitStage#DURING}) or the result's
   *     maximum-likelihood instance ({@link FitStage#FINAL})
   * @param stage when the call happens
   */
  default void visualize(FitPaths paths, T instance, FitStage stage) {}
}

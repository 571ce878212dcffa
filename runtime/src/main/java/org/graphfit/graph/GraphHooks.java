package org.graphfit.graph;

import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.model.CollectionInstance;

/**
 * The combined hooks of a {@link FactorGraph}'s joint fit, called once per stage into the fit's
 * folder after every factor's own {@link org.graphfit.analysis.Analysis} hooks have been called
 * into the factor's folder (PyAutoFit's {@code visualize_combined}). Set with {@link
 * FactorGraph#hooks(GraphHooks)}; both methods do nothing by default. Failures are logged and
 * recorded like those of any hook, and the fit goes on.
 */
public interface GraphHooks {
  /**
   * Draws or saves pictures of the whole graph's instance, e.g. every dataset with its fit in one
   * picture under {@link FitPaths#image()}. Read a factor's instance with {@link
   * FactorKey#instanceIn(CollectionInstance)}.
   *
   * @param paths the fit's folder
   * @param instance the best instance so far ({@link FitStage#DURING}) or the joint
   *     maximum-likelihood instance ({@link FitStage#FINAL})
   * @param stage when the call happens
   */
  default void visualize(FitPaths paths, CollectionInstance instance, FitStage stage) {}

  /**
   * Saves what the joint result adds, after the factors' folders are written and before the report.
   * Writing {@code report.html} here replaces the default report (e.g. by one with the simulation's
   * true values).
   *
   * @param paths the fit's folder
   * @param result the joint result
   */
  default void saveResults(FitPaths paths, GraphResult result) {}
}

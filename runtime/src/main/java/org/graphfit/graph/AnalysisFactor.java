package org.graphfit.graph;

import java.util.Objects;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.model.Model;
import org.graphfit.search.NonLinearSearch;

/**
 * One node of a factor graph: a model paired with the analysis of one dataset, optionally named and
 * with its own search (used when the factor is fitted on its own, e.g. by expectation propagation).
 * Immutable; the {@code with} methods return copies.
 *
 * @param <T> the model's instance type
 */
public final class AnalysisFactor<T> {
  private final Model<T> model;
  private final Analysis<T> analysis;
  private final String name;
  private final NonLinearSearch search;

  private AnalysisFactor(
      Model<T> model, Analysis<T> analysis, String name, NonLinearSearch search) {
    this.model = Objects.requireNonNull(model, "model");
    this.analysis = Objects.requireNonNull(analysis, "analysis");
    this.name = name;
    this.search = search;
  }

  /**
   * A factor of a model and its analysis.
   *
   * @param model the model
   * @param analysis the likelihood of one dataset
   * @param <T> the instance type
   * @return the factor, unnamed (the graph names it {@code factor_<i>}) and without its own search
   */
  public static <T> AnalysisFactor<T> of(Model<T> model, Analysis<T> analysis) {
    return new AnalysisFactor<>(model, analysis, null, null);
  }

  /**
   * A copy with a name, used in parameter paths, descriptions and pictures.
   *
   * @param name an identifier such as {@code dataset_0}
   * @return the copy
   */
  public AnalysisFactor<T> named(String name) {
    return new AnalysisFactor<>(model, analysis, Objects.requireNonNull(name, "name"), search);
  }

  /**
   * A copy with its own search, which expectation propagation uses for this factor's updates
   * instead of its sampler or Laplace fit: any {@link org.graphfit.search.ProblemSearch} (the
   * built-in searches) without an output folder, with its settings, reseeded for every update and
   * on its own threads. Expectation propagation refuses any other search, and one with an output
   * folder, when its fit is built. A joint fit of the graph fits every factor with the one search
   * it is given; the factor's own search then only enters its {@link #identity()}.
   *
   * @param search the search
   * @return the copy
   */
  public AnalysisFactor<T> withSearch(NonLinearSearch search) {
    return new AnalysisFactor<>(model, analysis, name, Objects.requireNonNull(search, "search"));
  }

  /**
   * The model.
   *
   * @return the model
   */
  public Model<T> model() {
    return model;
  }

  /**
   * The analysis.
   *
   * @return the analysis
   */
  public Analysis<T> analysis() {
    return analysis;
  }

  /**
   * The name, if one was given.
   *
   * @return the name
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The factor's own search, if one was given.
   *
   * @return the search
   */
  public Optional<NonLinearSearch> search() {
    return Optional.ofNullable(search);
  }

  /**
   * What this factor is, independently of its name and graph: its model's structure, its data
   * identity and its own search's settings (see {@link FactorIdentity}). Computed on each call, so
   * it follows changes to the model.
   *
   * @return the identity
   */
  public FactorIdentity identity() {
    return FactorIdentity.of(this);
  }
}

package org.graphfit.ep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.model.ModelLayout;

/**
 * An analysis factor's EP factor without its model and data, small and serializable, so that
 * another JVM can rebuild it: what the graph fixes about it on the driver (its id, its position
 * among the graph's analysis factors, its name, variables and their paths, which priors it includes
 * and which marginal terms it estimates) and its identity. A worker rebuilds the same {@link
 * AnalysisFactor} from the same code and data and calls {@link #rebuild}, which checks that the
 * factor it makes has the driver's identity: the same model, priors, data (where the analysis
 * states its {@link org.graphfit.analysis.Analysis#dataIdentity()}) and fitting engine. A
 * distributed {@link FactorExecutor} ships these instead of rebuilding the whole graph on every
 * worker.
 */
public final class PortableFactor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int factor;
  private final int index;
  private final String name;
  private final ArrayList<Integer> variables;
  private final ArrayList<String> paths;
  private final boolean[] ownPrior;
  private final boolean[] marginalTerms;
  private final String identity;

  private PortableFactor(int factor, int index, LikelihoodFactor<?> likelihood) {
    this.factor = factor;
    this.index = index;
    this.name = likelihood.name();
    this.variables = new ArrayList<>(likelihood.variables());
    this.paths = new ArrayList<>(likelihood.names());
    this.ownPrior = new boolean[variables.size()];
    this.marginalTerms = new boolean[variables.size()];
    for (int k = 0; k < ownPrior.length; k++) {
      ownPrior[k] = likelihood.ownsPrior(k);
      marginalTerms[k] = likelihood.estimatesMarginalTerm(k);
    }
    this.identity = PortableIdentity.of(likelihood);
  }

  /**
   * The analysis factors of an EP factor list ({@link ExpectationPropagation#factorsOf}), in factor
   * order; the {@code i}-th is the graph's {@code i}-th analysis factor. Prior and hierarchical
   * factors have no portable form: they are cheap and stay with the driver.
   *
   * @param factors the factors, indexed by id
   * @return the portable analysis factors
   */
  public static List<PortableFactor> of(List<? extends EpFactor> factors) {
    List<PortableFactor> portable = new ArrayList<>();
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f) instanceof LikelihoodFactor<?> likelihood) {
        portable.add(new PortableFactor(f, portable.size(), likelihood));
      }
    }
    return portable;
  }

  /**
   * The factor's id, its index in the EP factor list.
   *
   * @return the id
   */
  public int factor() {
    return factor;
  }

  /**
   * The factor's position among the graph's analysis factors ({@code FactorGraph.factors()}).
   *
   * @return the index
   */
  public int index() {
    return index;
  }

  /**
   * The factor's name, e.g. {@code dataset_3}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The factor's identity on the driver: digests of its structure, its model (parameters, priors,
   * fixed values, constraints), the graph's identity of its analysis factor (model, data identity,
   * own search; marked {@code -unstated} when the analysis states no data identity) and its fitting
   * engine with its settings.
   *
   * @return the identity
   */
  public String identity() {
    return identity;
  }

  /**
   * The EP factor of an analysis factor rebuilt on another JVM, equal to the driver's.
   *
   * @param analysisFactor the graph's analysis factor at {@link #index()}, made from the same code
   *     and data as the driver's
   * @param settings the expectation propagation whose sampler fits analysis factors without their
   *     own search, the driver's settings
   * @return the factor, whose updates equal those of the driver's factor
   * @throws IllegalStateException if the rebuilt factor differs from the driver's: another name,
   *     number of free parameters, model, priors, data or fitting engine
   */
  public EpFactor rebuild(AnalysisFactor<?> analysisFactor, ExpectationPropagation settings) {
    Objects.requireNonNull(analysisFactor, "analysisFactor");
    Objects.requireNonNull(settings, "settings");
    String given = analysisFactor.name().orElse(name);
    if (!given.equals(name)) {
      throw new IllegalStateException(
          "analysis factor "
              + index
              + " is '"
              + name
              + "' on the driver but was rebuilt as '"
              + given
              + "'; rebuild the graph's factors in the same order");
    }
    return rebuildTyped(analysisFactor, settings);
  }

  private <T> EpFactor rebuildTyped(
      AnalysisFactor<T> analysisFactor, ExpectationPropagation settings) {
    ModelLayout<T> layout = analysisFactor.model().layout();
    int parameters = layout.priorCount();
    if (parameters != variables.size()) {
      throw new IllegalStateException(
          "'"
              + name
              + "' was rebuilt with "
              + parameters
              + " free parameters but has "
              + variables.size()
              + " on the driver; build the same model with the same priors");
    }
    LikelihoodFactor<?> rebuilt =
        LikelihoodFactor.of(
            name,
            variables,
            paths,
            ownPrior,
            marginalTerms,
            layout,
            analysisFactor,
            settings.sampler(),
            settings.laplaceMismatch(),
            settings.laplaceFallback());
    String found = PortableIdentity.of(rebuilt);
    if (!found.equals(identity)) {
      throw new IllegalStateException(
          "'"
              + name
              + "' was rebuilt with another "
              + String.join(" and another ", PortableIdentity.differences(identity, found))
              + " than the driver's (identity "
              + found
              + " instead of "
              + identity
              + "); rebuild it from the same code, data and expectation propagation settings");
    }
    // as on the driver: sampled updates return their samples for keepSearchOutput
    return settings.settings().keepSearchOutput() ? rebuilt.keepingSamples() : rebuilt;
  }

  @Override
  public String toString() {
    return "PortableFactor[" + factor + " " + name + " " + identity + "]";
  }
}

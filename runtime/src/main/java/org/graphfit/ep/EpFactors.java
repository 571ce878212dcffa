package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.graph.VariableRoles;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;

/**
 * Builds the EP factors of a graph. Each free parameter's prior is a factor, except for a parameter
 * contained in exactly one {@link AnalysisFactor} and no hierarchy, whose prior that analysis
 * factor includes in its fit; each {@link AnalysisFactor} is a factor over its model's free
 * parameters; each {@link HierarchicalFactor} is split into one factor per drawn parameter over
 * that parameter and the free hyper-parameters (see the package description).
 */
final class EpFactors {
  private EpFactors() {}

  /**
   * The EP factors of a graph, indexed by factor id; see {@link
   * ExpectationPropagation#factorsOf(FactorGraph)}.
   *
   * @param graph the graph
   * @param layout its layout
   * @param settings how analysis factors are fitted and whether they estimate marginal terms
   * @return the factors
   */
  static List<EpFactor> of(
      FactorGraph graph, ModelLayout<CollectionInstance> layout, EpSettings settings) {
    List<String> paths = layout.freeParameterPaths();
    ToIntFunction<Parameter> indexOf = layout::indexOf;
    // A variable in exactly one analysis factor and no hierarchy is that factor's own: its prior
    // goes into the factor's fit instead of a prior factor of its own.
    VariableRoles roles = graph.variableRoles(layout);
    boolean[] own = new boolean[layout.priorCount()];
    boolean[] inHierarchy = new boolean[layout.priorCount()];
    for (int v = 0; v < own.length; v++) {
      own[v] = roles.isOwn(v);
      inHierarchy[v] = roles.inHierarchy(v);
    }
    List<EpFactor> factors = new ArrayList<>();
    for (int v = 0; v < layout.priorCount(); v++) {
      if (!own[v]) {
        factors.add(new PriorFactor("prior:" + paths.get(v), v, layout.prior(v)));
      }
    }
    for (FactorKey<?> key : graph.factors()) {
      factors.add(likelihood(settings, indexOf, paths, own, inHierarchy, key.name(), key.factor()));
    }
    for (HierarchicalFactor hierarchy : graph.hierarchicalFactors()) {
      List<Parameter> hyper = hierarchy.hyperParameters();
      int[] hyperVariables = new int[hyper.size()];
      Prior[] hyperPriors = new Prior[hyper.size()];
      double[] fixed = new double[hyper.size()];
      for (int h = 0; h < hyper.size(); h++) {
        Parameter parameter = hyper.get(h);
        hyperVariables[h] = parameter.isFixed() ? -1 : indexOf.applyAsInt(parameter);
        if (parameter.isFixed()) {
          fixed[h] = parameter.fixedValue();
        } else {
          hyperPriors[h] = layout.prior(hyperVariables[h]);
        }
      }
      List<Parameter> drawn = hierarchy.drawnParameters();
      for (int i = 0; i < drawn.size(); i++) {
        if (drawn.get(i).isRelation()) {
          factors.add(
              DrawnRelation.factor(hierarchy, i, layout, hyperVariables, hyperPriors, fixed));
          continue;
        }
        int variable = indexOf.applyAsInt(drawn.get(i));
        factors.add(
            new ParentFactor(
                hierarchy.name() + "[" + i + "]",
                hierarchy.distribution(),
                variable,
                layout.prior(variable),
                hyperVariables,
                hyperPriors,
                fixed));
      }
    }
    return factors;
  }

  private static <T> EpFactor likelihood(
      EpSettings settings,
      ToIntFunction<Parameter> indexOf,
      List<String> paths,
      boolean[] own,
      boolean[] inHierarchy,
      String name,
      AnalysisFactor<T> factor) {
    ModelLayout<T> local = factor.model().layout();
    List<Integer> variables = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean[] ownPrior = new boolean[local.priorCount()];
    // a hierarchy's parent factors give no marginal terms, so its variables get no corrected
    // marginal and their terms would be wasted work
    boolean[] marginalTerms = new boolean[local.priorCount()];
    for (Parameter parameter : local.freeParameters()) {
      int index = indexOf.applyAsInt(parameter);
      ownPrior[variables.size()] = own[index];
      marginalTerms[variables.size()] = settings.correctedMarginals() && !inHierarchy[index];
      variables.add(index);
      names.add(paths.get(index));
    }
    LikelihoodFactor<T> likelihood =
        LikelihoodFactor.of(
            name,
            variables,
            names,
            ownPrior,
            marginalTerms,
            local,
            factor,
            settings.sampler(),
            settings.laplaceMismatch(),
            settings.laplaceFallback());
    return settings.keepSearchOutput() ? likelihood.keepingSamples() : likelihood;
  }
}

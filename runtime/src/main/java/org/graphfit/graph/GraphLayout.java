package org.graphfit.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;

/**
 * The checked layout of a {@link FactorGraph} with what is read of it often (each analysis factor's
 * number of free parameters and the parameters' {@link VariableRoles}), and what it was taken of
 * besides the factors' slots: the collection's models and constraints and the parameters the
 * hierarchies draw, counted in time independent of the factors, so the graph knows when to take it
 * again.
 */
final class GraphLayout {
  private final ModelLayout<CollectionInstance> layout;
  private final int[] factorPriorCounts;
  private final VariableRoles roles;
  private final int models;
  private final int constraints;
  private final long drawn;

  private GraphLayout(
      ModelLayout<CollectionInstance> layout,
      int[] factorPriorCounts,
      VariableRoles roles,
      int models,
      int constraints,
      long drawn) {
    this.layout = layout;
    this.factorPriorCounts = factorPriorCounts;
    this.roles = roles;
    this.models = models;
    this.constraints = constraints;
    this.drawn = drawn;
  }

  /**
   * Takes and checks the layout of a graph.
   *
   * @param collection the graph's model
   * @param factors its analysis factors
   * @param hierarchies its hierarchical factors
   * @return the layout
   * @throws IllegalStateException if the graph is empty, a factor has no free parameters, a drawn
   *     parameter belongs to no factor, or the model is incomplete
   */
  static GraphLayout take(
      ModelCollection collection,
      List<FactorKey<?>> factors,
      List<HierarchicalFactor> hierarchies) {
    if (factors.isEmpty()) {
      throw new IllegalStateException(
          "the factor graph is empty; add an AnalysisFactor per dataset before fitting");
    }
    ModelLayout<CollectionInstance> layout = collection.layout();
    // Free parameters of the analysis factors, by identity and by shared key: drawn parameters are
    // checked against these sets (a search of the layout per drawn parameter is quadratic).
    Set<Parameter> analysisParameters = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> analysisKeys = new HashSet<>();
    List<ModelLayout<?>> factorLayouts = new ArrayList<>(factors.size());
    int[] factorPriorCounts = new int[factors.size()];
    for (int f = 0; f < factors.size(); f++) {
      FactorKey<?> key = factors.get(f);
      ModelLayout<?> own = key.factor().model().layout();
      for (Parameter parameter : own.freeParameters()) {
        analysisParameters.add(parameter);
        parameter.sharedKey().ifPresent(analysisKeys::add);
      }
      if (own.priorCount() == 0) {
        throw new IllegalStateException(
            "factor '"
                + key.name()
                + "' has no free parameters; give one of its parameters a prior or leave the "
                + "factor out of the graph");
      }
      factorLayouts.add(own);
      factorPriorCounts[f] = own.priorCount();
    }
    for (HierarchicalFactor hierarchy : hierarchies) {
      List<Parameter> drawn = hierarchy.drawnParameters();
      if (drawn.isEmpty()) {
        throw new IllegalStateException(
            "hierarchical factor '" + hierarchy.name() + "' draws no parameters; call draw(...)");
      }
      for (int i = 0; i < drawn.size(); i++) {
        for (Parameter parameter : drawn.get(i).leaves()) {
          if ((drawn.get(i).isRelation() && parameter.isFixed())
              || analysisParameters.contains(parameter)
              || parameter.sharedKey().map(analysisKeys::contains).orElse(false)) {
            continue;
          }
          throw new IllegalStateException(
              "hierarchical factor '"
                  + hierarchy.name()
                  + "' draws parameter "
                  + i
                  + " ("
                  + drawn.get(i)
                  + ") which is not a free parameter of any analysis factor; pass the object "
                  + "returned by the model's accessor, e.g. model.centre()");
        }
      }
    }
    return new GraphLayout(
        layout,
        factorPriorCounts,
        VariableRoles.of(layout, factorLayouts, hierarchies),
        collection.models().size(),
        collection.constraints().size(),
        drawnCount(hierarchies));
  }

  /**
   * Whether the graph has grown since this layout was taken: no model, constraint or drawn
   * parameter was added.
   *
   * @param collection the graph's model
   * @param hierarchies its hierarchical factors
   * @return true if this layout is still the graph's
   */
  boolean isCurrent(ModelCollection collection, List<HierarchicalFactor> hierarchies) {
    return models == collection.models().size()
        && constraints == collection.constraints().size()
        && drawn == drawnCount(hierarchies);
  }

  private static long drawnCount(List<HierarchicalFactor> hierarchies) {
    long count = 0;
    for (HierarchicalFactor hierarchy : hierarchies) {
      count += hierarchy.drawnParameters().size();
    }
    return count;
  }

  /** The layout. */
  ModelLayout<CollectionInstance> layout() {
    return layout;
  }

  /** The number of free parameters of an analysis factor's own model, by graph order. */
  int factorPriorCount(int factor) {
    return factorPriorCounts[factor];
  }

  /** The roles of the layout's free parameters. */
  VariableRoles roles() {
    return roles;
  }
}

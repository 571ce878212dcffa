package org.graphfit.graph;

import java.util.ArrayList;
import java.util.List;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;

/**
 * The roles of a {@link FactorGraph}'s free parameters: how many analysis factors contain each, and
 * whether a hierarchy draws it or has it as a free hyper-parameter. A parameter in exactly one
 * analysis factor is <em>local</em>, the others (shared by several factors, or hyper-parameters)
 * are <em>global</em>; a local parameter in no hierarchy is its factor's <em>own</em>.
 */
public final class VariableRoles {
  private final int[] analysisFactors;
  private final boolean[] inHierarchy;

  private VariableRoles(int[] analysisFactors, boolean[] inHierarchy) {
    this.analysisFactors = analysisFactors;
    this.inHierarchy = inHierarchy;
  }

  /**
   * The roles in a graph, in time linear in its parameters.
   *
   * @param graph the graph
   * @param layout its layout
   * @return the roles
   */
  static VariableRoles of(FactorGraph graph, ModelLayout<CollectionInstance> layout) {
    List<ModelLayout<?>> factorLayouts = new ArrayList<>();
    for (FactorKey<?> key : graph.factors()) {
      factorLayouts.add(key.factor().model().layout());
    }
    return of(layout, factorLayouts, graph.hierarchicalFactors());
  }

  /**
   * The roles in a graph, from its analysis factors' own layouts.
   *
   * @param layout the graph's layout
   * @param factorLayouts the layouts of its analysis factors' models
   * @param hierarchies its hierarchical factors
   * @return the roles
   */
  static VariableRoles of(
      ModelLayout<CollectionInstance> layout,
      List<ModelLayout<?>> factorLayouts,
      List<HierarchicalFactor> hierarchies) {
    int[] analysisFactors = new int[layout.priorCount()];
    for (ModelLayout<?> own : factorLayouts) {
      for (Parameter parameter : own.freeParameters()) {
        analysisFactors[layout.indexOf(parameter)]++;
      }
    }
    boolean[] inHierarchy = new boolean[layout.priorCount()];
    for (HierarchicalFactor hierarchy : hierarchies) {
      for (Parameter drawn : hierarchy.drawnParameters()) {
        // a drawn relation (joint fits only) puts its free leaves in the hierarchy
        for (Parameter parameter : drawn.leaves()) {
          if (!parameter.isFixed()) {
            inHierarchy[layout.indexOf(parameter)] = true;
          }
        }
      }
      for (Parameter parameter : hierarchy.hyperParameters()) {
        if (!parameter.isFixed()) {
          inHierarchy[layout.indexOf(parameter)] = true;
        }
      }
    }
    return new VariableRoles(analysisFactors, inHierarchy);
  }

  /**
   * Whether a parameter is global: in more than one analysis factor, or in none (a
   * hyper-parameter).
   *
   * @param index a free-parameter index
   * @return true for a global parameter
   */
  public boolean isGlobal(int index) {
    return analysisFactors[index] != 1;
  }

  /**
   * Whether a hierarchy draws the parameter or has it as a free hyper-parameter.
   *
   * @param index a free-parameter index
   * @return true for a hierarchy's parameter
   */
  public boolean inHierarchy(int index) {
    return inHierarchy[index];
  }

  /**
   * Whether the parameter is one analysis factor's own: local and in no hierarchy.
   *
   * @param index a free-parameter index
   * @return true for a factor's own parameter
   */
  public boolean isOwn(int index) {
    return !isGlobal(index) && !inHierarchy[index];
  }
}

package org.graphfit.graph;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
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
    ToIntFunction<Parameter> indexOf = indexer(layout);
    int[] analysisFactors = new int[layout.priorCount()];
    for (FactorKey<?> key : graph.factors()) {
      for (Parameter parameter : key.factor().model().layout().freeParameters()) {
        analysisFactors[indexOf.applyAsInt(parameter)]++;
      }
    }
    boolean[] inHierarchy = new boolean[layout.priorCount()];
    for (HierarchicalFactor hierarchy : graph.hierarchicalFactors()) {
      for (Parameter drawn : hierarchy.drawnParameters()) {
        // a drawn relation (joint fits only) puts its free leaves in the hierarchy
        for (Parameter parameter : drawn.leaves()) {
          if (!parameter.isFixed()) {
            inHierarchy[indexOf.applyAsInt(parameter)] = true;
          }
        }
      }
      for (Parameter parameter : hierarchy.hyperParameters()) {
        if (!parameter.isFixed()) {
          inHierarchy[indexOf.applyAsInt(parameter)] = true;
        }
      }
    }
    return new VariableRoles(analysisFactors, inHierarchy);
  }

  /**
   * The free-parameter index of a parameter of a layout: by identity first (linear scans of the
   * layout would make a pass over many factors quadratic), then by shared key.
   *
   * @param layout the graph's layout
   * @return the index of a parameter
   */
  public static ToIntFunction<Parameter> indexer(ModelLayout<CollectionInstance> layout) {
    List<Parameter> free = layout.freeParameters();
    Map<Parameter, Integer> indices = new IdentityHashMap<>();
    for (int v = 0; v < free.size(); v++) {
      indices.put(free.get(v), v);
    }
    return parameter -> {
      Integer index = indices.get(parameter);
      return index != null ? index : layout.indexOf(parameter);
    };
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

package org.graphfit.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;

/**
 * The bipartite structure of a {@link FactorGraph} for pictures: factor nodes, variable nodes (one
 * per free parameter) and the edges between them. Variables are global (linked to several factors,
 * or hyper-parameters) or local.
 *
 * @param factors the factor nodes in graph order
 * @param variables the variable nodes in free-parameter order
 * @param edges the links, each from a factor index to a variable index
 */
public record GraphStructure(
    List<FactorNode> factors, List<VariableNode> variables, List<Edge> edges) {

  /**
   * A factor node.
   *
   * @param name the factor's name
   * @param description the analysis class and model type ({@code Analysis} for a lambda), or the
   *     parent distribution
   * @param hierarchical whether it is a hierarchical factor
   */
  public record FactorNode(String name, String description, boolean hierarchical) {}

  /**
   * A variable node.
   *
   * @param path the free parameter's path: the path of its first slot
   * @param label the short label: for a local variable its path without the factor prefix; for a
   *     variable in several slots the path ending those slots share ({@code centre} for {@code
   *     dataset_0.centre} and {@code dataset_1.centre}); else the path
   * @param global whether it links several factors or is a hyper-parameter
   */
  public record VariableNode(String path, String label, boolean global) {}

  /**
   * A link between a factor and a variable.
   *
   * @param factor the factor index
   * @param variable the variable index
   */
  public record Edge(int factor, int variable) {}

  /**
   * The structure of a graph.
   *
   * @param graph the graph
   * @return its structure
   */
  public static GraphStructure of(FactorGraph graph) {
    ModelLayout<CollectionInstance> layout = graph.layout();
    List<FactorNode> factors = new ArrayList<>();
    Map<String, Integer> factorIndex = new HashMap<>();
    for (FactorKey<?> key : graph.factors()) {
      AnalysisFactor<?> factor = key.factor();
      factors.add(
          new FactorNode(
              key.name(),
              analysisName(factor.analysis()) + " / " + factor.model().typeName(),
              false));
      factorIndex.putIfAbsent(key.name(), factors.size() - 1);
    }
    for (HierarchicalFactor factor : graph.hierarchicalFactors()) {
      factors.add(new FactorNode(factor.name(), factor.distribution().familyName(), true));
      factorIndex.putIfAbsent(factor.name(), factors.size() - 1);
    }
    List<VariableNode> variables = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    VariableRoles roles = graph.variableRoles(layout);
    for (int i = 0; i < layout.priorCount(); i++) {
      String path = layout.freeParameterPaths().get(i);
      boolean global = roles.isGlobal(i);
      variables.add(
          new VariableNode(
              path,
              global
                  ? sharedLabel(layout.slotPathsOf(i), path)
                  : path.substring(path.indexOf('.') + 1),
              global));
      for (String factor : graph.linkedNodes(layout, i)) {
        edges.add(new Edge(factorIndex.get(factor), i));
      }
    }
    return new GraphStructure(List.copyOf(factors), List.copyOf(variables), List.copyOf(edges));
  }

  /** An analysis's class name, or {@code Analysis} for a lambda or an anonymous class. */
  private static String analysisName(Object analysis) {
    Class<?> type = analysis.getClass();
    return type.isHidden() || type.isSynthetic() || type.isAnonymousClass()
        ? "Analysis"
        : type.getSimpleName();
  }

  /**
   * The longest path ending, in whole segments, that all slot paths of a variable share; the path
   * itself for a variable in one slot or when the slots share no ending.
   */
  private static String sharedLabel(List<String> slotPaths, String path) {
    if (slotPaths.size() < 2) {
      return path;
    }
    String[] first = slotPaths.get(0).split("\\.");
    int common = first.length;
    for (String other : slotPaths.subList(1, slotPaths.size())) {
      String[] segments = other.split("\\.");
      int same = 0;
      while (same < common
          && same < segments.length
          && first[first.length - 1 - same].equals(segments[segments.length - 1 - same])) {
        same++;
      }
      common = same;
    }
    return common == 0
        ? path
        : String.join(".", List.of(first).subList(first.length - common, first.length));
  }

  /**
   * Graphviz DOT text: factors as boxes, variables as ellipses, global variables filled and bold.
   *
   * @return the DOT source
   */
  public String toDot() {
    StringBuilder dot = new StringBuilder("graph factor_graph {\n");
    dot.append("  graph [rankdir=TB];\n  node [fontname=\"Helvetica\"];\n");
    for (int f = 0; f < factors.size(); f++) {
      FactorNode factor = factors.get(f);
      dot.append(
          String.format(
              Locale.ROOT,
              "  f%d [label=\"%s\\n%s\", shape=box, style=filled, fillcolor=\"%s\"];%n",
              f,
              escape(factor.name()),
              escape(factor.description()),
              factor.hierarchical() ? "#e8d5f2" : "#dbe9f6"));
    }
    for (int v = 0; v < variables.size(); v++) {
      VariableNode variable = variables.get(v);
      dot.append(
          variable.global()
              ? String.format(
                  Locale.ROOT,
                  "  v%d [label=\"%s\", shape=ellipse, style=\"filled,bold\","
                      + " fillcolor=\"#f6c85f\"];%n",
                  v,
                  escape(variable.label()))
              : String.format(
                  Locale.ROOT,
                  "  v%d [label=\"%s\", shape=ellipse];%n",
                  v,
                  escape(variable.label())));
    }
    for (Edge edge : edges) {
      dot.append(String.format(Locale.ROOT, "  f%d -- v%d;%n", edge.factor(), edge.variable()));
    }
    return dot.append("}\n").toString();
  }

  /**
   * Mermaid flowchart text: factors as rectangles, variables as circles, global variables styled.
   *
   * @return the Mermaid source
   */
  public String toMermaid() {
    StringBuilder mermaid = new StringBuilder("flowchart TB\n");
    for (int f = 0; f < factors.size(); f++) {
      mermaid.append(
          String.format(Locale.ROOT, "  f%d[\"%s\"]%n", f, escape(factors.get(f).name())));
    }
    for (int v = 0; v < variables.size(); v++) {
      mermaid.append(
          String.format(Locale.ROOT, "  v%d((\"%s\"))%n", v, escape(variables.get(v).label())));
    }
    for (Edge edge : edges) {
      mermaid.append(String.format(Locale.ROOT, "  f%d --- v%d%n", edge.factor(), edge.variable()));
    }
    mermaid.append("  classDef global fill:#f6c85f,stroke:#8a6100,stroke-width:3px\n");
    mermaid.append("  classDef hierarchical fill:#e8d5f2\n");
    for (int v = 0; v < variables.size(); v++) {
      if (variables.get(v).global()) {
        mermaid.append(String.format(Locale.ROOT, "  class v%d global%n", v));
      }
    }
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f).hierarchical()) {
        mermaid.append(String.format(Locale.ROOT, "  class f%d hierarchical%n", f));
      }
    }
    return mermaid.toString();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "'");
  }
}

package org.graphfit.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ComponentModel;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelKey;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.search.NonLinearSearch;
import org.graphfit.search.Result;

/**
 * A factor graph: analysis factors (one per dataset) and hierarchical factors that share
 * parameters. Its model is the collection of the factors' models, so a parameter shared by identity
 * or by a {@code @Shared} key is one free parameter; its log likelihood is the sum over factors. A
 * parameter that appears in more than one factor is <em>global</em>, the others are <em>local</em>.
 *
 * <pre>{@code
 * FactorGraph graph = new FactorGraph();
 * List<FactorKey<Gaussian>> keys = new ArrayList<>();
 * for (int i = 0; i < datasets.size(); i++) {
 *   keys.add(graph.add(AnalysisFactor.of(GaussianModel.withDefaults(), analyses.get(i)).named("dataset_" + i)));
 * }
 * GraphResult result = graph.fit(search);
 * Gaussian first = result.factor(keys.get(0)).medianPdfInstance();
 * }</pre>
 */
public final class FactorGraph {
  private final ModelCollection collection = new ModelCollection();
  private final List<JointAnalysis.FactorTerm<?>> factors = new ArrayList<>();
  private final Set<String> factorNames = new HashSet<>();
  private final List<JointAnalysis.HierarchyTerm> hierarchies = new ArrayList<>();
  private final Map<Object, Boolean> added = new IdentityHashMap<>();
  private GraphHooks hooks = new GraphHooks() {};
  private volatile GraphLayout taken;

  /** An empty graph. */
  public FactorGraph() {}

  /**
   * Adds an analysis factor.
   *
   * @param factor the factor; unnamed factors are named {@code factor_<i>}
   * @param <T> its instance type
   * @return the key that reads its instance and result back
   * @throws IllegalArgumentException if the factor was added already or its name is taken
   */
  public <T> FactorKey<T> add(AnalysisFactor<T> factor) {
    requireNew(factor);
    String name = factor.name().orElseGet(this::unusedFactorName);
    ModelKey<T> modelKey = collection.add(name, factor.model());
    added.put(factor, Boolean.TRUE);
    FactorKey<T> key = new FactorKey<>(this, factor, modelKey);
    factors.add(new JointAnalysis.FactorTerm<>(key));
    factorNames.add(name);
    return key;
  }

  /**
   * Adds a hierarchical factor; its drawn parameters must belong to factors already added.
   *
   * @param factor the hierarchical factor
   * @throws IllegalArgumentException if it was added already or its name is taken
   */
  public void add(HierarchicalFactor factor) {
    requireNew(factor);
    HierarchyModel model = new HierarchyModel(factor);
    ModelKey<double[]> key = collection.add(factor.name(), model);
    added.put(factor, Boolean.TRUE);
    hierarchies.add(new JointAnalysis.HierarchyTerm(factor, model, key));
  }

  private void requireNew(Object factor) {
    if (added.containsKey(Objects.requireNonNull(factor, "factor"))) {
      throw new IllegalArgumentException(
          "this factor was added to the graph already; add each factor once (make a new"
              + " AnalysisFactor to fit the same model to other data)");
    }
  }

  /** The first name {@code factor_<i>} not yet used in the graph. */
  private String unusedFactorName() {
    int index = factors.size();
    while (collection.models().containsKey("factor_" + index)) {
      index++;
    }
    return "factor_" + index;
  }

  /**
   * A copy of this graph whose models hold other parameters: every analysis factor's model copied
   * through {@code mapping} (same name, analysis and own search), every hierarchical factor with
   * its hyper-parameters and drawn parameters mapped, and the same hooks. One mapping maps a
   * parameter to one new object wherever it appears, so sharing between factors, and a drawn
   * parameter being its factor's, carry over. {@code ModelFile.read(...).applyTo(graph)} uses it to
   * rebuild a graph with the priors of a fit's {@code files/model.json}.
   *
   * @param mapping the mapping, e.g. {@code ModelFile.mapping(graph.model())}
   * @return the copy
   * @throws IllegalArgumentException if a factor's model is not a generated component model (only
   *     those can be copied)
   */
  public FactorGraph copy(ParameterMapping mapping) {
    FactorGraph copy = new FactorGraph();
    for (JointAnalysis.FactorTerm<?> term : factors) {
      copy.add(copied(term.key, mapping));
    }
    for (JointAnalysis.HierarchyTerm term : hierarchies) {
      HierarchicalFactor factor = term.factor;
      HierarchicalFactor mapped =
          HierarchicalFactor.of(
                  factor.distribution(),
                  factor.hyperParameters().stream().map(mapping::apply).toArray(Parameter[]::new))
              .named(factor.name());
      factor.drawnParameters().forEach(drawn -> mapped.draw(mapping.apply(drawn)));
      copy.add(mapped);
    }
    copy.hooks = hooks;
    return copy;
  }

  private static <T> AnalysisFactor<T> copied(FactorKey<T> key, ParameterMapping mapping) {
    AnalysisFactor<T> factor = key.factor();
    if (!(factor.model() instanceof ComponentModel<T> component)) {
      throw new IllegalArgumentException(
          "factor '"
              + key.name()
              + "' has a model of type "
              + factor.model().typeName()
              + ", which cannot be copied; only generated component models (<Name>Model) can");
    }
    AnalysisFactor<T> copy =
        AnalysisFactor.of(component.copy(mapping), factor.analysis()).named(key.name());
    return factor.search().map(copy::withSearch).orElse(copy);
  }

  /**
   * Sets the combined hooks called once per stage of a joint fit with an output folder, after the
   * factors' own hooks (see {@link GraphHooks}).
   *
   * @param hooks the hooks
   * @return this graph
   */
  public FactorGraph hooks(GraphHooks hooks) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    return this;
  }

  /**
   * The combined hooks (none by default).
   *
   * @return the hooks
   */
  public GraphHooks hooks() {
    return hooks;
  }

  /**
   * Each analysis factor's sub-folder in a fit folder, by factor name in graph order: {@code
   * factors/<name>/} with the name made safe (see {@link FitPaths#factorFolders(List)}).
   *
   * @return the relative folders
   */
  public Map<String, String> factorFolders() {
    List<String> names = new ArrayList<>();
    for (JointAnalysis.FactorTerm<?> term : factors) {
      names.add(term.key.name());
    }
    List<String> folders = FitPaths.factorFolders(names);
    Map<String, String> byName = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), folders.get(i));
    }
    return byName;
  }

  /**
   * {@link #info()} followed by each analysis factor's folder, the text of a fit folder's {@code
   * graph.txt}.
   *
   * @return the text
   */
  public String infoWithFolders() {
    StringBuilder text = new StringBuilder(info());
    text.append("\nFactor folders\n");
    factorFolders()
        .forEach(
            (name, folder) ->
                text.append(String.format(Locale.ROOT, "    %-28s %s/%n", name, folder)));
    return text.toString();
  }

  /**
   * The graph's model: the collection of the factors' models, named by factor.
   *
   * @return the collection
   */
  public ModelCollection model() {
    return collection;
  }

  /**
   * The joint likelihood: the sum of every factor's log likelihood and every hierarchical factor's
   * log density. Its data identity combines each analysis factor's name and {@link
   * DataIdentity#describe data identity} with each hierarchical factor's name and {@link
   * ParentDistribution#description() family}, so the graph's fits are identified by all its data
   * and parent densities.
   *
   * @return the analysis of the collection's instances
   */
  public Analysis<CollectionInstance> analysis() {
    return new GraphAnalysis(this, List.copyOf(factors), List.copyOf(hierarchies), hooks);
  }

  /**
   * The checked layout of the graph's free parameters, taken once and kept until a factor, model,
   * constraint or drawn parameter is added: repeated calls cost nothing. Like any {@link
   * ModelLayout}, it fixes the factors' slots as they were when it was taken: set their priors and
   * shared parameters before the graph is laid out or fitted.
   *
   * @return the layout
   * @throws IllegalStateException if the graph is empty, a factor has no free parameters, a drawn
   *     parameter belongs to no factor, or the model is incomplete
   */
  public ModelLayout<CollectionInstance> layout() {
    return graphLayout().layout();
  }

  /** The layout as last taken, taken again if the graph grew since. */
  private GraphLayout graphLayout() {
    GraphLayout last = taken;
    List<HierarchicalFactor> hierarchicalFactors = hierarchicalFactors();
    if (last == null || !last.isCurrent(collection, hierarchicalFactors)) {
      last = GraphLayout.take(collection, factors(), hierarchicalFactors);
      taken = last;
    }
    return last;
  }

  /**
   * Fits the graph jointly with one search.
   *
   * @param search any search
   * @return the joint result with per-factor views
   */
  public GraphResult fit(NonLinearSearch search) {
    layout();
    Result<CollectionInstance> result = search.fit(collection, analysis());
    return new GraphResult(this, result);
  }

  /**
   * The roles of the graph's free parameters: how many analysis factors contain each, whether it is
   * global and whether a hierarchy has it.
   *
   * @param layout the graph's layout, {@link #layout()}
   * @return the roles
   */
  public VariableRoles variableRoles(ModelLayout<CollectionInstance> layout) {
    GraphLayout last = taken;
    if (last != null && last.layout() == layout) {
      return last.roles();
    }
    return VariableRoles.of(this, layout);
  }

  /**
   * The paths of the global parameters: those shared by several factors, and hyper-parameters.
   *
   * @return the paths in free-parameter order
   */
  public List<String> globalParameters() {
    ModelLayout<CollectionInstance> layout = layout();
    VariableRoles roles = variableRoles(layout);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      if (roles.isGlobal(i)) {
        paths.add(layout.freeParameterPaths().get(i));
      }
    }
    return paths;
  }

  /**
   * The paths of the local parameters: those of exactly one factor.
   *
   * @return the paths in free-parameter order
   */
  public List<String> localParameters() {
    ModelLayout<CollectionInstance> layout = layout();
    VariableRoles roles = variableRoles(layout);
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      if (!roles.isGlobal(i)) {
        paths.add(layout.freeParameterPaths().get(i));
      }
    }
    return paths;
  }

  /**
   * The analysis factors in the order they were added.
   *
   * @return their keys
   */
  public List<FactorKey<?>> factors() {
    List<FactorKey<?>> keys = new ArrayList<>();
    for (JointAnalysis.FactorTerm<?> term : factors) {
      keys.add(term.key);
    }
    return keys;
  }

  /**
   * The hierarchical factors in the order they were added.
   *
   * @return the factors
   */
  public List<HierarchicalFactor> hierarchicalFactors() {
    List<HierarchicalFactor> list = new ArrayList<>();
    for (JointAnalysis.HierarchyTerm term : hierarchies) {
      list.add(term.factor);
    }
    return list;
  }

  /**
   * A text description: factors, then global and local parameters with their priors and the factors
   * they link.
   *
   * @return the description
   */
  public String info() {
    GraphLayout laid = graphLayout();
    ModelLayout<CollectionInstance> layout = laid.layout();
    List<String> global = globalParameters();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "FactorGraph: %d analysis factors, %d hierarchical factors, %d free parameters "
                + "(%d global, %d local)%n%n",
            factors.size(),
            hierarchies.size(),
            layout.priorCount(),
            global.size(),
            layout.priorCount() - global.size()));
    text.append("Factors\n");
    for (int f = 0; f < factors.size(); f++) {
      JointAnalysis.FactorTerm<?> term = factors.get(f);
      AnalysisFactor<?> factor = term.key.factor();
      // appended piece by piece: String.format per line costs more than the rest of info()
      padded(text.append("    "), term.key.name(), 28)
          .append(' ')
          .append(factor.analysis().getClass().getSimpleName())
          .append(" of ")
          .append(factor.model().typeName())
          .append(" (N=")
          .append(laid.factorPriorCount(f))
          .append(')')
          .append(factor.search().isPresent() ? ", own search" : "")
          .append(System.lineSeparator());
    }
    for (JointAnalysis.HierarchyTerm term : hierarchies) {
      text.append(
          String.format(
              Locale.ROOT,
              "    %-28s %s drawing %d parameters%n",
              term.factor.name(),
              term.factor.distribution().description(),
              term.factor.drawnParameters().size()));
    }
    if (!layout.relations().isEmpty()) {
      text.append("\nRelations\n");
      for (Map.Entry<String, String> relation : layout.relations().entrySet()) {
        text.append(
            String.format(Locale.ROOT, "    %-40s = %s%n", relation.getKey(), relation.getValue()));
      }
    }
    VariableRoles roles = variableRoles(layout);
    for (boolean globalSection : new boolean[] {true, false}) {
      text.append(globalSection ? "\nGlobal parameters\n" : "\nLocal parameters\n");
      for (int i = 0; i < layout.priorCount(); i++) {
        if (roles.isGlobal(i) == globalSection) {
          padded(
                  text.append("    [").append(i).append("] "),
                  layout.freeParameterPaths().get(i),
                  36)
              .append(' ')
              .append(layout.prior(i))
              .append("  links ")
              .append(String.join(", ", linkedNodes(layout, i)))
              .append(System.lineSeparator());
        }
      }
    }
    return text.toString();
  }

  /** Appends a text padded with spaces to a width, as {@code %-<width>s} formats it. */
  private static StringBuilder padded(StringBuilder text, String value, int width) {
    text.append(value);
    for (int i = value.length(); i < width; i++) {
      text.append(' ');
    }
    return text;
  }

  /** The factor names of every slot of a parameter, hierarchical factors included. */
  List<String> linkedNodes(ModelLayout<CollectionInstance> layout, int index) {
    Set<String> names = new LinkedHashSet<>();
    for (String path : layout.slotPathsOf(index)) {
      names.add(path.substring(0, path.indexOf('.')));
    }
    return List.copyOf(names);
  }

  /**
   * The graph's joint analysis. Its name, {@code FactorGraph$GraphAnalysis}, is part of the data
   * identity of every joint fit, so it stays what it was when the logic lived here.
   */
  private static final class GraphAnalysis extends JointAnalysis {
    GraphAnalysis(
        FactorGraph graph,
        List<JointAnalysis.FactorTerm<?>> factorTerms,
        List<JointAnalysis.HierarchyTerm> hierarchyTerms,
        GraphHooks hooks) {
      super(graph, factorTerms, hierarchyTerms, hooks);
    }
  }
}

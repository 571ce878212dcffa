package org.graphfit.graph;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelKey;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.search.NonLinearSearch;
import org.graphfit.search.Result;
import org.graphfit.search.ResultFiles;
import org.graphfit.search.ResultSaver;

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
  private final List<FactorTerm<?>> factors = new ArrayList<>();
  private final Set<String> factorNames = new HashSet<>();
  private final List<HierarchyTerm> hierarchies = new ArrayList<>();
  private final Map<Object, Boolean> added = new IdentityHashMap<>();
  private GraphHooks hooks = new GraphHooks() {};
  private volatile TakenLayout taken;

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
    factors.add(new FactorTerm<>(key));
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
    hierarchies.add(new HierarchyTerm(factor, model, key));
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
    for (FactorTerm<?> term : factors) {
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
   * DataIdentity#describe data identity}, so the graph's fits are identified by all its data.
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
    TakenLayout last = taken;
    long drawn = drawnCount();
    if (last == null
        || last.models != collection.models().size()
        || last.constraints != collection.constraints().size()
        || last.drawn != drawn) {
      last =
          new TakenLayout(
              checkedLayout(), collection.models().size(), collection.constraints().size(), drawn);
      taken = last;
    }
    return last.layout;
  }

  /** The parameters every hierarchy draws, in all. */
  private long drawnCount() {
    long drawn = 0;
    for (HierarchyTerm term : hierarchies) {
      drawn += term.factor.drawnParameters().size();
    }
    return drawn;
  }

  /**
   * A layout and what it depends on besides the factors' slots: the collection's models and
   * constraints and the parameters the hierarchies draw, when it was taken.
   */
  private record TakenLayout(
      ModelLayout<CollectionInstance> layout, int models, int constraints, long drawn) {}

  private ModelLayout<CollectionInstance> checkedLayout() {
    if (factors.isEmpty()) {
      throw new IllegalStateException(
          "the factor graph is empty; add an AnalysisFactor per dataset before fitting");
    }
    ModelLayout<CollectionInstance> layout = collection.layout();
    // Free parameters of the analysis factors, by identity and by shared key: drawn parameters are
    // checked against these sets (a search of the layout per drawn parameter is quadratic).
    Set<Parameter> analysisParameters = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> analysisKeys = new HashSet<>();
    for (FactorTerm<?> term : factors) {
      ModelLayout<?> own = term.key.factor().model().layout();
      for (Parameter parameter : own.freeParameters()) {
        analysisParameters.add(parameter);
        parameter.sharedKey().ifPresent(analysisKeys::add);
      }
      if (own.priorCount() == 0) {
        throw new IllegalStateException(
            "factor '"
                + term.key.name()
                + "' has no free parameters; give one of its parameters a prior or leave the "
                + "factor out of the graph");
      }
    }
    for (HierarchyTerm term : hierarchies) {
      List<Parameter> drawn = term.factor.drawnParameters();
      if (drawn.isEmpty()) {
        throw new IllegalStateException(
            "hierarchical factor '" + term.factor.name() + "' draws no parameters; call draw(...)");
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
                  + term.factor.name()
                  + "' draws parameter "
                  + i
                  + " ("
                  + drawn.get(i)
                  + ") which is not a free parameter of any analysis factor; pass the object "
                  + "returned by the model's accessor, e.g. model.centre()");
        }
      }
    }
    return layout;
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
    for (FactorTerm<?> term : factors) {
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
    for (HierarchyTerm term : hierarchies) {
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
    ModelLayout<CollectionInstance> layout = layout();
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
    for (FactorTerm<?> term : factors) {
      AnalysisFactor<?> factor = term.key.factor();
      text.append(
          String.format(
              Locale.ROOT,
              "    %-28s %s of %s (N=%d)%s%n",
              term.key.name(),
              factor.analysis().getClass().getSimpleName(),
              factor.model().typeName(),
              factor.model().layout().priorCount(),
              factor.search().isPresent() ? ", own search" : ""));
    }
    for (HierarchyTerm term : hierarchies) {
      text.append(
          String.format(
              Locale.ROOT,
              "    %-28s %s drawing %d parameters%n",
              term.factor.name(),
              term.factor.distribution().familyName(),
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
          text.append(
              String.format(
                  Locale.ROOT,
                  "    [%d] %-36s %s  links %s%n",
                  i,
                  layout.freeParameterPaths().get(i),
                  layout.prior(i),
                  String.join(", ", linkedNodes(layout, i))));
        }
      }
    }
    return text.toString();
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
   * The joint likelihood of the factors and hierarchies of a graph, as they were when taken, and
   * the hooks of a joint fit: each factor's into its folder, then the graph's combined ones.
   */
  private static final class GraphAnalysis
      implements Analysis<CollectionInstance>, ResultSaver<CollectionInstance> {
    private final FactorGraph graph;
    private final List<FactorTerm<?>> factorTerms;
    private final List<HierarchyTerm> hierarchyTerms;
    private final GraphHooks hooks;
    private List<String> folders;

    GraphAnalysis(
        FactorGraph graph,
        List<FactorTerm<?>> factorTerms,
        List<HierarchyTerm> hierarchyTerms,
        GraphHooks hooks) {
      this.graph = graph;
      this.factorTerms = factorTerms;
      this.hierarchyTerms = hierarchyTerms;
      this.hooks = hooks;
    }

    @Override
    public double logLikelihood(CollectionInstance instance) {
      double sum = 0;
      for (FactorTerm<?> term : factorTerms) {
        sum += term.logLikelihood(instance);
      }
      for (HierarchyTerm term : hierarchyTerms) {
        sum += term.model.logDensity(instance.get(term.key));
      }
      return sum;
    }

    /** Every factor's quantities, named {@code <factor>.<quantity>}. */
    @Override
    public List<DerivedQuantity<CollectionInstance>> derivedQuantities() {
      List<DerivedQuantity<CollectionInstance>> quantities = new ArrayList<>();
      for (FactorTerm<?> term : factorTerms) {
        term.addQuantities(quantities);
      }
      return quantities;
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      DataIdentity.Builder identity = DataIdentity.builder();
      for (FactorTerm<?> term : factorTerms) {
        identity.add(term.key.name(), DataIdentity.describe(term.key.factor().analysis()));
      }
      return Optional.of(identity.build());
    }

    /** The factors' folders, in term order. */
    private synchronized List<String> folders() {
      if (folders == null) {
        List<String> names = new ArrayList<>();
        for (FactorTerm<?> term : factorTerms) {
          names.add(term.key.name());
        }
        folders = FitPaths.factorFolders(names);
      }
      return folders;
    }

    @Override
    public void saveData(FitPaths paths) {
      List<String> subs = folders();
      for (int i = 0; i < factorTerms.size(); i++) {
        FactorTerm<?> term = factorTerms.get(i);
        FitPaths sub = paths.child(subs.get(i));
        paths
            .hooks()
            .call(
                "saveData of factor " + term.key.name(),
                () -> term.key.factor().analysis().saveData(sub));
      }
    }

    @Override
    public void visualize(FitPaths paths, CollectionInstance instance, FitStage stage) {
      List<String> subs = folders();
      for (int i = 0; i < factorTerms.size(); i++) {
        FactorTerm<?> term = factorTerms.get(i);
        FitPaths sub = paths.child(subs.get(i));
        paths
            .hooks()
            .call(
                "visualize(" + stage + ") of factor " + term.key.name(),
                () -> term.visualize(sub, instance, stage));
      }
      paths
          .hooks()
          .call("combined visualize(" + stage + ")", () -> hooks.visualize(paths, instance, stage));
    }

    @Override
    public void saveResults(
        FitPaths paths, Result<CollectionInstance> result, ResultFiles resultFiles) {
      GraphResult joint = new GraphResult(graph, result);
      List<String> subs = folders();
      for (int i = 0; i < factorTerms.size(); i++) {
        FactorKey<?> key = factorTerms.get(i).key;
        FitPaths sub = paths.child(subs.get(i));
        sub.write("model.info", key.factor().model().layout().info());
        resultFiles.of(joint.factor(key)).forEach(sub::write);
      }
      paths.write("graph.txt", graph.infoWithFolders());
      paths.hooks().call("combined saveResults", () -> hooks.saveResults(paths, joint));
      if (!Files.exists(paths.folder().resolve("report.html"))) {
        GraphReportWriter.find()
            .ifPresent(
                writer ->
                    paths
                        .hooks()
                        .call(
                            "report", () -> writer.write(paths, joint, paths.hooks().failures())));
      }
    }
  }

  /** An analysis factor with its key, evaluating its instance out of the collection instance. */
  private static final class FactorTerm<T> {
    final FactorKey<T> key;

    FactorTerm(FactorKey<T> key) {
      this.key = key;
    }

    void visualize(FitPaths paths, CollectionInstance instance, FitStage stage) {
      key.factor().analysis().visualize(paths, instance.get(key.modelKey()), stage);
    }

    void addQuantities(List<DerivedQuantity<CollectionInstance>> quantities) {
      ModelKey<T> modelKey = key.modelKey();
      for (DerivedQuantity<T> quantity : key.factor().analysis().derivedQuantities()) {
        quantities.add(quantity.prefixed(key.name(), whole -> whole.get(modelKey)));
      }
    }

    double logLikelihood(CollectionInstance instance) {
      try {
        return key.factor().analysis().logLikelihood(instance.get(key.modelKey()));
      } catch (RuntimeException e) {
        throw new IllegalStateException("factor '" + key.name() + "': " + e, e);
      }
    }
  }

  /** A hierarchical factor with its model node and key. */
  private static final class HierarchyTerm {
    final HierarchicalFactor factor;
    final HierarchyModel model;
    final ModelKey<double[]> key;

    HierarchyTerm(HierarchicalFactor factor, HierarchyModel model, ModelKey<double[]> key) {
      this.factor = factor;
      this.model = model;
      this.key = key;
    }
  }
}

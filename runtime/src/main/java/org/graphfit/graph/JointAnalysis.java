package org.graphfit.graph;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.log.Log;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelKey;
import org.graphfit.search.Check;
import org.graphfit.search.Result;
import org.graphfit.search.ResultFiles;
import org.graphfit.search.ResultSaver;
import org.graphfit.search.RunAudit;
import org.graphfit.search.Samples;
import org.graphfit.search.TaskRunner;

/**
 * The joint likelihood of the factors and hierarchies of a graph, as they were when taken, and the
 * hooks of a joint fit: each factor's into its folder, then the graph's combined ones. The graph's
 * analysis is its one subclass, {@code FactorGraph.GraphAnalysis}, whose class name enters the data
 * identity, hence the folder, of every joint fit. It audits every joint run for a likelihood peak
 * the run missed ({@link PeakAudit}).
 */
abstract class JointAnalysis
    implements Analysis<CollectionInstance>, ResultSaver<CollectionInstance>, RunAudit {
  private static final Log LOG = Log.of(JointAnalysis.class);
  private final FactorGraph graph;
  private final List<FactorTerm<?>> factorTerms;
  private final List<HierarchyTerm> hierarchyTerms;
  private final GraphHooks hooks;
  private List<String> folders;

  JointAnalysis(
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

  /**
   * Climbs the factors and the joint likelihood for a peak far above the run's samples; an audit
   * that fails (a factor's priors cannot be drawn, say) leaves the run unchecked and says so.
   */
  @Override
  public Findings audit(Samples samples, long seed, TaskRunner runner) {
    try {
      return new PeakAudit(graph.layout(), this, factorTerms, hierarchyTerms)
          .audit(samples, seed, runner);
    } catch (RuntimeException e) {
      LOG.warn(
          "the joint fit was not checked for a likelihood peak it missed ({}): {}",
          Check.MISSED_LIKELIHOOD,
          e.toString());
      return new Findings(List.of(), Map.of(), 0);
    }
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
    // the parent densities are part of the likelihood: another family is another fit
    for (HierarchyTerm term : hierarchyTerms) {
      identity.add("hierarchy:" + term.factor.name(), term.factor.distribution().description());
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

  /**
   * Calls a hook of every factor into its folder, a failure recorded as the hook's of the factor.
   */
  private void eachFactor(FitPaths paths, String hook, BiConsumer<FactorTerm<?>, FitPaths> call) {
    List<String> subs = folders();
    for (int i = 0; i < factorTerms.size(); i++) {
      FactorTerm<?> term = factorTerms.get(i);
      FitPaths sub = paths.child(subs.get(i));
      paths.hooks().call(hook + " of factor " + term.key.name(), () -> call.accept(term, sub));
    }
  }

  @Override
  public void saveData(FitPaths paths) {
    eachFactor(paths, "saveData", (term, sub) -> term.key.factor().analysis().saveData(sub));
  }

  @Override
  public void visualize(FitPaths paths, CollectionInstance instance, FitStage stage) {
    eachFactor(
        paths, "visualize(" + stage + ")", (term, sub) -> term.visualize(sub, instance, stage));
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
                      .call("report", () -> writer.write(paths, joint, paths.hooks().failures())));
    }
  }

  /** An analysis factor with its key, evaluating its instance out of the collection instance. */
  static final class FactorTerm<T> {
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
  static final class HierarchyTerm {
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

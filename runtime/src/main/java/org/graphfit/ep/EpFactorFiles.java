package org.graphfit.ep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.graph.FactorKey;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The folders of an EP fit's analysis factors, {@code factors/<name>/} (see {@link FactorOutput}):
 * each factor's model, posterior approximation and update history, and its hooks.
 */
final class EpFactorFiles {
  private final List<EpFactor> factors;
  private final List<FactorKey<?>> keys;
  private final List<String> folders;
  private final int first;

  /**
   * The folders of a graph's analysis factors.
   *
   * @param factors the EP factors, whose analysis factors follow the prior factors in graph order
   * @param keys the graph's analysis factors
   */
  EpFactorFiles(List<EpFactor> factors, List<FactorKey<?>> keys) {
    this.factors = factors;
    this.keys = keys;
    List<String> names = new ArrayList<>(keys.size());
    keys.forEach(key -> names.add(key.name()));
    this.folders = FitPaths.factorFolders(names);
    int index = 0;
    while (index < factors.size() && !(factors.get(index) instanceof LikelihoodFactor<?>)) {
      index++;
    }
    this.first = index;
  }

  /** Each analysis factor's folder by name, in graph order. */
  Map<String, String> folders() {
    Map<String, String> byName = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      byName.put(keys.get(i).name(), folders.get(i));
    }
    return byName;
  }

  /** Calls every analysis factor's {@code saveData} hook into its folder. */
  void saveData(FitPaths paths) {
    for (int i = 0; i < keys.size(); i++) {
      FactorKey<?> key = keys.get(i);
      FitPaths sub = paths.child(folders.get(i));
      paths
          .hooks()
          .call("saveData of factor " + key.name(), () -> key.factor().analysis().saveData(sub));
    }
  }

  /**
   * Writes every analysis factor's files and, with hooks, calls its final {@code visualize} with
   * its mean instance.
   */
  void write(FitPaths paths, EpResult result, EpState state, boolean hooks) {
    Map<String, List<EpUpdate>> history = new LinkedHashMap<>();
    for (FactorKey<?> key : keys) {
      history.put(key.name(), new ArrayList<>());
    }
    for (EpUpdate update : result.history()) {
      List<EpUpdate> own = history.get(update.factor());
      if (own != null) {
        own.add(update);
      }
    }
    List<VariableSummary> summaries = result.summaries();
    for (int i = 0; i < keys.size(); i++) {
      FactorKey<?> key = keys.get(i);
      int f = first + i;
      FitPaths sub = paths.child(folders.get(i));
      sub.write("mean_field.json", OutputFolder.json(meanField(key, f, state, summaries)));
      sub.write("ep_history.csv", EpOutput.historyCsv(history.get(key.name())));
      if (state.lastSamples[f] != null) {
        writeSearchOutput(
            sub.child("search"), key, (LikelihoodFactor<?>) factors.get(f), state.lastSamples[f]);
      }
      if (hooks) {
        visualize(sub, paths, key, f, summaries);
      }
    }
  }

  private <T> void visualize(
      FitPaths sub, FitPaths paths, FactorKey<T> key, int f, List<VariableSummary> summaries) {
    ModelLayout<T> layout = key.factor().model().layout();
    List<Integer> variables = factors.get(f).variables();
    double[] means = new double[variables.size()];
    for (int k = 0; k < means.length; k++) {
      means[k] = summaries.get(variables.get(k)).mean();
    }
    paths
        .hooks()
        .call(
            "visualize(FINAL) of factor " + key.name(),
            () ->
                key.factor()
                    .analysis()
                    .visualize(sub, layout.instanceFromVector(means), FitStage.FINAL));
  }

  /** The factor's last sampled fit, as its search would have written it. */
  private static <T> void writeSearchOutput(
      FitPaths search, FactorKey<?> key, LikelihoodFactor<T> factor, Samples samples) {
    Result<T> result =
        Result.builder(factor.engines().withSeed(0).name(), factor.layout(), samples).build();
    search.write("model.info", factor.layout().info());
    OutputFolder.resultFiles(result).forEach(search::write);
  }

  private Map<String, Object> meanField(
      FactorKey<?> key, int f, EpState state, List<VariableSummary> summaries) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("factor", key.name());
    root.put("status", state.statuses[f].name());
    Map<String, Object> variables = new LinkedHashMap<>();
    List<Integer> scope = factors.get(f).variables();
    for (int k = 0; k < scope.size(); k++) {
      VariableSummary row = summaries.get(scope.get(k));
      GaussianMessage message = state.field.message(f, k);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("mean", row.mean());
      entry.put("sd", row.sd());
      entry.put("latent_mean", row.latentMean());
      entry.put("latent_sd", row.latentSd());
      entry.put("ep_mean", row.gaussianMean());
      entry.put("ep_sd", row.gaussianSd());
      entry.put("corrected", row.corrected());
      entry.put("message_precision", message.precision());
      entry.put("message_shift", message.shift());
      variables.put(row.path(), entry);
    }
    root.put("variables", variables);
    return root;
  }
}

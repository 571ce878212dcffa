package org.graphfit.ep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.FactorKey;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Storage;

/**
 * What identifies an EP fit's output folder; see {@link
 * ExpectationPropagation#outputPath(org.graphfit.graph.FactorGraph)}.
 */
final class EpFitIdentity {
  private EpFitIdentity() {}

  /**
   * The folder a graph's fit is written to, or null without output.
   *
   * @param graph the graph
   * @param layout its layout
   * @param ep the fit's settings
   * @return the folder, or null
   */
  static EpFolder folder(FactorGraph graph, ModelLayout<CollectionInstance> layout, EpSettings ep) {
    if (ep.outputRoot() == null) {
      return null;
    }
    Map<String, Object> description = layout.description();
    List<Map<String, Object>> hierarchies = new ArrayList<>();
    for (HierarchicalFactor hierarchy : graph.hierarchicalFactors()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", hierarchy.name());
      entry.put("family", hierarchy.distribution().description());
      entry.put("drawn", hierarchy.drawnParameters().size());
      hierarchies.add(entry);
    }
    description.put("hierarchies", hierarchies);
    Map<String, Object> ownSearches = new LinkedHashMap<>();
    for (FactorKey<?> key : graph.factors()) {
      ProblemSearch own = FactorSearches.own(key.name(), key.factor());
      if (own != null) {
        ownSearches.put(key.name(), engineDescription(own));
      }
    }
    description.put("own_searches", ownSearches);
    Map<String, Object> data = new LinkedHashMap<>();
    for (FactorKey<?> key : graph.factors()) {
      data.put(key.name(), DataIdentity.describe(key.factor().analysis()));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("damping", ep.damping());
    settings.put("max_sweeps", ep.maxSweeps());
    settings.put("max_averaging_sweeps", ep.maxAveragingSweeps());
    settings.put("max_failures", ep.maxFailures());
    settings.put("tolerance", ep.tolerance());
    settings.put("seed", ep.seed());
    settings.put("corrected_marginals", ep.correctedMarginals());
    settings.put(
        "sampler", ep.sampler() == null ? null : engineDescription(ep.sampler().withSeed(0)));
    settings.put("noise_floor_convergence", ep.noiseFloorConvergence());
    settings.put("laplace_mismatch", ep.laplaceMismatch().name());
    settings.put("laplace_fallback", engineDescription(ep.laplaceFallback().withSeed(0)));
    return new EpFolder(
        Storage.get()
            .of(
                ep.outputRoot(),
                ep.outputName(),
                ep.tag(),
                description,
                data,
                "ExpectationPropagation",
                settings));
  }

  private static Map<String, Object> engineDescription(ProblemSearch engine) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("search", engine.name());
    description.put("settings", engine.settingsMap());
    return description;
  }
}

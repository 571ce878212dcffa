package org.graphfit.aggregator;

import java.util.List;
import java.util.Map;
import org.graphfit.output.FitFiles;

/**
 * Everything the database stores of one fit folder, read from its files in one go (on a worker
 * thread) so that writing it needs no file access.
 */
record FitRecord(
    FitFolder fit,
    String tag,
    FitKind kind,
    String model,
    String search,
    String settingsJson,
    Map<String, String> settings,
    FitSummary summary,
    List<ParameterSummary> parameters,
    List<FactorSummary> factors,
    List<DerivedSummary> derived,
    Map<String, FitFiles.Listed> files) {

  /** Reads a folder; a completed fit whose files cannot be read is marked corrupt. */
  static FitRecord of(FitFolder fit) {
    try {
      return read(fit);
    } catch (IllegalStateException e) {
      fit.markCorrupt(e.getMessage());
      return read(fit);
    }
  }

  private static FitRecord read(FitFolder fit) {
    if (fit.status() == FitStatus.CORRUPT) {
      return new FitRecord(
          fit, null, null, null, null, null, Map.of(), null, List.of(), List.of(), List.of(),
          Map.of());
    }
    FitKind kind = fit.kind();
    String tag = fit.tag();
    String model = fit.modelType();
    String search = fit.search();
    Map<String, String> settings = fit.settings();
    String settingsJson = fit.settingsJson();
    if (fit.status() == FitStatus.INCOMPLETE) {
      return new FitRecord(
          fit,
          tag,
          kind,
          model,
          search,
          settingsJson,
          settings,
          null,
          List.of(),
          List.of(),
          List.of(),
          Map.of());
    }
    return new FitRecord(
        fit,
        tag,
        kind,
        model,
        search,
        settingsJson,
        settings,
        fit.summary(),
        fit.parameters(),
        fit.factors(),
        fit.derived(),
        fit.files());
  }
}

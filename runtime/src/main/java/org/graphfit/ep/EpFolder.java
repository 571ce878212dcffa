package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graphfit.output.FileCheckpointStore;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;

/**
 * The output folder of one EP fit, {@code <root>/<name>/<identifier>/}: {@code model.info}, the
 * files of {@link EpOutput}, and in {@code files/} {@code model.json}, {@code data.json}, {@code
 * search.json}, while the fit runs {@code checkpoint.bin} (the state without its history) and
 * {@code history.bin} (the updates, appended after every sweep, see {@link HistoryFile}), then
 * {@code ep_result.bin} (the final {@link EpState} with its history), {@code ep_summary.json} and,
 * last, {@code manifest.json} (see {@link OutputFolder}), which marks the fit complete.
 *
 * <p>A checkpoint whose digest fails, or whose history prefix is missing, short or fails its
 * digest, is moved aside with the history ({@code .corrupt}) and the fit starts again from the
 * beginning, logged as a warning; a checkpoint of another fit or format version is an error.
 */
final class EpFolder {
  /** The result files of an EP fit, whose presence without a manifest is an error. */
  private static final List<String> RESULT_FILES =
      List.of(
          "graph.txt",
          "ep_history.csv",
          "ep_sweeps.csv",
          "mean_field.txt",
          "mean_field.json",
          "files/ep_result.bin",
          "files/ep_summary.json");

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final OutputFolder folder;
  private final String identifier;
  private final HistoryFile history;

  /** How many updates of the state's history the history file holds. */
  private int historySaved;

  EpFolder(OutputFolder folder) {
    this.folder = folder;
    this.identifier = folder.path().getFileName().toString();
    this.history = new HistoryFile(file("history.bin"));
  }

  /** The folder. */
  Path path() {
    return folder.path();
  }

  private Path file(String name) {
    return folder.path().resolve("files").resolve(name);
  }

  /** Takes the folder's lock (see {@link OutputFolder#lock(Duration)}). */
  FitLock lock(Duration wait) {
    return folder.lock(wait);
  }

  /**
   * Whether a completed fit is stored here, every file checked against the manifest (see {@link
   * OutputFolder#isComplete(java.util.Collection)}); if so, what a fit killed after its manifest
   * left behind is deleted.
   */
  boolean isComplete() {
    if (!folder.isComplete(RESULT_FILES)) {
      return false;
    }
    folder.removeLeftovers();
    folder.delete("files/history.bin");
    return true;
  }

  /**
   * The state of the last checkpoint with its history, if there is one and it is intact; without
   * one, a history file left by an earlier run is discarded.
   */
  Optional<EpState> checkpoint(List<EpFactor> factors, int variables) {
    FileCheckpointStore store = folder.checkpoint();
    Optional<EpState> state =
        store.load().map(bytes -> read(bytes, file("checkpoint.bin"), factors, variables));
    historySaved = 0;
    if (state.isEmpty()) {
      folder.delete("files/history.bin");
      history.reset();
      return state;
    }
    EpState.HistoryReference reference = state.get().externalHistory;
    if (reference == null) {
      throw new IllegalStateException(
          file("checkpoint.bin") + " cannot be used: it holds a completed fit's state; delete it");
    }
    HistoryFile.Read read = history.read(reference);
    if (read.damage() != null) {
      moveAside(history.path());
      store.discard("its history file " + history.path().getFileName() + ": " + read.damage());
      history.reset();
      return Optional.empty();
    }
    state.get().history.addAll(read.updates());
    state.get().externalHistory = null;
    historySaved = read.updates().size();
    return state;
  }

  private static void moveAside(Path file) {
    try {
      if (Files.exists(file)) {
        Files.move(
            file,
            file.resolveSibling(file.getFileName() + ".corrupt"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not move the damaged " + file + " aside", e);
    }
  }

  /**
   * Saves the state after a sweep: appends the sweep's updates to the history file (cutting off
   * anything beyond this fit's last checkpoint first) and forces them to disk, then writes the
   * checkpoint atomically.
   */
  void saveCheckpoint(EpState state, double seconds) {
    history.append(new ArrayList<>(state.history.subList(historySaved, state.history.size())));
    historySaved = state.history.size();
    folder.checkpoint().save(state.toCheckpointBytes(identifier, seconds, history.reference()));
  }

  /**
   * Writes {@code model.info}, {@code files/model.json}, {@code data.json}, {@code search.json}.
   */
  void writeStart(String modelInfo) {
    folder.writeStart(modelInfo);
  }

  /**
   * Writes the result's files, the final state and the summary, then the manifest, and deletes the
   * checkpoint and the history (see {@link OutputFolder#beginResult()}).
   */
  void writeResult(EpResult result, EpState state) {
    folder.beginResult();
    EpOutput.files(result).forEach(folder::write);
    folder.write("files/ep_result.bin", state.toBytes(identifier, result.seconds()));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("completed", true);
    summary.put("converged", result.converged());
    summary.put("sweeps", result.sweepCount());
    summary.put(
        "log_evidence", Double.isFinite(result.logEvidence()) ? result.logEvidence() : null);
    summary.put("log_evidence_approximate", result.logEvidenceApproximate());
    summary.put("seconds", result.seconds());
    summary.put("failing_factors", result.failingFactors());
    summary.put("excluded_factors", result.excludedFactors());
    try {
      folder.write("files/ep_summary.json", JSON.writeValueAsString(summary) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the EP summary as JSON", e);
    }
    folder.completeResult();
    folder.delete("files/history.bin");
  }

  /** The final state of the completed fit, checked against the manifest. */
  EpState completed(List<EpFactor> factors, int variables) {
    return read(
        folder.verifiedBytes("files/ep_result.bin"), file("ep_result.bin"), factors, variables);
  }

  private EpState read(byte[] bytes, Path file, List<EpFactor> factors, int variables) {
    try {
      return EpState.fromBytes(bytes, identifier, factors, variables);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          file + " cannot be used: " + e.getMessage() + "; delete it to fit afresh", e);
    }
  }
}

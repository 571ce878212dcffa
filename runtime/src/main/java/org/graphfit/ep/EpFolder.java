package org.graphfit.ep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.graphfit.analysis.FitPaths;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.FitStore;
import org.graphfit.search.ResultFiles;
import org.graphfit.search.SearchFolder;

/**
 * The output folder of one EP fit, {@code <root>/<name>/<identifier>/}: {@code model.info}, the
 * files of {@link EpOutput}, and in {@code files/} {@code model.json}, {@code data.json}, {@code
 * search.json}, {@code history.bin} (the updates, appended after every sweep, see {@link
 * HistoryFile}), while the fit runs {@code checkpoint.bin} (the state, which refers to a prefix of
 * the history), then {@code ep_result.bin} (the final {@link EpState}, which refers to the whole
 * history), {@code ep_summary.json} and, last, {@code manifest.json} (see {@link FitStore}), which
 * lists the history with every other file and marks the fit complete. The history is never read
 * whole into memory: {@link #history} streams it on demand, checking every record's checksum and
 * the prefix's digest.
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

  private static final String HISTORY = "files/history.bin";

  private final FitStore folder;
  private final String identifier;
  private final HistoryFile history;

  EpFolder(FitStore folder) {
    this.folder = folder;
    this.identifier = folder.path().getFileName().toString();
    this.history = new HistoryFile(folder.path().resolve(HISTORY));
  }

  /** The folder. */
  Path path() {
    return folder.path();
  }

  /** Where hooks write, the fit folder (see {@link FitStore#paths()}). */
  FitPaths paths() {
    return folder.paths();
  }

  /** The folder's format of a search result's files, for the factors' folders. */
  ResultFiles resultFiles() {
    return folder.resultFiles();
  }

  /** Takes the folder's lock (see {@link FitStore#lock(Duration)}). */
  SearchFolder.Lock lock(Duration wait) {
    return folder.lock(wait);
  }

  /**
   * Whether a completed fit is stored here, every file (the history too) checked against the
   * manifest (see {@link FitStore#isComplete(java.util.Collection)}); if so, what a fit killed
   * after its manifest left behind is deleted.
   */
  boolean isComplete() {
    if (!folder.isComplete(RESULT_FILES)) {
      return false;
    }
    folder.removeLeftovers();
    return true;
  }

  /**
   * The state of the last checkpoint, if there is one and the history file holds the intact prefix
   * it refers to (then appended after from now on); without one, a history file left by an earlier
   * run is discarded.
   */
  Optional<EpState> checkpoint(List<EpFactor> factors, int variables) {
    CheckpointStore store = folder.checkpoint();
    Path file = folder.path().resolve("files/checkpoint.bin");
    Optional<EpState> state = store.load().map(bytes -> read(bytes, file, factors, variables));
    if (state.isEmpty()) {
      folder.delete(HISTORY);
      history.reset();
      return state;
    }
    String damage = history.adopt(state.get().history);
    if (damage != null) {
      moveAside(history.path());
      folder.discardCheckpoint("its history file " + history.path().getFileName() + ": " + damage);
      history.reset();
      return Optional.empty();
    }
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
   * The history a state refers to, read on demand from its prefix of {@code files/history.bin}:
   * each {@link EpHistory#forEach} streams the file, one sweep's record at a time.
   *
   * @param reference the state's history
   * @return the history
   */
  EpHistory history(EpState.HistoryReference reference) {
    return new EpHistory() {
      @Override
      public void forEach(Consumer<EpUpdate> action) {
        history.forEach(reference, action);
      }

      @Override
      public long size() {
        return reference.count();
      }

      @Override
      public long dropped() {
        return 0;
      }
    };
  }

  /** Where the updates saved so far are. */
  EpState.HistoryReference historyReference() {
    return history.reference();
  }

  /**
   * Saves the state after a sweep: appends the sweep's updates to the history file as one record
   * (cutting off anything beyond this fit's last checkpoint first), forces them to disk and forgets
   * them, then writes the checkpoint atomically.
   */
  void saveCheckpoint(EpState state, double seconds) {
    history.append(state.pending);
    state.pending.clear();
    folder.checkpoint().save(state.toBytes(identifier, seconds, history.reference()));
  }

  /**
   * Writes {@code model.info}, {@code files/model.json}, {@code data.json}, {@code search.json}.
   */
  void writeStart(String modelInfo) {
    folder.writeStart(modelInfo);
  }

  /**
   * Writes the result's files, the final state and the summary, then the manifest (which lists the
   * history file with the size and digest its appends kept), and deletes the checkpoint (see {@link
   * FitStore#beginResult()}); the history file stays, the final state refers to it.
   */
  void writeResult(
      EpResult result,
      EpState state,
      Map<String, String> factorFolders,
      Consumer<FitPaths> beforeManifest) {
    folder.beginResult();
    EpOutput.files(result, factorFolders).forEach(folder::write);
    EpState.HistoryReference whole = history.reference();
    folder.write("files/ep_result.bin", state.toBytes(identifier, result.seconds(), whole));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("completed", true);
    summary.putAll(EpOutput.verdict(result));
    folder.write("files/ep_summary.json", EpOutput.toJson(summary));
    beforeManifest.accept(paths());
    folder.recordWritten(HISTORY, whole.bytes(), whole.sha256());
    folder.complete();
  }

  /** The final state of the completed fit, checked against the manifest. */
  EpState completed(List<EpFactor> factors, int variables) {
    return read(
        folder.verifiedBytes("files/ep_result.bin"),
        folder.path().resolve("files/ep_result.bin"),
        factors,
        variables);
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

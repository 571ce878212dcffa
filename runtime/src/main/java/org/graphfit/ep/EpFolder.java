package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.FileCheckpointStore;
import org.graphfit.output.OutputFolder;

/**
 * The output folder of one EP fit, {@code <root>/<name>/<identifier>/}: {@code model.info}, the
 * files of {@link EpOutput}, and in {@code files/} {@code model.json}, {@code search.json}, while
 * the fit runs {@code checkpoint.bin} (the state without its history) and {@code history.bin} (the
 * updates, appended after every sweep; the checkpoint records how many bytes of it are its own, so
 * bytes appended by a fit killed before its next checkpoint are cut off on resuming), then {@code
 * ep_result.bin} (the final {@link EpState} with its history) and {@code ep_summary.json}, written
 * last, with {@code "completed": true}.
 */
final class EpFolder {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final OutputFolder folder;
  private final String identifier;

  /** How many updates of the history, and how many bytes, the history file holds for this fit. */
  private int historySaved;

  private long historyBytes;

  EpFolder(OutputFolder folder) {
    this.folder = folder;
    this.identifier = folder.path().getFileName().toString();
  }

  /** The folder. */
  Path path() {
    return folder.path();
  }

  private Path file(String name) {
    return folder.path().resolve("files").resolve(name);
  }

  /** Whether {@code files/ep_summary.json} says the fit completed. */
  boolean isComplete() {
    return folder.isComplete("ep_summary.json");
  }

  /**
   * The state of the last checkpoint with its history, if there is one; without one, a history file
   * left by an earlier run is discarded.
   */
  Optional<EpState> checkpoint(List<EpFactor> factors, int variables) {
    FileCheckpointStore store = folder.checkpoint();
    Optional<EpState> state =
        store.load().map(bytes -> read(bytes, file("checkpoint.bin"), factors, variables));
    historySaved = 0;
    historyBytes = 0;
    try {
      if (state.isEmpty()) {
        Files.deleteIfExists(file("history.bin"));
      } else {
        readHistory(state.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file("history.bin"), e);
    }
    return state;
  }

  private void readHistory(EpState state) throws IOException {
    Path file = file("history.bin");
    if (state.externalHistory == null) {
      throw new IllegalStateException(
          file("checkpoint.bin") + " cannot be used: it is corrupt; delete it to fit afresh");
    }
    if (state.externalHistory.bytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          file + " holds more than 2 GiB of updates, more than a resume can read; fit afresh");
    }
    int count = state.externalHistory.count();
    long length = state.externalHistory.bytes();
    if (!Files.exists(file) || Files.size(file) < length) {
      throw new IllegalStateException(
          file
              + " cannot be used: the checkpoint expects its first "
              + length
              + " bytes but it "
              + (Files.exists(file) ? "has " + Files.size(file) : "is missing")
              + "; delete "
              + file("checkpoint.bin")
              + " to fit afresh");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(Math.toIntExact(length));
    }
    try {
      state.history.addAll(EpState.decode(bytes, count));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          file + " cannot be used: " + e.getMessage() + "; delete the checkpoint to fit afresh", e);
    }
    state.externalHistory = null;
    historySaved = state.history.size();
    historyBytes = length;
  }

  /**
   * Saves the state after a sweep: appends the sweep's updates to the history file (cutting off
   * anything beyond this fit's last checkpoint first) and forces them to disk, then writes the
   * checkpoint atomically.
   */
  void saveCheckpoint(EpState state, double seconds) {
    byte[] added = EpState.encode(state.history.subList(historySaved, state.history.size()));
    try (FileChannel channel =
        FileChannel.open(
            file("history.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(historyBytes);
      channel.position(historyBytes);
      ByteBuffer buffer = ByteBuffer.wrap(added);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("could not append to " + file("history.bin"), e);
    }
    historySaved = state.history.size();
    historyBytes += added.length;
    folder.checkpoint().save(state.toCheckpointBytes(identifier, seconds, historyBytes));
  }

  /** Writes {@code model.info}, {@code files/model.json} and {@code files/search.json}. */
  void writeStart(ModelLayout<CollectionInstance> layout) {
    folder.writeStart(layout);
  }

  /**
   * Writes the result's files, the final state and, last, the completion marker, then deletes the
   * checkpoint.
   */
  void writeResult(EpResult result, EpState state) {
    EpOutput.write(folder.path(), result);
    AtomicFiles.write(file("ep_result.bin"), state.toBytes(identifier, result.seconds()));
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
      AtomicFiles.write(file("ep_summary.json"), JSON.writeValueAsString(summary) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the EP summary as JSON", e);
    }
    folder.checkpoint().delete();
    try {
      Files.deleteIfExists(file("history.bin"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + file("history.bin"), e);
    }
  }

  /** The final state of the completed fit. */
  EpState completed(List<EpFactor> factors, int variables) {
    Path file = file("ep_result.bin");
    try {
      return read(Files.readAllBytes(file), file, factors, variables);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
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

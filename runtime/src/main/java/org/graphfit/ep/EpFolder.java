package org.graphfit.ep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * files of {@link EpOutput}, and in {@code files/} {@code model.json}, {@code search.json}, {@code
 * checkpoint.bin} while the fit runs, then {@code ep_result.bin} (the final {@link EpState}) and
 * {@code ep_summary.json}, written last, with {@code "completed": true}.
 */
final class EpFolder {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final OutputFolder folder;
  private final String identifier;

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

  /** The state of the last checkpoint, if there is one. */
  Optional<EpState> checkpoint(List<EpFactor> factors, int variables) {
    FileCheckpointStore store = folder.checkpoint();
    return store.load().map(bytes -> read(bytes, file("checkpoint.bin"), factors, variables));
  }

  /** Saves the state after a sweep. */
  void saveCheckpoint(EpState state, double seconds) {
    folder.checkpoint().save(state.toBytes(identifier, seconds));
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

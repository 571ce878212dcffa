package org.graphfit.output;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.FitPaths;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.FitStore;
import org.graphfit.search.Result;
import org.graphfit.search.ResultFiles;
import org.graphfit.search.Storage;

/**
 * The {@link Storage} of the search package: {@link OutputFolder}s with their {@link FitLock},
 * files written by {@link AtomicFiles}. Registered in {@code
 * META-INF/services/org.graphfit.search.Storage}.
 */
public final class OutputStorage implements Storage {
  /** The instance {@link java.util.ServiceLoader} makes. */
  public OutputStorage() {}

  @Override
  public FitStore of(
      Path root,
      String name,
      String tag,
      Map<String, Object> modelDescription,
      Map<String, Object> dataDescription,
      String searchName,
      Map<String, Object> searchSettings) {
    return new Folder(
        OutputFolder.of(
            root, name, tag, modelDescription, dataDescription, searchName, searchSettings));
  }

  @Override
  public void write(Path file, FitStore.Content content) {
    AtomicFiles.write(file, content::writeTo);
  }

  @Override
  public void cutAndAppend(Path file, long keep, byte[] bytes) {
    AtomicFiles.cutAndAppend(file, keep, bytes);
  }

  /** An output folder seen as a fit's store. */
  private static final class Folder implements FitStore {
    private final OutputFolder folder;

    Folder(OutputFolder folder) {
      this.folder = folder;
    }

    @Override
    public Path path() {
      return folder.path();
    }

    @Override
    public Lock lock(Duration wait) {
      return folder.lock(wait);
    }

    @Override
    public boolean isComplete() {
      return folder.isComplete();
    }

    @Override
    public <T> Result<T> loadResult(ModelLayout<T> layout, List<String> derivedNames) {
      return folder.loadResult(layout, derivedNames);
    }

    @Override
    public void removeLeftovers() {
      folder.removeLeftovers();
    }

    @Override
    public void writeStart(String modelInfo) {
      folder.writeStart(modelInfo);
    }

    @Override
    public FitPaths paths() {
      return folder.paths("");
    }

    @Override
    public CheckpointStore checkpoint() {
      return folder.checkpoint();
    }

    @Override
    public void writeResult(Result<?> result) {
      folder.beginResult();
      folder.writeResultFiles(result);
    }

    @Override
    public boolean exists(String relative) {
      return folder.exists(relative);
    }

    @Override
    public void complete() {
      folder.writeHookFailures();
      folder.completeResult();
    }

    @Override
    public ResultFiles resultFiles() {
      return OutputFolder::resultFiles;
    }

    @Override
    public boolean isComplete(Collection<String> resultFiles) {
      return folder.isComplete(resultFiles);
    }

    @Override
    public byte[] verifiedBytes(String relative) {
      return folder.verifiedBytes(relative);
    }

    @Override
    public void discardCheckpoint(String reason) {
      folder.checkpoint().discard(reason);
    }

    @Override
    public void delete(String relative) {
      folder.delete(relative);
    }

    @Override
    public void beginResult() {
      folder.beginResult();
    }

    @Override
    public void write(String relative, byte[] content) {
      folder.write(relative, content);
    }

    @Override
    public void write(String relative, String text) {
      folder.write(relative, text);
    }

    @Override
    public void write(String relative, FitStore.Content content) {
      folder.write(relative, content);
    }

    @Override
    public void recordWritten(String relative, long bytes, byte[] sha256) {
      folder.recordWritten(relative, bytes, sha256);
    }
  }
}

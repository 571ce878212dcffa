package org.graphfit.output;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.graphfit.analysis.FitPaths;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Result;
import org.graphfit.search.ResultFiles;
import org.graphfit.search.SearchFolder;
import org.graphfit.search.SearchFolders;

/**
 * The {@link SearchFolders} of the search package: {@link OutputFolder}s with their {@link
 * FitLock}. Registered in {@code META-INF/services/org.graphfit.search.SearchFolders}.
 */
public final class OutputSearchFolders implements SearchFolders {
  /** The instance {@link java.util.ServiceLoader} makes. */
  public OutputSearchFolders() {}

  @Override
  public SearchFolder of(
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

  /** An output folder seen as a search's folder. */
  private static final class Folder implements SearchFolder {
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
      return folder.lock(wait)::close;
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
  }
}

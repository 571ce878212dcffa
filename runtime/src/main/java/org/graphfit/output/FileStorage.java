package org.graphfit.output;

import java.nio.file.Path;
import java.util.Map;
import org.graphfit.search.FitStore;
import org.graphfit.search.ResultFiles;
import org.graphfit.search.Storage;

/**
 * The runtime's {@link Storage}, registered with {@link java.util.ServiceLoader}: fit folders are
 * {@link OutputFolder}s, files are written by {@link AtomicFiles}.
 */
public final class FileStorage implements Storage {
  /** The storage; {@link Storage#get()} finds it on the class path. */
  public FileStorage() {}

  @Override
  public FitStore folder(
      Path root,
      String name,
      String tag,
      Map<String, Object> modelDescription,
      Map<String, Object> dataDescription,
      String searchName,
      Map<String, Object> searchSettings) {
    return OutputFolder.of(
        root, name, tag, modelDescription, dataDescription, searchName, searchSettings);
  }

  @Override
  public void write(Path file, FitStore.Content content) {
    AtomicFiles.write(file, content::writeTo);
  }

  @Override
  public void cutAndAppend(Path file, long keep, byte[] bytes) {
    AtomicFiles.cutAndAppend(file, keep, bytes);
  }

  @Override
  public ResultFiles resultFiles() {
    return OutputFolder::resultFiles;
  }
}

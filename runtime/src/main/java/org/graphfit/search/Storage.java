package org.graphfit.search;

import java.nio.file.Path;
import java.util.Map;

/**
 * The {@link SearchFolders} of fits that write their own files: it opens their folders as {@link
 * FitStore}s, writes files atomically and appends to append-only files. Declared here and
 * implemented by the output package, which registers its implementation with {@link
 * java.util.ServiceLoader} under both names ({@code META-INF/services/org.graphfit.search.Storage}
 * and {@code ...SearchFolders} in the runtime's jar; a shaded jar must merge service files), so
 * that expectation propagation writes through it without depending on that package.
 */
public interface Storage extends SearchFolders {
  /**
   * The storage on the class path.
   *
   * @return the storage
   * @throws IllegalStateException if none is registered
   */
  static Storage get() {
    return StorageHolder.get();
  }

  @Override
  FitStore of(
      Path root,
      String name,
      String tag,
      Map<String, Object> modelDescription,
      Map<String, Object> dataDescription,
      String searchName,
      Map<String, Object> searchSettings);

  /**
   * Replaces a file atomically with content written to a stream, creating parent folders.
   *
   * @param file the target
   * @param content writes the complete content
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  void write(Path file, FitStore.Content content);

  /**
   * Cuts an append-only file to its first {@code keep} bytes, appends {@code bytes} and forces them
   * to disk. Not atomic: the file's reader must know from elsewhere how many bytes are complete.
   *
   * @param file the file, created if missing
   * @param keep how many bytes of it to keep
   * @param bytes the bytes to append
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  void cutAndAppend(Path file, long keep, byte[] bytes);
}

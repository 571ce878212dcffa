package org.graphfit.search;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the output folders of fits as {@link FitStore}s, writes files atomically and appends to
 * append-only files: declared here, implemented by the output package and found with {@link
 * java.util.ServiceLoader} (registered in {@code META-INF/services/org.graphfit.search.Storage} in
 * the runtime's jar; a shaded jar must merge service files), so that neither the search package nor
 * expectation propagation depends on how files are written.
 */
public interface Storage {
  /**
   * The storage on the class path.
   *
   * @return the storage
   * @throws IllegalStateException if none is registered
   */
  static Storage get() {
    return StorageHolder.get();
  }

  /**
   * The folder of a fit, {@code <root>/<name>/<identifier>/}, where the identifier hashes the
   * model's description, the data's, the search's name and settings, and the tag.
   *
   * @param root the output root
   * @param name the fit's name, e.g. {@code seed/joint}
   * @param tag a user tag, possibly empty
   * @param modelDescription the model's structural description, in a stable order
   * @param dataDescription what identifies the data, in a stable order
   * @param searchName the search's name
   * @param searchSettings the settings that determine the result, in a stable order
   * @return the folder, not yet created
   * @throws IllegalArgumentException if the name is malformed or would leave the root
   */
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

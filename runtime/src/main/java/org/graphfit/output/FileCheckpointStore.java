package org.graphfit.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.graphfit.search.CheckpointStore;

/** A {@link CheckpointStore} kept in one file, replaced atomically at every save. */
public final class FileCheckpointStore implements CheckpointStore {
  private final Path file;

  /**
   * A store in the given file.
   *
   * @param file the checkpoint file; it need not exist yet
   */
  public FileCheckpointStore(Path file) {
    this.file = file;
  }

  @Override
  public Optional<byte[]> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read checkpoint " + file, e);
    }
  }

  @Override
  public void save(byte[] state) {
    AtomicFiles.write(file, state);
  }

  /**
   * Removes the checkpoint, once the fit it belongs to has completed.
   *
   * @throws UncheckedIOException if it cannot be deleted
   */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete checkpoint " + file, e);
    }
  }
}

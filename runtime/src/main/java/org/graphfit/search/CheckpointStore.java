package org.graphfit.search;

import java.util.Optional;

/**
 * Where a search keeps its checkpoint: the complete state needed to continue a fit, as bytes. A
 * search saves after every so many iterations and, when started, continues from a saved state
 * instead of starting afresh, so that a killed fit resumes and, for the same seed, ends with the
 * same samples as an uninterrupted one. Implementations write atomically (temporary file, then
 * rename).
 */
public interface CheckpointStore {
  /**
   * The last saved state.
   *
   * @return the state, or empty if none was saved
   */
  Optional<byte[]> load();

  /**
   * Replaces the saved state.
   *
   * @param state the complete state
   */
  void save(byte[] state);

  /**
   * A store that keeps nothing: fits start afresh and are not resumable.
   *
   * @return the no-op store
   */
  static CheckpointStore none() {
    return NoCheckpoint.INSTANCE;
  }

  /** The store that keeps nothing. */
  enum NoCheckpoint implements CheckpointStore {
    /** The only instance. */
    INSTANCE;

    @Override
    public Optional<byte[]> load() {
      return Optional.empty();
    }

    @Override
    public void save(byte[] state) {}
  }
}

package org.graphfit.output;

import java.nio.file.Path;

/**
 * Told of every stage of every file write of {@link AtomicFiles}, for fault injection: a listener
 * that pauses or ends the process at a stage shows what a kill at that moment leaves behind (the
 * {@code FaultInjectionBenchmark} command does this). Not meant for production use. Called on the
 * writing thread; must be fast and thread safe.
 */
@FunctionalInterface
public interface WriteListener {
  /** A moment in a file write. */
  enum Stage {
    /**
     * Half of the bytes are in the temporary file (or appended; all of them for content written as
     * a stream, whose length is not known in advance), none forced to disk yet.
     */
    PARTLY_WRITTEN,
    /** All bytes are in the temporary file and forced to disk; the target is unchanged. */
    WRITTEN,
    /** The temporary file has replaced the target (or the append is complete and forced). */
    REPLACED
  }

  /**
   * A write of {@code file} has reached {@code stage}.
   *
   * @param file the target file
   * @param stage the stage
   */
  void at(Path file, Stage stage);
}

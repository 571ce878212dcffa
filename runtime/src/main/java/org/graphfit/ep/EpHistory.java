package org.graphfit.ep;

import java.util.function.Consumer;

/**
 * The updates of a fit that its result can read back: held in memory ({@link MemoryHistory}, for a
 * fit without an output folder) or read on demand from the fit's {@code files/history.bin} ({@link
 * EpFolder#history}).
 */
interface EpHistory {
  /**
   * Hands every update held to {@code action}, in sweep and factor order, without holding them all
   * in memory at once where they come from a file.
   *
   * @param action receives each update
   * @throws IllegalStateException if a history file is missing, truncated or corrupt
   */
  void forEach(Consumer<EpUpdate> action);

  /**
   * The number of updates {@link #forEach} hands over.
   *
   * @return the count
   */
  long size();

  /**
   * The number of updates of the earliest sweeps that are no longer held.
   *
   * @return the count, 0 when the history is complete
   */
  long dropped();
}

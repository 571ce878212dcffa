package org.graphfit.ep;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The history of a fit without an output folder, in memory and bounded: after each sweep the
 * earliest sweeps' updates are dropped while more than a budget of updates is held (the last sweep
 * is always kept), so a long fit of many factors cannot fill the heap with its bookkeeping.
 */
final class MemoryHistory implements EpHistory {
  private final long budget;
  private final ArrayDeque<List<EpUpdate>> sweeps = new ArrayDeque<>();
  private long size;
  private long dropped;

  /**
   * An empty history.
   *
   * @param budget the most updates held once a sweep's have been added (the last sweep's are held
   *     even beyond it)
   */
  MemoryHistory(long budget) {
    this.budget = budget;
  }

  /**
   * Adds one sweep's updates and drops the earliest sweeps' beyond the budget.
   *
   * @param updates the updates, in factor order
   */
  void append(List<EpUpdate> updates) {
    sweeps.addLast(List.copyOf(updates));
    size += updates.size();
    while (size > budget && sweeps.size() > 1) {
      int first = sweeps.removeFirst().size();
      size -= first;
      dropped += first;
    }
  }

  @Override
  public void forEach(Consumer<EpUpdate> action) {
    for (List<EpUpdate> sweep : sweeps) {
      sweep.forEach(action);
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long dropped() {
    return dropped;
  }
}

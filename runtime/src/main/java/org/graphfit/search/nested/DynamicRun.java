package org.graphfit.search.nested;

/**
 * The result of dynamic nested sampling: the merged run of the static run and its batches, the
 * static run alone (whose self-checks, genealogy and insertion ranks the merged run carries), and
 * how the batches went.
 */
public final class DynamicRun {
  private final NestedRun merged;
  private final NestedRun initial;
  private final int batches;
  private final long batchStuckProposals;
  private final double targetEffectiveSamples;

  DynamicRun(
      NestedRun merged,
      NestedRun initial,
      int batches,
      long batchStuckProposals,
      double targetEffectiveSamples) {
    this.merged = merged;
    this.initial = initial;
    this.batches = batches;
    this.batchStuckProposals = batchStuckProposals;
    this.targetEffectiveSamples = targetEffectiveSamples;
  }

  /**
   * The merged run: every point of the static run and of the batches, weighted as one run with a
   * varying number of live points; its likelihood calls and iterations are those of all runs, and
   * its genealogy and insertion ranks those of the static run.
   *
   * @return the merged run
   */
  public NestedRun merged() {
    return merged;
  }

  /**
   * The static run the batches were added to.
   *
   * @return the static run
   */
  public NestedRun initial() {
    return initial;
  }

  /**
   * The number of batches added.
   *
   * @return the batches
   */
  public int batches() {
    return batches;
  }

  /**
   * The stuck proposals of the batches, whose random walk or slice left a copy of an existing
   * point.
   *
   * @return the count
   */
  public long batchStuckProposals() {
    return batchStuckProposals;
  }

  /**
   * Whether the merged run reached the target effective sample size, rather than stopping at the
   * batch or call limit.
   *
   * @return true if the target was met
   */
  public boolean reachedTarget() {
    return merged.effectiveSampleSize() >= targetEffectiveSamples;
  }
}

package org.graphfit.ep;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a sweep's updates and their seeds.
 *
 * <p>A sweep updates every factor once, in blocks: first all prior and analysis factors, then the
 * hierarchical factors in blocks of 1, 2, 4, 8, ... factors. Exact prior factors ({@link
 * EpFactor#isFixed()}) are never updated. Within a block every factor's cavity (global
 * approximation divided by its message) is taken from the same approximation and all fits run
 * concurrently on a {@link FactorExecutor}. Seeds are derived from {@code (seed, sweep, factor)},
 * so results are identical for any number of threads.
 *
 * <p><b>Why blocks.</b> The parent factors of a hierarchy share the hyper-parameters. Updated all
 * at once against one approximation, each of N parent factors would see the parent mean (and,
 * before the analysis factors have reported, its drawn parameter) at the wide prior; each then
 * sends the scale a weak message "the spread is already explained, shrink", and the product of N
 * such messages collapses the scale before the data can speak: at 10,000 datasets this drove the
 * scale from 10 to 0.5 (with the drawn parameters deferred but the mean not informed; fully
 * concurrent, to 0.9). Analysis factors first, then doubling blocks of parent factors, inform the
 * hyper-parameters progressively while keeping almost all the work concurrent (the expensive
 * analysis fits form one block; parent factors are cheap quadratures, about log2 N blocks).
 */
final class SweepSchedule {
  /**
   * How far (KL divergence, per variable) a factor's cavity may move from the one of its last
   * passed Laplace check before its Laplace fits are checked again.
   */
  static final double CHECKED_CAVITY_KL = 0.05;

  private final List<List<Integer>> blocks;
  private final long seed;

  /**
   * The schedule of a fit.
   *
   * @param factors the factors, indexed by id
   * @param seed the fit's seed
   */
  SweepSchedule(List<EpFactor> factors, long seed) {
    this.blocks = blocks(factors);
    this.seed = seed;
  }

  /**
   * The blocks of a sweep, in order.
   *
   * @return the factor ids of each block
   */
  List<List<Integer>> blocks() {
    return blocks;
  }

  /**
   * The tasks of one block: one per factor not excluded, its cavity taken from the current
   * approximation, with its seed and whether its Laplace fit is to be checked.
   *
   * @param block the block's factor ids
   * @param state the fit's state
   * @param sweep the sweep, from 1
   * @return the tasks, in block order
   */
  List<FactorTask> tasks(List<Integer> block, EpState state, int sweep) {
    MeanField field = state.field;
    List<FactorTask> tasks = new ArrayList<>(block.size());
    for (int f : block) {
      if (state.statuses[f] != UpdateStatus.EXCLUDED) {
        GaussianMessage[] cavity = field.cavity(f);
        tasks.add(
            new FactorTask(
                f,
                sweep,
                seedOf(seed, sweep, f),
                cavity,
                field.current(f),
                state.fallback[f],
                moved(cavity, state.checkedCavity[f])));
      }
    }
    return tasks;
  }

  /**
   * The blocks of a sweep: all prior (but fixed) and analysis factors, then the hierarchical
   * factors in blocks of 1, 2, 4, ... factors.
   */
  private static List<List<Integer>> blocks(List<EpFactor> factors) {
    List<List<Integer>> blocks = new ArrayList<>();
    List<Integer> local = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    for (int f = 0; f < factors.size(); f++) {
      if (factors.get(f).isHierarchical()) {
        parents.add(f);
      } else if (!factors.get(f).isFixed()) {
        local.add(f);
      }
    }
    blocks.add(local);
    for (int from = 0, size = 1; from < parents.size(); from += size, size *= 2) {
      blocks.add(parents.subList(from, Math.min(parents.size(), from + size)));
    }
    return blocks;
  }

  /**
   * Whether a cavity has moved away from the one of the factor's last passed Laplace check, so that
   * its next Laplace fit is to be checked: no check yet, or a variable whose cavity is improper now
   * or was then, or whose KL divergence from then exceeds {@value #CHECKED_CAVITY_KL}. Flat
   * cavities (variables whose prior the factor includes) never move.
   */
  private static boolean moved(GaussianMessage[] cavity, GaussianMessage[] checked) {
    if (checked == null) {
      return true;
    }
    for (int k = 0; k < cavity.length; k++) {
      if (cavity[k].equals(checked[k])) {
        continue;
      }
      if (!cavity[k].isProper() || !checked[k].isProper()) {
        return true;
      }
      double kl = cavity[k].klDivergence(checked[k]);
      if (!(kl <= CHECKED_CAVITY_KL)) {
        return true;
      }
    }
    return false;
  }

  /** A seed for one factor in one sweep: SplitMix64 mixing of the three numbers. */
  static long seedOf(long seed, int sweep, int factor) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + sweep) + 0xBF58476D1CE4E5B9L * (1 + (long) factor);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

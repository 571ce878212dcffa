package org.graphfit.search.nested;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * From which live points the posterior descends. A walk or slice makes each new live point from a
 * live point it starts at, its parent; uniform draws have none. At every {@code nLive}-th iteration
 * the posterior mass is split among the live points of that moment by descent, and its effective
 * number of ancestors {@code k = (sum w)^2 / sum w_a^2} is compared with what the same run's
 * schedule of deaths gives when every parent is drawn at random among the live points, as it would
 * be if a move forgot where it started (a neutral genealogy, three replicates).
 *
 * <p>When a region of the constrained prior holds few live points and moves cannot enter it from
 * elsewhere, the posterior descends from those few: the run's estimate of that region's volume
 * rests on {@code k} points and has a relative error of about {@code 1 / sqrt(k)} that the usual
 * {@code sqrt(H / nLive)} does not contain. The excess {@code max_i (1 / k_i - 1 / k_neutral,i)} is
 * that missing variance of {@code ln Z}; a run whose posterior descends from fewer than {@link
 * #FEW_ANCESTORS} live points of some iteration, with an excess at least the usual variance {@code
 * H / nLive}, went through such a bottleneck.
 *
 * <p>Proposals are made in batches against the live points of the batch's first iteration, so a new
 * point's parent is a point live when its batch began, possibly replaced since by an earlier
 * proposal of the same batch; the neutral parents are drawn the same way, among the points live
 * when the batch began other than the worst of them, whose likelihood was the batch's constraint.
 * Immutable.
 */
final class Lineages {
  /**
   * Ancestor counts below this, with an excess variance at least the usual one, are a bottleneck.
   */
  static final double FEW_ANCESTORS = 10;

  private static final int REPLICATES = 3;
  private static final double MASS = 0.999;

  private final double excessVariance;
  private final long worstIteration;
  private final double worstAncestors;
  private final double worstNeutral;
  private final int[] parents;
  private final int[] replacedSlots;
  private final int[] batchBegins;

  private Lineages(
      double excessVariance,
      long worstIteration,
      double worstAncestors,
      double worstNeutral,
      int[] parents,
      int[] replacedSlots,
      int[] batchBegins) {
    this.excessVariance = excessVariance;
    this.worstIteration = worstIteration;
    this.worstAncestors = worstAncestors;
    this.worstNeutral = worstNeutral;
    this.parents = parents;
    this.replacedSlots = replacedSlots;
    this.batchBegins = batchBegins;
  }

  /**
   * The genealogy of a finished run.
   *
   * @param parents the parent of each point by serial ({@code nLive} initial points, then one per
   *     iteration), {@code -1} for none
   * @param sampleSerials the serial of each sample, in sample order
   * @param replacedSlots the live slot replaced at each iteration
   * @param batchBegins the iteration at which the batch of each iteration's proposal began
   * @param logWeights the normalised log weight of each sample
   * @param liveCount the number of live points
   * @param seed the seed of the neutral replicates
   * @return the lineages
   */
  static Lineages of(
      int[] parents,
      int[] sampleSerials,
      int[] replacedSlots,
      int[] batchBegins,
      double[] logWeights,
      int liveCount,
      long seed) {
    int iterations = replacedSlots.length;
    int[] selected = heaviest(logWeights);
    double[] weights = new double[selected.length];
    for (int k = 0; k < selected.length; k++) {
      weights[k] = Math.exp(logWeights[selected[k]]);
    }
    int[] deaths = new int[selected.length];
    int[] serials = new int[selected.length];
    for (int k = 0; k < selected.length; k++) {
      int sample = selected[k];
      serials[k] = sampleSerials[sample];
      deaths[k] = sample < iterations ? sample + 1 : Integer.MAX_VALUE;
    }
    int checkpoints = iterations / liveCount;
    double[] actual = ancestors(parents, serials, deaths, weights, liveCount, checkpoints);
    double[] neutral = new double[checkpoints];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, 0x11e});
    for (int r = 0; r < REPLICATES; r++) {
      int[] random = neutralParents(parents, replacedSlots, batchBegins, liveCount, rng);
      double[] counts = ancestors(random, serials, deaths, weights, liveCount, checkpoints);
      for (int c = 0; c < checkpoints; c++) {
        neutral[c] += counts[c] / REPLICATES;
      }
    }
    double excess = 0;
    int worst = -1;
    double worstRatio = Double.POSITIVE_INFINITY;
    for (int c = 0; c < checkpoints; c++) {
      excess = Math.max(excess, 1 / actual[c] - 1 / neutral[c]);
      double ratio = actual[c] / neutral[c];
      if (ratio < worstRatio) {
        worstRatio = ratio;
        worst = c;
      }
    }
    if (worst < 0) {
      return new Lineages(0, 0, Double.NaN, Double.NaN, parents, replacedSlots, batchBegins);
    }
    return new Lineages(
        excess,
        (long) worst * liveCount,
        actual[worst],
        neutral[worst],
        parents,
        replacedSlots,
        batchBegins);
  }

  /** The samples that carry {@link #MASS} of the posterior, heaviest first. */
  private static int[] heaviest(double[] logWeights) {
    int[] order = byDecreasingWeight(logWeights);
    double mass = 0;
    int count = 0;
    while (count < order.length && mass < MASS) {
      mass += Math.exp(logWeights[order[count]]);
      count++;
    }
    return Arrays.copyOf(order, count);
  }

  /**
   * The sample indices by decreasing log weight, ties by increasing index (the order of a stable
   * sort): each sample's key is the rank of its weight among the distinct weights, reversed, above
   * its index, and the keys are sorted as primitives. A stable sort of boxed indices took 2% of the
   * sampler's CPU time in the seed joint fit.
   */
  private static int[] byDecreasingWeight(double[] logWeights) {
    int n = logWeights.length;
    double[] distinct = logWeights.clone();
    Arrays.sort(distinct); // the order of Double.compare
    int count = 0;
    for (int k = 0; k < n; k++) {
      if (count == 0 || Double.compare(distinct[count - 1], distinct[k]) != 0) {
        distinct[count++] = distinct[k];
      }
    }
    long[] keys = new long[n];
    for (int k = 0; k < n; k++) {
      long rank = Arrays.binarySearch(distinct, 0, count, logWeights[k]);
      keys[k] = (count - 1 - rank) << 32 | k;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = (int) keys[k];
    }
    return order;
  }

  /**
   * The effective number of ancestors at iterations {@code c nLive}, {@code c < checkpoints}: the
   * samples' weights summed by the live point of that iteration they descend from (a sample alive
   * then is its own ancestor, one dead before is left out, one descending from a uniform draw made
   * later counts as its own lineage). Checkpoints are visited from the last, each sample's walk up
   * its genealogy continuing where the later checkpoint left it.
   */
  private static double[] ancestors(
      int[] parents,
      int[] serials,
      int[] deaths,
      double[] weights,
      int liveCount,
      int checkpoints) {
    int m = serials.length;
    int[] node = serials.clone();
    double[] sums = new double[parents.length];
    int[] touched = new int[m];
    double[] counts = new double[checkpoints];
    for (int c = checkpoints - 1; c >= 0; c--) {
      int iteration = c * liveCount;
      int touchedCount = 0;
      double total = 0;
      for (int k = 0; k < m; k++) {
        int key;
        if (born(serials[k], liveCount) <= iteration) {
          if (deaths[k] <= iteration) {
            continue;
          }
          key = serials[k];
        } else {
          int x = node[k];
          while (born(x, liveCount) > iteration && parents[x] >= 0) {
            x = parents[x];
          }
          node[k] = x;
          key = x;
        }
        if (sums[key] == 0) {
          touched[touchedCount++] = key;
        }
        sums[key] += weights[k];
        total += weights[k];
      }
      double squares = 0;
      for (int t = 0; t < touchedCount; t++) {
        squares += sums[touched[t]] * sums[touched[t]];
        sums[touched[t]] = 0;
      }
      counts[c] = squares > 0 ? total * total / squares : Double.POSITIVE_INFINITY;
    }
    return counts;
  }

  private static int born(int serial, int liveCount) {
    return serial < liveCount ? 0 : serial - liveCount + 1;
  }

  /**
   * The same schedule with each point that has a parent given one drawn at random among the points
   * live when its batch began, other than the worst of them (the first replaced in the batch).
   */
  static int[] neutralParents(
      int[] parents,
      int[] replacedSlots,
      int[] batchBegins,
      int liveCount,
      UniformRandomProvider rng) {
    int[] random = parents.clone();
    int[] live = new int[liveCount];
    Arrays.setAll(live, k -> k);
    // A slot replaced since the batch began remembers the point it held then.
    int[] heldAtBegin = new int[liveCount];
    int[] replacedInBatch = new int[liveCount];
    Arrays.fill(replacedInBatch, -1);
    int begin = -1;
    for (int j = 0; j < replacedSlots.length; j++) {
      int serial = liveCount + j;
      int dying = replacedSlots[j];
      if (batchBegins[j] != begin) {
        begin = j; // a batch's first iteration replaces the worst point live when it began
      }
      if (parents[serial] >= 0) {
        int excluded = replacedSlots[begin];
        int slot = rng.nextInt(liveCount - 1);
        slot = slot >= excluded ? slot + 1 : slot;
        random[serial] = replacedInBatch[slot] == begin ? heldAtBegin[slot] : live[slot];
      }
      if (replacedInBatch[dying] != begin) {
        replacedInBatch[dying] = begin;
        heldAtBegin[dying] = live[dying];
      }
      live[dying] = serial;
    }
    return random;
  }

  /**
   * The variance of {@code ln Z} that the bottleneck of the genealogy adds, {@code max_i (1 / k_i -
   * 1 / k_neutral,i)}, at least 0.
   *
   * @return the excess variance
   */
  double excessVariance() {
    return excessVariance;
  }

  /**
   * The smallest effective number of ancestors relative to the neutral one.
   *
   * @return the ancestors at the worst checkpoint, NaN for a run shorter than {@code nLive}
   */
  double worstAncestors() {
    return worstAncestors;
  }

  /**
   * The parent of a point, for tests.
   *
   * @param serial the point's serial
   * @return the parent's serial, -1 for none
   */
  int parent(int serial) {
    return parents[serial];
  }

  /**
   * The live slot replaced at an iteration, for tests.
   *
   * @param iteration the iteration
   * @return the slot
   */
  int replacedSlot(int iteration) {
    return replacedSlots[iteration];
  }

  /**
   * The iteration at which the batch of an iteration's proposal began, for tests.
   *
   * @param iteration the iteration
   * @return the batch's first iteration
   */
  int batchBegin(int iteration) {
    return batchBegins[iteration];
  }

  /**
   * The number of iterations.
   *
   * @return the iteration count
   */
  int iterations() {
    return replacedSlots.length;
  }

  /**
   * The neutral number of ancestors at the worst checkpoint.
   *
   * @return the neutral count
   */
  double worstNeutral() {
    return worstNeutral;
  }

  /**
   * Whether the posterior descends from fewer than {@link #FEW_ANCESTORS} live points of some
   * iteration and the genealogy at least doubles the variance of {@code ln Z}.
   *
   * @param usualVariance the variance without the genealogy, {@code H / nLive}
   * @return true for a bottleneck
   */
  boolean bottleneck(double usualVariance) {
    return worstAncestors < FEW_ANCESTORS && excessVariance >= usualVariance;
  }

  /**
   * What was seen, for a concern's message.
   *
   * @return one sentence
   */
  String describe() {
    return String.format(
        Locale.ROOT,
        "at iteration %d the posterior descends from %.1f effective live points, where moves that"
            + " forgot their start would leave %.1f",
        worstIteration,
        worstAncestors,
        worstNeutral);
  }
}

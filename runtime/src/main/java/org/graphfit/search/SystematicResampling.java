package org.graphfit.search;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Systematic resampling: {@code count} indices drawn with probabilities proportional to weights,
 * with one uniform offset, then shuffled (see {@link Samples#systematicResample}).
 */
final class SystematicResampling {
  private SystematicResampling() {}

  /** The indices (see {@link Samples#systematicResample}). */
  static int[] indices(double[] weights, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive but was " + count);
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int[] picks = new int[count];
    double offset = rng.nextDouble();
    double cumulative = weights[0];
    int source = 0;
    for (int k = 0; k < count; k++) {
      double position = (k + offset) / count;
      while (position > cumulative && source < weights.length - 1) {
        source++;
        cumulative += weights[source];
      }
      picks[k] = source;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int swap = picks[i];
      picks[i] = picks[j];
      picks[j] = swap;
    }
    return picks;
  }
}

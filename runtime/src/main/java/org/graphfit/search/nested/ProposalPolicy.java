package org.graphfit.search.nested;

import org.graphfit.search.nested.NestedSettings.Sample;

/**
 * Which proposal method a nested sampling run uses, and when it switches. A fixed method is used
 * throughout. {@link Sample#AUTO} starts uniform up to 20 dimensions and with random-direction
 * slices above; from 4 to 20 dimensions it leaves uniform sampling, once and for good, for random
 * walks (up to 10 dimensions) or random-direction slices (above) when an update interval's
 * efficiency, new points per likelihood call, falls below what the fallback would cost ({@link
 * #switchEfficiency(int)}): uniform sampling within a cross-validated bound is the most accurate,
 * so it is kept as long as it is also the cheaper.
 */
final class ProposalPolicy {
  /**
   * The likelihood calls a random-direction slice costs on average: at least two to step out, one
   * or more to shrink (4.7 measured on a 20-D Gaussian).
   */
  static final double CALLS_PER_SLICE = 4;

  private final NestedSettings settings;

  /**
   * The policy of a run's settings.
   *
   * @param settings the settings: their method, walks and slices
   */
  ProposalPolicy(NestedSettings settings) {
    this.settings = settings;
  }

  /**
   * The method a run starts with: the configured one, or for {@link Sample#AUTO} the method chosen
   * by dimension.
   *
   * @param dimension the problem's dimension
   * @return a method other than {@link Sample#AUTO}
   */
  Sample first(int dimension) {
    Sample sample = settings.sample();
    if (sample != Sample.AUTO) {
      return sample;
    }
    return dimension <= 20 ? Sample.UNIFORM : Sample.RSLICE;
  }

  /**
   * The method a run switches to when uniform sampling becomes inefficient: for {@link Sample#AUTO}
   * in 4 to 20 dimensions, random walks up to 10 dimensions and random-direction slices above; in
   * any other case the first method (no switch).
   *
   * @param dimension the problem's dimension
   * @return the fallback method
   */
  Sample fallback(int dimension) {
    if (settings.sample() != Sample.AUTO || dimension <= 3 || dimension > 20) {
      return first(dimension);
    }
    return dimension <= 10 ? Sample.RWALK : Sample.RSLICE;
  }

  /**
   * The efficiency (new points per call) of uniform sampling below which the run switches to its
   * fallback in a given dimension: one over the fallback's expected calls per new point, {@link
   * NestedSettings#walks()} for random walks and {@code 4 slices} for random-direction slices.
   *
   * @param dimension the problem's dimension
   * @return the efficiency, 0 where the run does not switch
   */
  double switchEfficiency(int dimension) {
    Sample fallback = fallback(dimension);
    if (fallback == first(dimension)) {
      return 0;
    }
    return switch (fallback) {
      case RWALK -> 1.0 / settings.walks();
      case RSLICE -> 1.0 / (CALLS_PER_SLICE * settings.slices(fallback, dimension));
      case SLICE -> 1.0 / (CALLS_PER_SLICE * dimension * settings.slices(fallback, dimension));
      default -> 0;
    };
  }

  /**
   * The method after an update interval: the fallback once uniform sampling's efficiency in the
   * interval fell below {@link #switchEfficiency(int)}, else the current one.
   *
   * @param current the method in use
   * @param efficiency the interval's new points per call, NaN when unknown (no switch)
   * @param dimension the problem's dimension
   * @return the method to go on with
   */
  Sample next(Sample current, double efficiency, int dimension) {
    if (current == Sample.UNIFORM && efficiency < switchEfficiency(dimension)) {
      return fallback(dimension);
    }
    return current;
  }
}

package org.graphfit.examples;

import java.util.Arrays;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * The credible band of a fitted profile: at each x, a quantile of the profile over equal-weight
 * draws from the posterior, e.g. to shade the 1-sigma band of a fit in a {@link
 * org.graphfit.plot.FitPlot}.
 */
public final class ModelBand {
  private static final int DRAWS = 300;

  private ModelBand() {}

  /**
   * A quantile of the profile at each x over {@value #DRAWS} posterior draws (seed 0).
   *
   * @param result a fit of a profile
   * @param x where to evaluate it
   * @param probability the quantile, e.g. 0.1587 and 0.8413 for the 1-sigma band
   * @param <T> the profile type
   * @return one value per x
   */
  public static <T extends Profile1D> double[] of(
      Result<T> result, double[] x, double probability) {
    Samples draws = result.samples().equalWeight(DRAWS, 0);
    double[][] curves = new double[x.length][draws.size()];
    for (int s = 0; s < draws.size(); s++) {
      T profile = result.instance(draws.vector(s));
      for (int i = 0; i < x.length; i++) {
        curves[i][s] = profile.profile(x[i]);
      }
    }
    double[] band = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      Arrays.sort(curves[i]);
      int index = (int) Math.min(curves[i].length - 1, Math.floor(probability * curves[i].length));
      band[i] = curves[i][index];
    }
    return band;
  }
}

package org.graphfit.search.mcmc;

/**
 * The integrated autocorrelation time of MCMC chains, estimated as emcee's {@code integrated_time}:
 * the normalised autocorrelation function of each walker's chain (by FFT, zero-padded to avoid wrap
 * around), averaged over the walkers, summed as {@code tau(M) = 1 + 2 sum_{t=1..M} rho(t)} up to
 * Sokal's automatic window, the smallest {@code M} with {@code M >= c * tau(M)}.
 */
public final class AutocorrelationTime {
  /** Sokal's window constant used by emcee. */
  public static final double DEFAULT_WINDOW_CONSTANT = 5;

  private AutocorrelationTime() {}

  /**
   * The integrated autocorrelation time of one parameter with the window constant {@code c = 5}.
   *
   * @param chains {@code chains[walker][step]}: one chain per walker, all of the same length (at
   *     least 2)
   * @return the autocorrelation time, in steps; 1 for uncorrelated chains
   * @throws IllegalArgumentException if the chains are empty or of different lengths
   */
  public static double integratedTime(double[][] chains) {
    return integratedTime(chains, DEFAULT_WINDOW_CONSTANT);
  }

  /**
   * The integrated autocorrelation time of one parameter.
   *
   * @param chains {@code chains[walker][step]}: one chain per walker, all of the same length (at
   *     least 2)
   * @param c Sokal's window constant, positive
   * @return the autocorrelation time, in steps
   * @throws IllegalArgumentException if the chains are empty or of different lengths
   */
  public static double integratedTime(double[][] chains, double c) {
    if (!(c > 0)) {
      throw new IllegalArgumentException("the window constant must be positive but was " + c);
    }
    return windowedTime(meanAutocorrelation(chains), c);
  }

  /**
   * The autocorrelation function of each chain, averaged over the chains.
   *
   * @param chains {@code chains[walker][step]}, all of the same length, at least 2
   * @return the mean autocorrelation at lags {@code 0 .. steps - 1}
   * @throws IllegalArgumentException if the chains are empty or of different lengths
   */
  static double[] meanAutocorrelation(double[][] chains) {
    if (chains.length == 0 || chains[0].length < 2) {
      throw new IllegalArgumentException("need at least one chain of at least 2 steps");
    }
    int n = chains[0].length;
    for (double[] chain : chains) {
      if (chain.length != n) {
        throw new IllegalArgumentException(
            "all chains must have the same length but found " + n + " and " + chain.length);
      }
    }
    double[] mean = Autocovariance.sum(chains, true);
    mean[0] = 1;
    for (int t = 1; t < n; t++) {
      mean[t] /= chains.length;
    }
    return mean;
  }

  /**
   * The integrated time {@code 1 + 2 sum_{t=1..M} rho(t)} of an autocorrelation function, summed up
   * to Sokal's window: the smallest {@code M} with {@code M >= c * tau(M)}.
   *
   * @param rho the autocorrelation at lags {@code 0, 1, ...}
   * @param c the window constant, positive
   * @return the time, in steps
   */
  static double windowedTime(double[] rho, double c) {
    double tau = 1;
    for (int m = 1; m < rho.length; m++) {
      tau += 2 * rho[m];
      if (m >= c * tau) {
        return tau;
      }
    }
    return tau;
  }

  /**
   * The normalised autocorrelation function of one chain, {@code rho(0) = 1}, with emcee's
   * estimator {@code sum_i (x_i - mean)(x_{i+t} - mean) / sum_i (x_i - mean)^2}. A constant chain
   * has {@code rho(t) = 0} for {@code t > 0}.
   *
   * @param chain the values, at least one
   * @return the autocorrelation at lags {@code 0 .. chain.length - 1}
   */
  public static double[] autocorrelation(double[] chain) {
    if (chain.length == 1) {
      return new double[] {1};
    }
    return meanAutocorrelation(new double[][] {chain});
  }
}

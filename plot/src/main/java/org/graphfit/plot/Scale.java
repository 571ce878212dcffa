package org.graphfit.plot;

import org.graphfit.prior.LogGaussianPrior;
import org.graphfit.prior.LogUniformPrior;
import org.graphfit.prior.Prior;

/** How a parameter's values are laid out along an axis. */
public enum Scale {
  /** Equal distances for equal differences. */
  LINEAR,

  /** Equal distances for equal ratios: for positive parameters spanning decades. */
  LOG;

  /**
   * The scale a parameter with this prior is best seen on: logarithmic for log-uniform and
   * log-Gaussian priors, whose posteriors are spread evenly in the logarithm, linear otherwise.
   *
   * @param prior the parameter's prior
   * @return the scale
   */
  public static Scale of(Prior prior) {
    return prior instanceof LogUniformPrior || prior instanceof LogGaussianPrior ? LOG : LINEAR;
  }
}

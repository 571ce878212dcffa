package org.graphfit.ep;

/**
 * What EP does with an analysis factor whose Laplace fit fails its importance check against the
 * factor's tilted density (see {@link ExpectationPropagation.Builder#onLaplaceMismatch}).
 */
public enum LaplaceMismatch {
  /** No check: every Laplace fit is used as it is (no extra likelihood calls). */
  IGNORE,
  /**
   * Check every Laplace fit and use it anyway; a factor whose last fit failed is named in a warning
   * and in {@link EpResult#concerns()}.
   */
  WARN,
  /**
   * Check every Laplace fit; a factor whose fit fails is fitted by the fallback sampler ({@link
   * ExpectationPropagation.Builder#laplaceFallback}) in that update and every later one. Where the
   * sampler cannot run (an improper cavity) the Laplace fit is used and reported as with {@link
   * #WARN}. The default.
   */
  SAMPLE
}

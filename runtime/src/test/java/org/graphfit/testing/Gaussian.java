package org.graphfit.testing;

/** A test component: a 1-D Gaussian profile. */
public record Gaussian(double centre, double normalization, double sigma) {
  /** The profile's value at {@code x}. */
  public double profile(double x) {
    double z = (x - centre) / sigma;
    return normalization / (sigma * Math.sqrt(2 * Math.PI)) * Math.exp(-0.5 * z * z);
  }
}

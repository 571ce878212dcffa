package org.graphfit.examples;

/** A one-dimensional profile: its value at each pixel coordinate is the model of a 1-D dataset. */
public interface Profile1D {
  /**
   * The profile's value at {@code x}.
   *
   * @param x the coordinate
   * @return the value
   */
  double profile(double x);
}

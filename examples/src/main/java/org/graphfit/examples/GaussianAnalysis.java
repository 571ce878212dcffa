package org.graphfit.examples;

import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.Dataset1D;

/**
 * The likelihood of a {@link Gaussian} given a 1-D dataset: {@code -0.5 chi^2}, with pixel {@code i} at
 * {@code x = i} (PyAutoFit's example convention, no noise normalisation term).
 */
public final class GaussianAnalysis implements Analysis<Gaussian> {
  private final double[] data;
  private final double[] inverseNoise;

  /**
   * An analysis of one dataset.
   *
   * @param dataset the data and noise map
   */
  public GaussianAnalysis(Dataset1D dataset) {
    this.data = dataset.data();
    double[] noise = dataset.noiseMap();
    this.inverseNoise = new double[noise.length];
    for (int i = 0; i < noise.length; i++) {
      inverseNoise[i] = 1 / noise[i];
    }
  }

  @Override
  public double logLikelihood(Gaussian gaussian) {
    double chiSquared = 0;
    for (int i = 0; i < data.length; i++) {
      double residual = (data[i] - gaussian.profile(i)) * inverseNoise[i];
      chiSquared += residual * residual;
    }
    return -0.5 * chiSquared;
  }

  /**
   * The number of pixels.
   *
   * @return the data length
   */
  public int size() {
    return data.length;
  }
}

package org.graphfit.examples;

import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.Dataset1D;

/**
 * The likelihood of a {@link Profile1D} given a 1-D dataset: {@code -0.5 chi^2}, with pixel {@code
 * i} at {@code x = i} (PyAutoFit's example convention, without the noise normalisation term).
 *
 * @param <T> the profile type the model produces
 */
public final class ProfileAnalysis<T extends Profile1D> implements Analysis<T> {
  private final double[] data;
  private final double[] inverseNoise;
  private final DataIdentity identity;

  /**
   * An analysis of one dataset.
   *
   * @param dataset the data and noise map
   */
  public ProfileAnalysis(Dataset1D dataset) {
    this.data = dataset.data();
    this.identity = dataset.identity();
    double[] noise = dataset.noiseMap();
    this.inverseNoise = new double[noise.length];
    for (int i = 0; i < noise.length; i++) {
      inverseNoise[i] = 1 / noise[i];
    }
  }

  @Override
  public double logLikelihood(T instance) {
    double chiSquared = 0;
    for (int i = 0; i < data.length; i++) {
      double residual = (data[i] - instance.profile(i)) * inverseNoise[i];
      chiSquared += residual * residual;
    }
    return -0.5 * chiSquared;
  }

  /**
   * The dataset's identity: the likelihood depends on nothing else but the model.
   *
   * @return {@link Dataset1D#identity()}
   */
  @Override
  public Optional<DataIdentity> dataIdentity() {
    return Optional.of(identity);
  }

  /**
   * The model values of an instance at every pixel, e.g. to plot a fit.
   *
   * @param instance the instance
   * @return one value per pixel
   */
  public double[] modelData(T instance) {
    double[] model = new double[data.length];
    for (int i = 0; i < model.length; i++) {
      model[i] = instance.profile(i);
    }
    return model;
  }
}

package org.graphfit.examples;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.analysis.FitPaths;
import org.graphfit.analysis.FitStage;
import org.graphfit.plot.FitPlot;

/**
 * The likelihood of a {@link Profile1D} given a 1-D dataset: {@code -0.5 chi^2}, with pixel {@code
 * i} at {@code x = i} (PyAutoFit's example convention, without the noise normalisation term).
 *
 * <p>In a fit with an output folder its hooks save the dataset ({@code files/dataset/data.json} and
 * {@code noise_map.json}, PyAutoFit's format) and draw the data with the model and residuals
 * ({@code image/fit.png}, a {@link FitPlot}): with the best instance so far while the search runs,
 * and with the maximum-likelihood instance at the end. In a graph each factor draws into its own
 * folder, and the fit's {@code report.html} shows the pictures.
 *
 * @param <T> the profile type the model produces
 */
public final class ProfileAnalysis<T extends Profile1D> implements Analysis<T> {
  private final Dataset1D dataset;
  private final double[] data;
  private final double[] inverseNoise;
  private final DataIdentity identity;

  /**
   * An analysis of one dataset.
   *
   * @param dataset the data and noise map
   */
  public ProfileAnalysis(Dataset1D dataset) {
    this.dataset = dataset;
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
   * Saves the dataset as PyAutoFit does, {@code files/dataset/data.json} and {@code
   * noise_map.json}.
   *
   * @param paths the fit's or factor's folder
   */
  @Override
  public void saveData(FitPaths paths) {
    paths.write("files/dataset/data.json", Arrays.toString(dataset.data()) + "\n");
    paths.write("files/dataset/noise_map.json", Arrays.toString(dataset.noiseMap()) + "\n");
  }

  /**
   * Draws the data with the instance's model and the residuals, {@code image/fit.png}.
   *
   * @param paths the fit's or factor's folder
   * @param instance the best instance so far, or the maximum-likelihood one at the end
   * @param stage when the call happens
   */
  @Override
  public void visualize(FitPaths paths, T instance, FitStage stage) {
    Path folder = paths.folder();
    // a graph factor's folder is factors/<name>: name the dataset
    String name =
        folder.getParent() != null && folder.getParent().endsWith("factors")
            ? folder.getFileName() + ": "
            : "";
    String title = name + (stage == FitStage.FINAL ? "maximum-likelihood fit" : "best fit so far");
    FitPlot.of(title, FitPlot.pixels(data.length), dataset, modelData(instance))
        .labels("x", "value")
        .writePng(paths.image().resolve("fit.png"));
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

package org.graphfit.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A one-dimensional dataset: data values and their noise (one standard deviation per value), as in
 * PyAutoFit's {@code example_1d} workspace folders. Both arrays are validated on construction:
 * equal lengths, finite data, positive finite noise.
 */
public final class Dataset1D {
  private final double[] data;
  private final double[] noiseMap;
  private final DataIdentity identity;

  private Dataset1D(double[] data, double[] noiseMap) {
    this.data = data;
    this.noiseMap = noiseMap;
    this.identity = DataIdentity.builder().add("data", data).add("noise_map", noiseMap).build();
  }

  /**
   * A dataset from arrays, which are copied.
   *
   * @param data the data values
   * @param noiseMap the noise standard deviation of each value
   * @return the dataset
   * @throws IllegalArgumentException if the lengths differ or are zero, a data value is not finite,
   *     or a noise value is not positive and finite
   */
  public static Dataset1D of(double[] data, double[] noiseMap) {
    return of("dataset", data, noiseMap);
  }

  private static Dataset1D of(String source, double[] data, double[] noiseMap) {
    if (data.length == 0) {
      throw new IllegalArgumentException(source + ": the data are empty");
    }
    if (data.length != noiseMap.length) {
      throw new IllegalArgumentException(
          source
              + ": the data have "
              + data.length
              + " values but the noise map has "
              + noiseMap.length
              + "; both must have one value per pixel");
    }
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new IllegalArgumentException(
            source
                + ": data value "
                + i
                + " is "
                + data[i]
                + "; remove or mask the pixel, since a likelihood of non-finite data is undefined");
      }
      if (!(noiseMap[i] > 0) || !Double.isFinite(noiseMap[i])) {
        throw new IllegalArgumentException(
            source
                + ": noise value "
                + i
                + " is "
                + noiseMap[i]
                + "; every noise value must be a positive, finite standard deviation");
      }
    }
    return new Dataset1D(data.clone(), noiseMap.clone());
  }

  /**
   * Reads {@code data.json} and {@code noise_map.json} from a PyAutoFit dataset folder.
   *
   * @param folder the folder holding both files
   * @return the dataset
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file is malformed or the values break the rules of {@link
   *     #of(double[], double[])}
   */
  public static Dataset1D load(Path folder) throws IOException {
    double[] data = JsonVectors.read(folder.resolve("data.json"));
    double[] noise = JsonVectors.read(folder.resolve("noise_map.json"));
    return of(folder.toString(), data, noise);
  }

  /**
   * The number of values.
   *
   * @return the length
   */
  public int size() {
    return data.length;
  }

  /**
   * Data value {@code i}.
   *
   * @param i an index
   * @return the value
   */
  public double data(int i) {
    return data[i];
  }

  /**
   * Noise value {@code i}.
   *
   * @param i an index
   * @return the standard deviation
   */
  public double noise(int i) {
    return noiseMap[i];
  }

  /**
   * A copy of the data values.
   *
   * @return the data
   */
  public double[] data() {
    return data.clone();
  }

  /**
   * A copy of the noise values.
   *
   * @return the noise map
   */
  public double[] noiseMap() {
    return noiseMap.clone();
  }

  /**
   * What identifies this dataset: the digest of its data values and noise map, bit for bit. An
   * analysis of the dataset returns it from {@link Analysis#dataIdentity()} (combined with any
   * setting of its own that changes the likelihood).
   *
   * @return the identity
   */
  public DataIdentity identity() {
    return identity;
  }

  @Override
  public String toString() {
    return "Dataset1D[size="
        + data.length
        + ", data="
        + Arrays.toString(Arrays.copyOf(data, 3))
        + "...]";
  }
}

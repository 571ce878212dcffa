package org.graphfit.testing;

import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;

/**
 * Measurements of one value with unit noise: the likelihood of a value is that of the data, a
 * Gaussian in the value around their mean with variance 1/n. States its data identity.
 */
public final class Measurements implements Analysis<Double> {
  private final double[] values;

  /**
   * Measurements.
   *
   * @param values the measured values
   */
  public Measurements(double... values) {
    this.values = values.clone();
  }

  @Override
  public double logLikelihood(Double value) {
    double sum = 0;
    for (double y : values) {
      sum += -0.5 * (y - value) * (y - value);
    }
    return sum;
  }

  @Override
  public Optional<DataIdentity> dataIdentity() {
    return Optional.of(DataIdentity.builder().add("values", values).build());
  }
}

package org.graphfit.testing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;

/**
 * Measurements of one value with unit noise: the likelihood of a value is that of the data, a
 * Gaussian in the value around their mean with variance 1/n. States its data identity.
 */
public final class Measurements implements Analysis<Double> {
  private final double[] values;
  private final AtomicInteger calls = new AtomicInteger();

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
    calls.incrementAndGet();
    double sum = 0;
    for (double y : values) {
      sum += -0.5 * (y - value) * (y - value);
    }
    return sum;
  }

  /**
   * The likelihood calls made on this instance.
   *
   * @return the count
   */
  public int calls() {
    return calls.get();
  }

  @Override
  public Optional<DataIdentity> dataIdentity() {
    return Optional.of(DataIdentity.builder().add("values", values).build());
  }
}

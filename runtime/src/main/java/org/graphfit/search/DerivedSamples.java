package org.graphfit.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DerivedQuantity;
import org.graphfit.model.ModelLayout;

/**
 * Computes an analysis's {@link DerivedQuantity derived quantities} at every sample of a fit: one
 * task per sample on the search's threads, each writing only its own row, so the values do not
 * depend on the number of threads. A quantity that throws or is not finite at a sample is NaN there
 * and becomes a {@link Check#DERIVED_QUANTITY} concern.
 */
public final class DerivedSamples {
  private DerivedSamples() {}

  /**
   * Checks that an analysis's quantities have distinct names, before a fit spends any time.
   *
   * @param analysis the analysis
   * @param <T> the instance type
   * @return the quantities
   * @throws IllegalArgumentException if two share a name
   */
  public static <T> List<DerivedQuantity<T>> checked(Analysis<T> analysis) {
    List<DerivedQuantity<T>> quantities = List.copyOf(analysis.derivedQuantities());
    Set<String> names = new HashSet<>();
    for (DerivedQuantity<T> quantity : quantities) {
      if (!names.add(quantity.name())) {
        throw new IllegalArgumentException(
            "two derived quantities are named '"
                + quantity.name()
                + "'; give each quantity of "
                + analysis.getClass().getSimpleName()
                + " its own name");
      }
    }
    return quantities;
  }

  /**
   * The quantities' values at every sample, with the samples' weights, likelihoods and priors.
   *
   * @param layout the model's layout
   * @param quantities the quantities, none empty
   * @param samples the fit's samples
   * @param runner the threads to use
   * @param concerns receives a {@link Check#DERIVED_QUANTITY} concern per failing quantity
   * @param <T> the instance type
   * @return the derived samples, one column per quantity
   */
  public static <T> Samples compute(
      ModelLayout<T> layout,
      List<DerivedQuantity<T>> quantities,
      Samples samples,
      TaskRunner runner,
      List<Concern> concerns) {
    int n = samples.size();
    int count = quantities.size();
    double[][] values = new double[n][count];
    AtomicLongArray failures = new AtomicLongArray(count);
    runner.runAll(
        n,
        i -> {
          T instance;
          try {
            instance = layout.instanceFromVector(samples.vector(i));
          } catch (RuntimeException e) {
            // a point whose instance cannot be built (a failed likelihood call, weight zero)
            Arrays.fill(values[i], Double.NaN);
            if (samples.weight(i) > 0) {
              for (int q = 0; q < count; q++) {
                failures.incrementAndGet(q);
              }
            }
            return;
          }
          for (int q = 0; q < count; q++) {
            double value;
            try {
              value = quantities.get(q).valueOf(instance);
            } catch (RuntimeException e) {
              value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
              value = Double.NaN;
              if (samples.weight(i) > 0) {
                failures.incrementAndGet(q);
              }
            }
            values[i][q] = value;
          }
        });
    List<String> names = new ArrayList<>(count);
    for (int q = 0; q < count; q++) {
      names.add(quantities.get(q).name());
      if (failures.get(q) > 0) {
        concerns.add(
            new Concern(
                Check.DERIVED_QUANTITY,
                String.format(
                    Locale.ROOT,
                    "derived quantity %s threw or was not finite at %d of %d samples; its"
                        + " mean is NaN and its quantiles leave those samples out",
                    quantities.get(q).name(),
                    failures.get(q),
                    n)));
      }
    }
    double[] logLikelihoods = new double[n];
    double[] logPriors = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      logLikelihoods[i] = samples.logLikelihood(i);
      logPriors[i] = samples.logPrior(i);
      weights[i] = samples.weight(i);
    }
    return Samples.of(names, values, logLikelihoods, logPriors, weights);
  }
}

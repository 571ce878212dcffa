package org.graphfit.analysis;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * A named number computed from an instance after a fit, PyAutoFit's <em>latent variable</em>: a
 * flux from a normalization and a width, a ratio of two parameters, anything the likelihood does
 * not need but the results should report. Declared by {@link Analysis#derivedQuantities()},
 * computed once per posterior sample (in parallel, each sample on its own, so the values do not
 * depend on the number of threads), written to {@code files/latent.csv} and {@code
 * files/latent_summary.json} and summarized in the result.
 *
 * <pre>{@code
 * DerivedQuantity.of("fwhm", (Gaussian g) -> 2 * Math.sqrt(2 * Math.log(2)) * g.sigma())
 * }</pre>
 *
 * @param <T> the instance type
 */
public final class DerivedQuantity<T> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private final String name;
  private final ToDoubleFunction<? super T> function;

  private DerivedQuantity(String name, ToDoubleFunction<? super T> function) {
    this.name = name;
    this.function = function;
  }

  /**
   * A derived quantity.
   *
   * @param name a column name: letters, digits, {@code _} and {@code .}, not starting with a digit
   * @param function its value for an instance; pure, callable from several threads at once
   * @param <T> the instance type
   * @return the quantity
   * @throws IllegalArgumentException if the name is malformed
   */
  public static <T> DerivedQuantity<T> of(String name, ToDoubleFunction<? super T> function) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "derived quantity name '"
              + name
              + "' must look like fwhm or peak.flux (letters, digits,"
              + " _ and .)");
    }
    return new DerivedQuantity<>(name, Objects.requireNonNull(function, "function"));
  }

  /**
   * The name, a column of {@code latent.csv}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The value for an instance.
   *
   * @param instance the instance
   * @return the value
   */
  public double valueOf(T instance) {
    return function.applyAsDouble(instance);
  }

  /**
   * The same quantity of a part of another instance, under another name; how a factor graph
   * prefixes its factors' quantities with the factor's name.
   *
   * @param prefix put before the name with a dot, e.g. {@code dataset_0}
   * @param part the part of the larger instance this quantity reads
   * @param <R> the larger instance type
   * @return the quantity of the larger instance
   */
  public <R> DerivedQuantity<R> prefixed(String prefix, Function<R, T> part) {
    ToDoubleFunction<? super T> own = function;
    return of(prefix + "." + name, (R whole) -> own.applyAsDouble(part.apply(whole)));
  }
}

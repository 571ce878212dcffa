package org.graphfit.prior;

import java.util.Map;
import java.util.StringJoiner;

/** Formats priors and numbers for model descriptions, identically on every platform. */
public final class PriorText {
  private PriorText() {}

  /**
   * A one-line description such as {@code GaussianPrior, mean = 50.0, sigma = 30.0}.
   *
   * @param prior the prior
   * @return the description
   */
  public static String describe(Prior prior) {
    StringJoiner joiner = new StringJoiner(", ");
    joiner.add(prior.typeName());
    for (Map.Entry<String, Double> argument : prior.arguments().entrySet()) {
      joiner.add(argument.getKey() + " = " + number(argument.getValue()));
    }
    return joiner.toString();
  }

  /**
   * Formats a number the way Java prints a double ({@code 50.0}, {@code 1.0E-6}), which is locale
   * independent and round-trips exactly.
   *
   * @param value the number
   * @return its text
   */
  public static String number(double value) {
    return Double.toString(value);
  }
}

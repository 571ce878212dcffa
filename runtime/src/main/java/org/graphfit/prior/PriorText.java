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

  /** See {@link Prior#fromDescription(String, Map)}. */
  static Prior fromDescription(String typeName, Map<String, Double> arguments) {
    return switch (typeName) {
      case "UniformPrior" ->
          Prior.uniform(
              argument(typeName, arguments, "lower_limit"),
              argument(typeName, arguments, "upper_limit"));
      case "LogUniformPrior" ->
          Prior.logUniform(
              argument(typeName, arguments, "lower_limit"),
              argument(typeName, arguments, "upper_limit"));
      case "GaussianPrior" ->
          Prior.gaussian(
              argument(typeName, arguments, "mean"), argument(typeName, arguments, "sigma"));
      case "LogGaussianPrior" ->
          Prior.logGaussian(
              argument(typeName, arguments, "mean"), argument(typeName, arguments, "sigma"));
      case "TruncatedGaussianPrior" ->
          Prior.truncatedGaussian(
              argument(typeName, arguments, "mean"),
              argument(typeName, arguments, "sigma"),
              argument(typeName, arguments, "lower_limit"),
              argument(typeName, arguments, "upper_limit"));
      case "HalfNormalPrior" -> Prior.halfNormal(argument(typeName, arguments, "sigma"));
      case "HalfCauchyPrior" -> Prior.halfCauchy(argument(typeName, arguments, "scale"));
      case "LatentGaussianPrior" -> latentGaussian(arguments);
      default ->
          throw new IllegalArgumentException(
              "unknown prior type '"
                  + typeName
                  + "'; the known types are UniformPrior, LogUniformPrior, GaussianPrior,"
                  + " LogGaussianPrior, TruncatedGaussianPrior, HalfNormalPrior, HalfCauchyPrior"
                  + " and LatentGaussianPrior");
    };
  }

  private static Prior latentGaussian(Map<String, Double> arguments) {
    String baseType = null;
    Map<String, Double> base = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Double> entry : arguments.entrySet()) {
      int dot = entry.getKey().indexOf('.');
      if (dot > 0) {
        baseType = entry.getKey().substring(0, dot);
        base.put(entry.getKey().substring(dot + 1), entry.getValue());
      }
    }
    if (baseType == null) {
      throw new IllegalArgumentException(
          "LatentGaussianPrior needs its base prior's arguments, e.g. UniformPrior.lower_limit");
    }
    return LatentGaussianPrior.of(
        fromDescription(baseType, base),
        argument("LatentGaussianPrior", arguments, "latent_mean"),
        argument("LatentGaussianPrior", arguments, "latent_sigma"));
  }

  private static double argument(String typeName, Map<String, Double> arguments, String name) {
    Double value = arguments.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          typeName
              + " needs the argument "
              + name
              + " but the description has "
              + arguments.keySet());
    }
    return value;
  }
}

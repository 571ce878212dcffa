package org.graphfit.plot;

import java.util.Locale;

/** Number formats shared by the pictures and the report: ticks, estimates with errors, tables. */
final class Numbers {
  /** The minus sign, wider than a hyphen. */
  static final String MINUS = "\u2212";

  private Numbers() {}

  /**
   * A median with its upper and lower errors, rounded to two significant digits of the smaller
   * error, with a common power of ten pulled out when the numbers are large or small.
   *
   * @param value the median
   * @param plus the distance up to the upper bound
   * @param minus the distance down to the lower bound
   * @param exponent the power of ten pulled out, 0 for none
   */
  record Estimate(String value, String plus, String minus, int exponent) {
    /** The estimate on one line, e.g. {@code 49.8 +3.1 -2.9} or {@code (1.2 +0.4 -0.3)e-3}. */
    String plainText() {
      String core = value + " +" + plus + " -" + minus;
      return exponent == 0 ? core : "(" + core + ")e" + exponent;
    }
  }

  /** Formats a median with errors, see {@link Estimate}. */
  static Estimate estimate(double median, double plus, double minus) {
    double reference = Math.max(Math.abs(median), Math.max(finite(plus), finite(minus)));
    int exponent = 0;
    if (reference > 0 && (reference >= 1e4 || reference < 1e-2)) {
      exponent = (int) Math.floor(Math.log10(reference));
    }
    double scale = Math.pow(10, -exponent);
    double smaller = Math.min(positive(plus), positive(minus)) * scale;
    int decimals;
    if (Double.isFinite(smaller)) {
      decimals = clamp(1 - (int) Math.floor(Math.log10(smaller)), 0, 6);
    } else {
      double magnitude = Math.abs(median * scale);
      decimals = magnitude > 0 ? clamp(2 - (int) Math.floor(Math.log10(magnitude)), 0, 6) : 2;
    }
    return new Estimate(
        fixed(median * scale, decimals),
        fixed(plus * scale, decimals),
        fixed(minus * scale, decimals),
        exponent);
  }

  /** The label of a linear tick at {@code value} on an axis stepping by {@code step}. */
  static String tick(double value, double step) {
    double magnitude = Math.max(Math.abs(value), step);
    if (magnitude >= 1e5 || step < 1e-4) {
      return scientific(value, step);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (Math.abs(Math.rint(step * Math.pow(10, decimals)) - step * Math.pow(10, decimals)) > 1e-6) {
      decimals++; // steps such as 2.5 or 0.25 need one more digit
    }
    return fixed(value, decimals);
  }

  private static String scientific(double value, double step) {
    if (value == 0) {
      return "0";
    }
    int exponent = (int) Math.floor(Math.log10(Math.abs(value)));
    int digits = clamp(exponent - (int) Math.floor(Math.log10(step)), 0, 4);
    String mantissa = fixed(value / Math.pow(10, exponent), digits);
    return mantissa + "e" + exponent;
  }

  /**
   * A value and its standard error, both to the decimals of the error's two significant digits,
   * e.g. {@code -165.29 ± 0.08}.
   */
  static String withError(double value, double error) {
    if (!(error > 0) || !Double.isFinite(error) || !Double.isFinite(value)) {
      return significant(value) + " \u00b1 " + significant(error);
    }
    int decimals = clamp(1 - (int) Math.floor(Math.log10(error)), 0, 8);
    return (fixed(value, decimals) + " \u00b1 " + fixed(error, decimals)).replace("-", MINUS);
  }

  /** A value with four significant digits, or a whole number as it is, for tables. */
  static String significant(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e5) {
      return String.format(Locale.ROOT, "%d", (long) value).replace("-", MINUS);
    }
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : MINUS + "inf";
    }
    double magnitude = Math.abs(value);
    String text;
    if (magnitude != 0 && (magnitude >= 1e4 || magnitude < 1e-3)) {
      String[] parts = String.format(Locale.ROOT, "%.3e", value).split("e");
      String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "") : parts[0];
      if (mantissa.endsWith(".")) {
        mantissa = mantissa.substring(0, mantissa.length() - 1);
      }
      text = mantissa + "e" + Integer.parseInt(parts[1]);
    } else {
      text = String.format(Locale.ROOT, "%.4g", value);
    }
    return text.replace("-", MINUS);
  }

  /** A value with a fixed number of decimals, without a negative zero. */
  static String fixed(double value, int decimals) {
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? Math.abs(value) : 0;
  }

  private static double positive(double value) {
    return value > 0 && Double.isFinite(value) ? value : Double.POSITIVE_INFINITY;
  }

  private static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }
}

package org.graphfit.search.mcmc;

import java.util.Arrays;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Sums of the autocovariance functions of many sequences by FFT: each sequence is centred on its
 * own mean and zero-padded to a power of two at least twice its length (so no lag wraps around),
 * two real sequences share one complex transform, and their power spectra are summed before a
 * single inverse transform.
 */
final class Autocovariance {
  private Autocovariance() {}

  /**
   * {@code sum_r w_r c_r(t)} for lags {@code t = 0 .. n - 1}, where {@code c_r(t) = sum_i (x_i -
   * mean)(x_(i+t) - mean)} is row {@code r}'s unnormalised autocovariance and {@code w_r} is 1, or
   * {@code 1 / c_r(0)} when {@code normalised} (rows with {@code c_r(0) = 0}, constant rows, then
   * contribute nothing).
   *
   * @param rows sequences of equal length {@code n}, at least one
   * @param normalised whether to weight each row by the inverse of its own {@code c_r(0)}
   * @return the sums at lags {@code 0 .. n - 1}
   */
  static double[] sum(double[][] rows, boolean normalised) {
    int n = rows[0].length;
    int size = Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
    double[] power = new double[size];
    double[] re = new double[size];
    double[] im = new double[size];
    double[][] data = {re, im};
    for (int r = 0; r < rows.length; r += 2) {
      double weightA = center(rows[r], re, normalised);
      double weightB = 0;
      if (r + 1 < rows.length) {
        weightB = center(rows[r + 1], im, normalised);
      } else {
        Arrays.fill(im, 0);
      }
      FastFourierTransformer.transformInPlace(
          data, DftNormalization.STANDARD, TransformType.FORWARD);
      // With z = a + i b: A_k = (Z_k + conj Z_-k) / 2 and B_k = (Z_k - conj Z_-k) / (2i).
      for (int k = 0; k < size; k++) {
        int j = (size - k) & (size - 1);
        double sumRe = re[k] + re[j];
        double sumIm = im[k] - im[j];
        double diffRe = re[k] - re[j];
        double diffIm = im[k] + im[j];
        power[k] +=
            0.25
                * (weightA * (sumRe * sumRe + sumIm * sumIm)
                    + weightB * (diffRe * diffRe + diffIm * diffIm));
      }
    }
    Arrays.fill(im, 0);
    FastFourierTransformer.transformInPlace(
        new double[][] {power, im}, DftNormalization.STANDARD, TransformType.INVERSE);
    return Arrays.copyOf(power, n);
  }

  /**
   * Writes the row minus its mean into the start of {@code into}, zeros after it, and returns the
   * row's weight: 1, or the inverse of its sum of squared deviations (0 for a constant row).
   */
  private static double center(double[] row, double[] into, boolean normalised) {
    double mean = 0;
    for (double value : row) {
      mean += value;
    }
    mean /= row.length;
    double squares = 0;
    for (int t = 0; t < row.length; t++) {
      double d = row[t] - mean;
      into[t] = d;
      squares += d * d;
    }
    Arrays.fill(into, row.length, into.length, 0);
    if (!normalised) {
      return 1;
    }
    return squares > 0 ? 1 / squares : 0;
  }
}

package org.graphfit.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graphfit.model.ModelLayout;
import org.graphfit.search.Samples;

/**
 * {@code samples.csv}: one column per free-parameter path, then one per relation slot of the model
 * (its derived values, computed from the free ones), then {@code log_likelihood}, {@code
 * log_prior}, {@code log_posterior} and {@code weight}; numbers in Java's shortest round-trip form,
 * so reading the file back gives exactly the samples that were written.
 */
public final class SamplesCsv {
  private static final List<String> TRAILING =
      List.of("log_likelihood", "log_prior", "log_posterior", "weight");

  private SamplesCsv() {}

  /**
   * The CSV text of samples without derived columns.
   *
   * @param samples the samples
   * @return the text, header first
   */
  public static String format(Samples samples) {
    return format(samples, null);
  }

  /**
   * The CSV text of samples of a model, with a derived column per relation slot after the free
   * parameters.
   *
   * @param samples the samples
   * @param layout the model's layout, whose free parameters are the samples' columns; null for no
   *     derived columns
   * @return the text, header first
   */
  public static String format(Samples samples, ModelLayout<?> layout) {
    List<String> derived = layout == null ? List.of() : layout.derivedPaths();
    StringBuilder text = new StringBuilder();
    text.append(String.join(",", samples.names())).append(',');
    for (String path : derived) {
      text.append(path).append(',');
    }
    text.append(String.join(",", TRAILING));
    text.append('\n');
    for (int i = 0; i < samples.size(); i++) {
      for (double value : samples.vector(i)) {
        text.append(value).append(',');
      }
      if (!derived.isEmpty()) {
        for (double value : layout.derivedValues(samples.vector(i))) {
          text.append(value).append(',');
        }
      }
      double logLikelihood = samples.logLikelihood(i);
      double logPrior = samples.logPrior(i);
      text.append(logLikelihood).append(',').append(logPrior).append(',');
      text.append(logLikelihood + logPrior).append(',').append(samples.weight(i)).append('\n');
    }
    return text.toString();
  }

  /**
   * Reads samples written by {@link #format(Samples)}.
   *
   * @param file the file
   * @return the samples
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is malformed
   */
  public static Samples read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /**
   * Parses the text of {@link #format(Samples)}: samples without derived columns.
   *
   * @param text the CSV text
   * @param source where it came from, for error messages
   * @return the samples
   * @throws IllegalArgumentException if it is malformed
   */
  public static Samples parse(String text, String source) {
    return parse(text, source, List.of());
  }

  /**
   * Parses the text of {@link #format(Samples, ModelLayout)}; the derived columns, which the model
   * computes again from the free ones, are checked by name and skipped.
   *
   * @param text the CSV text
   * @param source where it came from, for error messages
   * @param derived the derived column names expected after the free ones
   * @return the samples
   * @throws IllegalArgumentException if it is malformed or its derived columns are not {@code
   *     derived}
   */
  public static Samples parse(String text, String source, List<String> derived) {
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException(source + " is empty");
      }
      List<String> columns = Arrays.asList(header.split(",", -1));
      int trailingStart = columns.size() - TRAILING.size();
      int dimension = trailingStart - derived.size();
      if (dimension < 1 || !columns.subList(trailingStart, columns.size()).equals(TRAILING)) {
        throw new IllegalArgumentException(
            source + " does not end its header with " + TRAILING + ": " + header);
      }
      if (!columns.subList(dimension, trailingStart).equals(derived)) {
        throw new IllegalArgumentException(
            source
                + " should have the derived columns "
                + derived
                + " before "
                + TRAILING
                + ": "
                + header);
      }
      List<double[]> vectors = new ArrayList<>();
      List<double[]> trailing = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.split(",", -1);
        if (cells.length != columns.size()) {
          throw new IllegalArgumentException(
              source + " line " + (vectors.size() + 2) + " has " + cells.length + " cells");
        }
        double[] values = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
          values[c] = Double.parseDouble(cells[c]);
        }
        vectors.add(Arrays.copyOf(values, dimension));
        trailing.add(Arrays.copyOfRange(values, trailingStart, values.length));
      }
      int n = vectors.size();
      double[] logLikelihoods = new double[n];
      double[] logPriors = new double[n];
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        logLikelihoods[i] = trailing.get(i)[0];
        logPriors[i] = trailing.get(i)[1];
        weights[i] = trailing.get(i)[3];
      }
      return Samples.of(
          columns.subList(0, dimension),
          vectors.toArray(new double[0][]),
          logLikelihoods,
          logPriors,
          weights);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + source, e);
    }
  }
}

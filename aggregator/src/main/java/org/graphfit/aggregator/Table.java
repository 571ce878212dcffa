package org.graphfit.aggregator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.graphfit.output.AtomicFiles;
import org.graphfit.search.Concern;

/**
 * A table of fits: one row per fit or one per factor, with chosen columns. A column is a fit's
 * figure ({@link #FIT_COLUMNS}: {@code name}, {@code log_evidence}, {@code trustworthy}...), a
 * factor's ({@link #FACTOR_COLUMNS}, per-factor tables only), or a parameter: {@code centre} is its
 * estimate (median, or mean for expectation propagation), {@code centre:sd} another statistic
 * ({@link ParameterSummary.Statistic}). In a per-factor table a parameter is named as the factor
 * names it ({@code centre} is {@code dataset_1}'s {@code centre}, whichever fit parameter that is),
 * and its value is the one the factor's own folder records ({@link FactorSummary#estimates()}: a
 * graph factor's view of the joint fit, an EP factor's mean field), else the fit's. Numbers are
 * written in Java's shortest round-trip form; a value a fit does not have is empty. Only completed
 * fits have figures: other fits get their name, status and problem.
 */
public final class Table {
  /** The columns of a fit's own figures. */
  public static final List<String> FIT_COLUMNS =
      List.of(
          "name",
          "identifier",
          "path",
          "tag",
          "kind",
          "status",
          "model",
          "search",
          "log_evidence",
          "log_evidence_error",
          "likelihood_calls",
          "failed_calls",
          "seconds",
          "trustworthy",
          "converged",
          "sweeps",
          "concerns",
          "problem");

  /** The columns of a factor's figures, in per-factor tables. */
  public static final List<String> FACTOR_COLUMNS =
      List.of("factor", "factor_kind", "factor_status", "log_evidence_term", "factor_folder");

  private final boolean perFactor;
  private final List<String> columns;

  private Table(boolean perFactor, List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column, e.g. name");
    }
    for (String column : columns) {
      if (!perFactor && FACTOR_COLUMNS.contains(column)) {
        throw new IllegalArgumentException(
            "the column " + column + " is a factor's: use a per-factor table (Table.perFactor)");
      }
      int colon = column.indexOf(':');
      if (colon >= 0) {
        ParameterSummary.Statistic.of(column.substring(colon + 1));
      }
    }
    this.perFactor = perFactor;
    this.columns = List.copyOf(columns);
  }

  /**
   * A table with one row per fit.
   *
   * @param columns the columns, e.g. {@code name, log_evidence, centre, centre:sd}
   * @return the table
   * @throws IllegalArgumentException if there is no column, a factor column, or an unknown
   *     statistic
   */
  public static Table perFit(String... columns) {
    return new Table(false, List.of(columns));
  }

  /**
   * A table with one row per fit and columns given as a list.
   *
   * @param columns the columns
   * @return the table
   * @throws IllegalArgumentException as {@link #perFit(String...)}
   */
  public static Table perFit(List<String> columns) {
    return new Table(false, columns);
  }

  /**
   * A table with one row per factor of every completed fit (a single search has one factor).
   *
   * @param columns the columns, e.g. {@code name, factor, centre}
   * @return the table
   * @throws IllegalArgumentException if there is no column or an unknown statistic
   */
  public static Table perFactor(List<String> columns) {
    return new Table(true, columns);
  }

  /**
   * The columns.
   *
   * @return the column names
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * The rows of a selection, header excluded.
   *
   * @param fits the fits
   * @return one list of cells per row
   */
  public List<List<String>> rows(FitSelection fits) {
    List<List<String>> rows = new ArrayList<>();
    for (FitFolder fit : fits) {
      if (perFactor) {
        if (fit.status() != FitStatus.COMPLETE) {
          continue;
        }
        for (FactorSummary factor : fit.factors()) {
          rows.add(row(fit, factor));
        }
      } else {
        rows.add(row(fit, null));
      }
    }
    return rows;
  }

  private List<String> row(FitFolder fit, FactorSummary factor) {
    List<String> cells = new ArrayList<>(columns.size());
    for (String column : columns) {
      cells.add(cell(fit, factor, column));
    }
    return cells;
  }

  private static String cell(FitFolder fit, FactorSummary factor, String column) {
    switch (column) {
      case "name":
        return fit.name();
      case "identifier":
        return fit.identifier();
      case "path":
        return fit.path().toString();
      default:
        break;
    }
    switch (column) {
      case "status":
        return fit.status().name();
      case "problem":
        return text(fit.problem());
      case "tag":
        return text(fit.tag());
      case "kind":
        return fit.kind().name();
      case "model":
        return text(fit.modelType());
      case "search":
        return text(fit.search());
      default:
        break;
    }
    if (fit.status() != FitStatus.COMPLETE) {
      return "";
    }
    FitSummary summary = fit.summary();
    switch (column) {
      case "log_evidence":
        return number(summary.logEvidence());
      case "log_evidence_error":
        return number(summary.logEvidenceError());
      case "likelihood_calls":
        return summary.likelihoodCalls() < 0 ? "" : Long.toString(summary.likelihoodCalls());
      case "failed_calls":
        return summary.failedCalls() < 0 ? "" : Long.toString(summary.failedCalls());
      case "seconds":
        return number(summary.seconds());
      case "trustworthy":
        return Boolean.toString(summary.trustworthy());
      case "converged":
        return summary.converged() == null ? "" : summary.converged().toString();
      case "sweeps":
        return Integer.toString(summary.sweeps());
      case "concerns":
        List<String> concerns = new ArrayList<>();
        for (Concern concern : summary.concerns()) {
          concerns.add(concern.check() + ": " + concern.message());
        }
        return String.join("; ", concerns);
      case "factor":
        return factor.name();
      case "factor_kind":
        return factor.kind().name();
      case "factor_status":
        return text(factor.status());
      case "log_evidence_term":
        return number(factor.logEvidenceTerm());
      case "factor_folder":
        return text(factor.folder());
      default:
        return parameterCell(fit, factor, column);
    }
  }

  private static String parameterCell(FitFolder fit, FactorSummary factor, String column) {
    int colon = column.indexOf(':');
    String name = colon < 0 ? column : column.substring(0, colon);
    ParameterSummary.Statistic statistic =
        colon < 0
            ? ParameterSummary.Statistic.ESTIMATE
            : ParameterSummary.Statistic.of(column.substring(colon + 1));
    if (factor != null) {
      java.util.Optional<ParameterSummary> own = factor.estimate(name);
      if (own.isPresent()) {
        return number(own.get().get(statistic));
      }
    }
    String path = factor == null ? name : factor.parameters().getOrDefault(name, name);
    return fit.parameter(path).map(p -> number(p.get(statistic))).orElse("");
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : Double.toString(value);
  }

  /**
   * Writes the table of a selection as CSV (RFC 4180, header first) through Apache Commons CSV.
   *
   * @param fits the fits
   * @param out the destination
   * @throws UncheckedIOException if it cannot be written
   */
  public void writeCsv(FitSelection fits, Appendable out) {
    try {
      CSVPrinter printer = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get().print(out);
      printer.printRecord(columns);
      for (List<String> row : rows(fits)) {
        printer.printRecord(row);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the CSV table", e);
    }
  }

  /**
   * Writes the table of a selection to a CSV file, atomically.
   *
   * @param fits the fits
   * @param file the file
   * @throws UncheckedIOException if it cannot be written
   */
  public void writeCsv(FitSelection fits, Path file) {
    StringBuilder text = new StringBuilder();
    writeCsv(fits, text);
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}

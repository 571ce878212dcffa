package org.graphfit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.graphfit.aggregator.FitDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graphfit query [WHERE] --db FILE [--parameter PATH]... [--sql SELECT] [--csv]}: the fits a
 * SQL {@code WHERE} condition over the {@code fits} table selects, with chosen parameters'
 * estimates as columns; or any read-only {@code SELECT} over the schema. The database is opened
 * read-only.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Selects fits from the database with a SQL WHERE condition over the fits table, e.g.",
      "  graphfit query --db output/graphfit.sqlite \"status = 'COMPLETE' AND log_evidence > -60\""
          + " --parameter centre",
      "Conditions on parameters use a sub-query:",
      "  \"fit_id IN (SELECT fit_id FROM parameters WHERE path = 'centre' AND median > 40)\"",
      "or any SELECT with --sql. The database is opened read-only."
    })
final class QueryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "WHERE",
      description = "a condition over the fits table (default: every fit)")
  String where = "";

  @Option(names = "--db", paramLabel = "FILE", required = true, description = "the database")
  Path database;

  @Option(
      names = {"-p", "--parameter"},
      paramLabel = "PATH",
      description = "a parameter whose estimate (median, or mean for EP) to add as a column")
  List<String> parameters = new ArrayList<>();

  @Option(names = "--sql", paramLabel = "SELECT", description = "a whole read-only query instead")
  String sql;

  @Option(names = "--csv", description = "print CSV instead of a table")
  boolean csv;

  @Override
  public Integer call() {
    if (sql != null && (!where.isEmpty() || !parameters.isEmpty())) {
      throw new IllegalArgumentException("give either --sql or a WHERE condition with --parameter");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (FitDatabase db = FitDatabase.openReadOnly(database)) {
      FitDatabase.Rows rows = sql != null ? db.query(sql) : db.fitsWhere(where, parameters);
      if (csv) {
        printCsv(rows, out);
      } else {
        TextTable table = new TextTable(rows.columns());
        for (List<Object> row : rows.rows()) {
          List<String> cells = new ArrayList<>();
          row.forEach(value -> cells.add(TextTable.cell(value)));
          table.add(cells);
        }
        table.print(out);
        out.printf("%d rows%n", rows.rows().size());
        out.flush();
      }
    }
    return 0;
  }

  private static void printCsv(FitDatabase.Rows rows, PrintWriter out) {
    try {
      CSVPrinter printer = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get().print(out);
      printer.printRecord(rows.columns());
      for (List<Object> row : rows.rows()) {
        printer.printRecord(row);
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

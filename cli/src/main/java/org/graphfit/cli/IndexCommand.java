package org.graphfit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.FitDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graphfit index ROOT... [--db FILE] [--verify]}: builds or brings up to date the SQLite
 * database of the fits under the roots; corrupt folders are recorded with their problem, reported
 * on standard error and skipped.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description =
        "Builds or updates the SQLite database of the fits under output roots: only folders whose"
            + " manifest changed are read again.")
final class IndexCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ROOT", description = "output roots")
  List<Path> roots;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "the database (default: graphfit.sqlite in the first root)")
  Path database;

  @Option(
      names = "--verify",
      description =
          "read and check every folder again, not only those whose manifest changed (finds files"
              + " damaged since they were indexed)")
  boolean verify;

  @Override
  public Integer call() {
    Aggregator aggregator = Aggregator.of(roots);
    Path file = database == null ? GraphFitCommand.defaultDatabase(roots.get(0)) : database;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (FitDatabase db = FitDatabase.open(file)) {
      FitDatabase.UpdateReport report = db.update(aggregator, verify);
      out.println(report.describe());
      out.println("database: " + file);
      out.flush();
      for (FitDatabase.Corrupt corrupt : report.corrupt()) {
        err.println("graphfit: corrupt fit skipped: " + corrupt.problem());
      }
      err.flush();
    }
    return 0;
  }
}

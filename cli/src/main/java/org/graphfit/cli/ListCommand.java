package org.graphfit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.FitFolder;
import org.graphfit.aggregator.FitSelection;
import org.graphfit.aggregator.FitStatus;
import org.graphfit.aggregator.FitSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graphfit list ROOT...}: every fit folder under the roots with its status, name, kind,
 * model, log evidence, likelihood calls and time; corrupt folders are reported on standard error
 * and left out of the table.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the fits under output roots with their status and headline figures.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ROOT", description = "output roots")
  List<Path> roots;

  @Option(
      names = "--name",
      paramLabel = "GLOB",
      description = "only fits whose name matches, e.g. 'seed/dataset_*'")
  String name;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FitSelection fits = Aggregator.of(roots).all();
    if (name != null) {
      fits = fits.named(name);
    }
    TextTable table =
        new TextTable(
            List.of(
                "status",
                "name",
                "kind",
                "model",
                "log Z",
                "calls",
                "seconds",
                "trust",
                "identifier"));
    int complete = 0;
    int incomplete = 0;
    List<FitFolder> corrupt = new ArrayList<>();
    for (FitFolder fit : fits) {
      FitStatus status = fit.status();
      if (status == FitStatus.CORRUPT) {
        corrupt.add(fit);
        continue;
      }
      List<String> row = new ArrayList<>();
      row.add(status.name().toLowerCase());
      row.add(fit.name());
      row.add(fit.kind().name().toLowerCase());
      row.add(value(fit.modelType()));
      if (status == FitStatus.COMPLETE) {
        complete++;
        FitSummary summary = fit.summary();
        row.add(TextTable.number("%.3f", summary.logEvidence()));
        row.add(summary.likelihoodCalls() < 0 ? "" : Long.toString(summary.likelihoodCalls()));
        row.add(TextTable.number("%.2f", summary.seconds()));
        row.add(summary.trustworthy() ? "yes" : "NO");
      } else {
        incomplete++;
        row.addAll(List.of("", "", "", ""));
      }
      row.add(fit.identifier());
      table.add(row);
    }
    table.print(out);
    out.printf(
        "%d fits: %d complete, %d incomplete, %d corrupt%s%n",
        complete + incomplete + corrupt.size(),
        complete,
        incomplete,
        corrupt.size(),
        corrupt.isEmpty() ? "" : " (skipped, see below)");
    out.flush();
    for (FitFolder fit : corrupt) {
      err.println("graphfit: corrupt fit skipped: " + fit.problem());
    }
    err.flush();
    return 0;
  }

  private static String value(String text) {
    return text == null ? "" : text;
  }
}

package org.graphfit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.FitKind;
import org.graphfit.aggregator.FitSelection;
import org.graphfit.aggregator.FitStatus;
import org.graphfit.aggregator.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graphfit export ROOT... --columns ... [--per factor] [--out FILE]}: a CSV table of the
 * fits under the roots, one row per fit or per factor, read straight from the folders (corrupt ones
 * reported on standard error and skipped).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a CSV table of the fits under output roots, one row per fit or per factor.",
      "Columns: name identifier path tag kind status model search log_evidence"
          + " log_evidence_error likelihood_calls failed_calls seconds trustworthy converged sweeps"
          + " concerns problem; per factor also factor factor_kind factor_status"
          + " log_evidence_term factor_folder; and parameters: PATH (its median, or mean for EP)"
          + " or PATH:STAT with STAT one of estimate median mean sd error_1_sigma error_3_sigma"
          + " max_likelihood. Per factor, a parameter is named as the factor names it (centre)"
          + " and read from the factor's folder (factors/<name>/) where the fit writes one."
    })
final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ROOT", description = "output roots")
  List<Path> roots;

  @Option(
      names = {"-c", "--columns"},
      split = ",",
      paramLabel = "COLUMN",
      description = "the columns (default: name,status,kind,log_evidence,likelihood_calls,seconds)")
  List<String> columns =
      List.of("name", "status", "kind", "log_evidence", "likelihood_calls", "seconds");

  @Option(
      names = "--per",
      paramLabel = "fit|factor",
      description = "one row per fit (default) or per factor")
  String per = "fit";

  @Option(names = "--per-factor", description = "one row per factor (the same as --per factor)")
  boolean perFactor;

  @Option(names = "--name", paramLabel = "GLOB", description = "only fits whose name matches")
  String name;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "only fits of a kind: search, graph, ep")
  String kind;

  @Option(names = "--completed", description = "only completed fits")
  boolean completed;

  @Option(
      names = "--trustworthy",
      description = "only completed fits that passed their self-checks")
  boolean trustworthy;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "the CSV file (default: standard output)")
  Path out;

  @Override
  public Integer call() {
    Table table =
        switch (perFactor ? "factor" : per) {
          case "fit" -> Table.perFit(columns);
          case "factor" -> Table.perFactor(columns);
          default -> throw new IllegalArgumentException("--per is fit or factor, not " + per);
        };
    Aggregator aggregator = Aggregator.of(roots);
    FitSelection fits = aggregator.all();
    if (name != null) {
      fits = fits.named(name);
    }
    if (kind != null) {
      fits = fits.ofKind(kind(kind));
    }
    PrintWriter err = spec.commandLine().getErr();
    FitSelection corrupt = fits.withStatus(FitStatus.CORRUPT);
    fits = fits.filter(fit -> fit.status() != FitStatus.CORRUPT);
    if (completed) {
      fits = fits.withStatus(FitStatus.COMPLETE);
    }
    if (trustworthy) {
      fits = fits.trustworthy();
    }
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      table.writeCsv(fits, stdout);
      stdout.flush();
    } else {
      table.writeCsv(fits, out);
      spec.commandLine().getOut().printf("wrote %s (%d fits)%n", out, fits.size());
      spec.commandLine().getOut().flush();
    }
    corrupt.forEach(fit -> err.println("graphfit: corrupt fit skipped: " + fit.problem()));
    err.flush();
    return 0;
  }

  private static FitKind kind(String text) {
    for (FitKind value : FitKind.values()) {
      if (value.name().equalsIgnoreCase(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException("--kind is search, graph or ep, not " + text);
  }
}

package org.graphfit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.DerivedSummary;
import org.graphfit.aggregator.FactorSummary;
import org.graphfit.aggregator.FitFolder;
import org.graphfit.aggregator.FitSelection;
import org.graphfit.aggregator.FitStatus;
import org.graphfit.aggregator.FitSummary;
import org.graphfit.aggregator.ParameterSummary;
import org.graphfit.output.FitFiles;
import org.graphfit.search.Concern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code graphfit show FOLDER}: one fit's figures, parameters, factors (with what each factor's
 * folder records), derived quantities and files. The folder is the fit's own ({@code
 * <root>/<name>/<identifier>}) or a name folder holding exactly one fit.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Shows one fit's results and files, every file checked against its manifest.")
final class ShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FOLDER",
      description = "a fit folder, or a name folder holding one fit")
  Path folder;

  @Override
  public Integer call() {
    FitFolder fit = find(folder);
    PrintWriter out = spec.commandLine().getOut();
    FitStatus status = fit.status();
    if (status == FitStatus.CORRUPT) {
      throw new IllegalStateException("corrupt fit: " + fit.problem());
    }
    out.printf("fit         %s%n", fit.name());
    out.printf("identifier  %s%n", fit.identifier());
    out.printf("folder      %s%n", fit.path());
    out.printf("status      %s%n", status.name().toLowerCase());
    out.printf("kind        %s%n", fit.kind().name().toLowerCase());
    out.printf("model       %s%n", fit.modelType());
    out.printf("search      %s%n", fit.search());
    if (fit.tag() != null && !fit.tag().isEmpty()) {
      out.printf("tag         %s%n", fit.tag());
    }
    if (status != FitStatus.COMPLETE) {
      out.printf("why         %s%n", fit.problem());
      out.flush();
      return 0;
    }
    FitSummary summary = fit.summary();
    out.printf(
        "log Z       %s%s%n",
        TextTable.number("%.4f", summary.logEvidence()),
        Double.isNaN(summary.logEvidenceError())
            ? (summary.logEvidenceApproximate() ? " (approximate)" : "")
            : TextTable.number(" +/- %.4f", summary.logEvidenceError()));
    if (summary.likelihoodCalls() >= 0) {
      out.printf("calls       %d (%d failed)%n", summary.likelihoodCalls(), summary.failedCalls());
    }
    if (summary.sweeps() > 0) {
      out.printf("sweeps      %d%n", summary.sweeps());
    }
    out.printf("seconds     %s%n", TextTable.number("%.2f", summary.seconds()));
    out.printf(
        "converged   %s%n",
        summary.converged() == null ? "not reported" : summary.converged() ? "yes" : "no");
    out.printf("trustworthy %s%n", summary.trustworthy() ? "yes" : "NO");
    for (Concern concern : summary.concerns()) {
      out.printf("  concern   %s: %s%n", concern.check(), concern.message());
    }
    out.println();
    TextTable parameters =
        new TextTable(List.of("parameter", "median", "1 sigma", "3 sigma", "mean", "sd", "max L"));
    for (ParameterSummary p : fit.parameters()) {
      parameters.add(
          List.of(
              p.path(),
              TextTable.number("%.6g", p.median()),
              TextTable.number("%.6g", p.error1Sigma()),
              TextTable.number("%.6g", p.error3Sigma()),
              TextTable.number("%.6g", p.mean()),
              TextTable.number("%.6g", p.sd()),
              TextTable.number("%.6g", p.maxLikelihood())));
    }
    parameters.print(out);
    if (fit.factors().size() > 1) {
      out.println();
      TextTable factors =
          new TextTable(List.of("factor", "kind", "status", "log Z term", "parameters"));
      for (FactorSummary factor : fit.factors()) {
        factors.add(
            List.of(
                factor.name(),
                factor.kind().name().toLowerCase(),
                factor.status() == null ? "" : factor.status(),
                TextTable.number("%.4f", factor.logEvidenceTerm()),
                String.join(" ", factor.parameters().values())));
      }
      factors.print(out);
      for (FactorSummary factor : fit.factors()) {
        if (factor.folder() == null) {
          continue;
        }
        out.println();
        out.printf("factor %s  (%s/)%n", factor.name(), factor.folder());
        TextTable own =
            new TextTable(
                List.of("parameter", "fit parameter", "median", "1 sigma", "mean", "sd", "max L"));
        for (ParameterSummary p : factor.estimates()) {
          own.add(
              List.of(
                  p.path(),
                  factor.parameters().getOrDefault(p.path(), ""),
                  TextTable.number("%.6g", p.median()),
                  TextTable.number("%.6g", p.error1Sigma()),
                  TextTable.number("%.6g", p.mean()),
                  TextTable.number("%.6g", p.sd()),
                  TextTable.number("%.6g", p.maxLikelihood())));
        }
        own.print(out);
      }
    }
    if (!fit.derived().isEmpty()) {
      out.println();
      TextTable derived =
          new TextTable(List.of("derived", "median", "mean", "1 sigma", "3 sigma interval"));
      for (DerivedSummary quantity : fit.derived()) {
        derived.add(
            List.of(
                quantity.name(),
                TextTable.number("%.6g", quantity.median()),
                TextTable.number("%.6g", quantity.mean()),
                TextTable.number("%.6g", quantity.error1Sigma()),
                TextTable.number("[%.6g", quantity.lower3Sigma())
                    + TextTable.number(", %.6g]", quantity.upper3Sigma())));
      }
      derived.print(out);
    }
    out.println();
    TextTable files = new TextTable(List.of("file", "bytes", "sha256"));
    for (Map.Entry<String, FitFiles.Listed> entry : fit.files().entrySet()) {
      files.add(
          List.of(
              entry.getKey(),
              Long.toString(entry.getValue().bytes()),
              entry.getValue().sha256().substring(0, 16)));
    }
    files.print(out);
    out.printf("%d files, each checked against %s%n", fit.files().size(), FitFiles.MANIFEST);
    out.flush();
    return 0;
  }

  /** The fit of a folder, or of a name folder holding one. */
  static FitFolder find(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "no fit folder at "
              + folder
              + (Files.exists(folder) ? " (it is a file)" : " (it does not exist)"));
    }
    if (Files.isDirectory(folder.resolve("files"))) {
      return FitFolder.at(folder);
    }
    FitSelection below = Aggregator.of(folder).all();
    if (below.size() == 1) {
      return FitFolder.at(below.list().get(0).path());
    }
    throw new IllegalArgumentException(
        below.size() == 0
            ? folder
                + " is not a fit folder and holds none (a fit folder is named by 32 hex digits"
                + " and has a files/ folder)"
            : folder
                + " holds "
                + below.size()
                + " fits: name one of their folders, e.g. "
                + below.list().get(0).path());
  }
}

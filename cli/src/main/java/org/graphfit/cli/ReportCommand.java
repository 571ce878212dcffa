package org.graphfit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.graphfit.aggregator.Aggregator;
import org.graphfit.aggregator.FitSelection;
import org.graphfit.aggregator.FitStatus;
import org.graphfit.aggregator.IndexPage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graphfit report ROOT... [--out FILE] [--name GLOB]}: one self-contained HTML page listing
 * every fit under the roots, with a link to each fit's {@code report.html}; corrupt folders are
 * listed as such (and reported on standard error).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Writes one HTML page listing every fit under output roots: status, name, kind, model,"
            + " log Z, calls, time, trust verdict, concerns and a link to each fit's report.")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ROOT", description = "output roots")
  List<Path> roots;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "the page (default: index.html in the first root)")
  Path out;

  @Option(names = "--name", paramLabel = "GLOB", description = "only fits whose name matches")
  String name;

  @Override
  public Integer call() {
    FitSelection fits = Aggregator.of(roots).all();
    if (name != null) {
      fits = fits.named(name);
    }
    Path file = out == null ? roots.get(0).resolve("index.html") : out;
    String title = "Fits under " + String.join(", ", roots.stream().map(Path::toString).toList());
    Path written = IndexPage.titled(title).write(fits, file);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf("wrote %s (%d fits)%n", written, fits.size());
    stdout.flush();
    PrintWriter err = spec.commandLine().getErr();
    fits.withStatus(FitStatus.CORRUPT)
        .forEach(fit -> err.println("graphfit: corrupt fit listed: " + fit.problem()));
    err.flush();
    return 0;
  }
}

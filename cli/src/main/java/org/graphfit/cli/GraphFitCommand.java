package org.graphfit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code graphfit} command: {@code list}, {@code show}, {@code index}, {@code query} and {@code
 * export} over fit folders and their database. Errors (a missing root or folder, a corrupt fit, a
 * bad query) are one line on standard error naming what is wrong, with exit code 2 for bad input
 * and 1 for a folder that cannot be read.
 */
@Command(
    name = "graphfit",
    mixinStandardHelpOptions = true,
    version = "graphfit 0.1.0",
    description = "Lists, shows, indexes, queries and exports GraphFit fit folders.",
    subcommands = {
      ListCommand.class,
      ShowCommand.class,
      IndexCommand.class,
      QueryCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GraphFitCommand implements Runnable {
  /** Exit code of a folder or database that cannot be read (corrupt, unreadable). */
  static final int UNREADABLE = 1;

  /** Exit code of bad input: a missing root or folder, an unknown column, a bad query. */
  static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "give a command, e.g. list");
  }

  /**
   * The command line, with its error handling.
   *
   * @return the command line
   */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new GraphFitCommand());
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("graphfit: " + exception.getMessage());
          err.flush();
          return exception instanceof IllegalArgumentException ? BAD_INPUT : UNREADABLE;
        });
    return line;
  }

  /**
   * The default database of a root.
   *
   * @param root an output root
   * @return {@code <root>/graphfit.sqlite}
   */
  static Path defaultDatabase(Path root) {
    return root.resolve("graphfit.sqlite");
  }

  /**
   * Runs the command.
   *
   * @param args the arguments, e.g. {@code list output}
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

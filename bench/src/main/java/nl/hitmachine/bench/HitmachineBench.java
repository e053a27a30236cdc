package nl.hitmachine.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hitmachine-bench}: the project's load generator. See docs/benchmarks.md.
 *
 * <p>Exit codes: 0 ok, 1 unexpected, 2 usage, 3 no request was answered with 2xx (service down or
 * refusing), 4 local file problem (key, credentials, output).
 */
@Command(
    name = "hitmachine-bench",
    mixinStandardHelpOptions = true,
    version = "hitmachine-bench 0.1.0-SNAPSHOT",
    description = "Load generator for hit-service with an open workload model (constant arrival rate).",
    subcommands = {RunCommand.class, PreloadCommand.class, RegistrationsCommand.class, ReplaceCommand.class,
      PlotCommand.class, ReportCommand.class, FieldCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (the report may still show errors)",
      "1:unexpected failure",
      "2:usage error",
      "3:no request was answered with 2xx",
      "4:local file problem (key, credentials, output)"
    })
public final class HitmachineBench implements Runnable {
  static final int NO_SUCCESS = 3;
  static final int IO = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. run");
  }

  static CommandLine commandLine() {
    // Later options win, so that bin/bench's defaults (credentials, key directory) can be overridden.
    return new CommandLine(new HitmachineBench()).setOverwrittenOptionsAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

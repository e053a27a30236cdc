package nl.hitmachine.connector.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hitconnect demo}: commands for the synthetic demo city. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Demonstration with a synthetic city (demo data only, never real BSNs).",
    subcommands = {DemoLoadCommand.class, DemoGenerateCommand.class})
final class DemoCommand implements Runnable {
  @ParentCommand HitConnect root;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}

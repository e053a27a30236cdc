package nl.hitmachine.service.tools;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hitmachine audit}: the audit tools. Reached through {@code java -jar hit-service.jar audit
 * ...}.
 */
@Command(
    name = "hitmachine audit",
    mixinStandardHelpOptions = true,
    description = "Audit log tools (offline; need no secret).",
    subcommands = {AuditVerifyCommand.class})
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: usage, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /** Runs {@code hitmachine audit <args>} and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return CommandRunner.run(new AuditCommand(), args, out, err);
  }

  /** Runs on the standard streams. */
  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }
}

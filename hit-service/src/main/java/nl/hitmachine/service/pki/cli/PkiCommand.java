package nl.hitmachine.service.pki.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import nl.hitmachine.service.tools.CommandRunner;

/**
 * {@code hitmachine pki}: a development CA for mutual TLS between hit-service and the agency
 * systems. Reached through {@code java -jar hit-service.jar pki ...}. Exit codes: 0 ok, 1 failed
 * (refused or could not be done), 2 usage, 4 files unreadable.
 */
@Command(
    name = "hitmachine pki",
    mixinStandardHelpOptions = true,
    description = {
      "Development certificate authority: server and per-agency client certificates for mutual TLS,"
          + " a list of what was issued, revocation and a signed CRL. Production uses PKIoverheid"
          + " certificates instead (docs/pki.md).",
      "Exit codes: 0 ok, 1 failed, 2 usage, 4 files unreadable."
    },
    subcommands = {
      InitCommand.class,
      IssueServerCommand.class,
      IssueClientCommand.class,
      ListCommand.class,
      RevokeCommand.class,
      CrlCommand.class
    })
public final class PkiCommand implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNREADABLE = 4;

  /** The environment variable holding the PKCS#12 password when no --password-file is given. */
  public static final String PASSWORD_ENV = "HITMACHINE_PKI_PASSWORD";

  final Map<String, String> env;
  final Clock clock;
  final SecureRandom random;

  @Spec CommandSpec spec;

  PkiCommand(Map<String, String> env, Clock clock, SecureRandom random) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.random = random;
  }

  /** Without a subcommand: usage, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  /**
   * Runs {@code hitmachine pki <args>} with the given environment (for {@value #PASSWORD_ENV}) and
   * clock, and returns the exit code.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    return CommandRunner.run(new PkiCommand(env, clock, new SecureRandom()), args, out, err);
  }

  /** Runs on the standard streams, the process environment and the system clock. */
  public static int run(String[] args) {
    return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
        Clock.systemUTC());
  }
}

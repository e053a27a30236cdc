package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import nl.hitmachine.connector.HitmachineProblemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hitconnect}: the Hitmachine connector command line. Built on the SDK's public API only.
 *
 * <p>Exit codes: 0 ok, 2 usage, 3 hit-service refused or could not be reached, 4 local file
 * problem (key, credentials, output), 5 invalid input rows, 1 anything unexpected.
 */
@Command(
    name = "hitconnect",
    mixinStandardHelpOptions = true,
    versionProvider = HitConnect.VersionProvider.class,
    description = "Hitmachine connector: pseudonymise BSNs locally, push caseloads to hit-service and look up persons and households.",
    subcommands = {
      KeygenCommand.class,
      PseudonymiseCommand.class,
      LookupCommand.class,
      PushCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "2:usage error",
      "3:hit-service refused the request or could not be reached",
      "4:local file problem (key, credentials, output)",
      "5:invalid input rows (reported by row number; nothing sent unless --skip-invalid)"
    })
public final class HitConnect implements Runnable {
  public static final int OK = 0;
  public static final int SOFTWARE = 1;
  public static final int USAGE = 2;
  public static final int SERVICE = 3;
  public static final int IO = 4;
  /** Input rows were invalid (reported by row number and reason); nothing was sent. */
  public static final int INVALID_INPUT = 5;

  private final Clock clock;

  @Spec CommandSpec spec;

  public HitConnect(Clock clock) {
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, charset);
    PrintWriter err = new PrintWriter(System.err, true, charset);
    System.exit(run(Clock.systemDefaultZone(), out, err, args));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(Clock clock, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new HitConnect(clock));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          int code = report(e, w);
          w.flush();
          return code;
        });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int report(Exception e, PrintWriter err) {
    if (e instanceof HitmachineProblemException p) {
      err.println("hitconnect: hit-service refused the request: " + p.getMessage());
      List<HitmachineProblemException.ItemError> errors = p.errors();
      errors.stream()
          .limit(10)
          .forEach(
              i ->
                  err.println(
                      "  "
                          + (i.index() != null ? "item " + i.index() : i.line() != null ? "line " + i.line() : "item")
                          + ": "
                          + i.detail()));
      if (errors.size() > 10) {
        err.println("  ... and " + (errors.size() - 10) + " more");
      }
      if (p.requestId() != null) {
        err.println("  request id: " + p.requestId());
      }
      return SERVICE;
    }
    if (e instanceof ServiceException) {
      err.println("hitconnect: " + e.getMessage());
      return SERVICE;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println("hitconnect: " + describe(e));
      return IO;
    }
    err.println("hitconnect: unexpected error: " + describe(e));
    return SOFTWARE;
  }

  static String describe(Throwable e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String message = t.getMessage();
    String kind = t.getClass().getSimpleName();
    return switch (kind) {
      case "NoSuchFileException" -> "no such file: " + message;
      case "FileAlreadyExistsException" -> "file already exists: " + message;
      case "AccessDeniedException" -> "permission denied: " + message;
      default -> message == null ? kind : message;
    };
  }

  /** hit-service refused a request or could not be reached (exit code 3). */
  static final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServiceException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The version of the SDK build (from the jar's version resource). */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = "unknown";
      try (InputStream in =
          HitConnect.class.getResourceAsStream("/nl/hitmachine/connector/sdk-version.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          version = p.getProperty("version", version);
        }
      } catch (IOException e) {
        // keep "unknown"
      }
      return new String[] {"hitconnect " + version};
    }
  }
}

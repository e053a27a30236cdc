package nl.hitmachine.service.tools;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a picocli command on given streams, for the {@code hitmachine} tools and their tests. */
public final class CommandRunner {
  private CommandRunner() {}

  /** Executes {@code command} with {@code args}, flushes both streams, and returns the exit code. */
  public static int run(Object command, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}

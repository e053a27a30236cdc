package nl.hitmachine.service.pki.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import nl.hitmachine.service.pki.CertificateAuthority;
import nl.hitmachine.service.pki.PkiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code pki} subcommand shares: {@code --ca-dir}, the streams and the exit-code mapping. */
abstract class PkiSubcommand implements Callable<Integer> {
  @ParentCommand PkiCommand parent;

  @Spec CommandSpec spec;

  @Option(names = "--ca-dir", required = true, paramLabel = "DIR",
      description = "The CA directory (ca.key.pem, ca.crt.pem, issued.json, crl.pem).")
  Path caDir;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (PkiException e) {
      err().println("pki " + spec.name() + ": " + e.getMessage());
      err().flush();
      return switch (e.kind()) {
        case INVALID_INPUT -> PkiCommand.USAGE;
        case UNREADABLE -> PkiCommand.UNREADABLE;
        case FAILED -> PkiCommand.FAILED;
      };
    }
  }

  /** Does the work; returns the exit code or throws {@link PkiException}. */
  abstract int execute();

  CertificateAuthority openCa() {
    return CertificateAuthority.open(caDir, parent.clock, parent.random);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static Duration crlValidity(int days) {
    if (days < 1 || days > 365) {
      throw new PkiException(PkiException.Kind.INVALID_INPUT, "--crl-days must be between 1 and 365, was " + days);
    }
    return Duration.ofDays(days);
  }
}

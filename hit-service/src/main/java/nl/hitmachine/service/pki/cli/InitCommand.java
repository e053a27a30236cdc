package nl.hitmachine.service.pki.cli;

import java.security.cert.X509Certificate;
import nl.hitmachine.service.pki.CertificateAuthority;
import nl.hitmachine.service.pki.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki init}: creates the development CA. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Creates a development CA (ECDSA P-256, self-signed, pathLen 0) in --ca-dir with an empty"
        + " issued.json and an empty CRL. Refuses a directory that already holds a CA.")
final class InitCommand extends PkiSubcommand {
  @Option(names = "--name", paramLabel = "NAME", defaultValue = CertificateAuthority.DEFAULT_NAME,
      description = "The CA's common name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
      description = "Validity of the CA certificate in days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--crl-days", paramLabel = "N", defaultValue = "7",
      description = "Days until the CRL's nextUpdate (default: ${DEFAULT-VALUE}).")
  int crlDays;

  @Override
  int execute() {
    CertificateAuthority ca = CertificateAuthority.init(caDir, name, days, crlValidity(crlDays), parent.clock,
        parent.random);
    X509Certificate c = ca.certificate();
    out().println("created CA \"" + name + "\" in " + caDir);
    out().println("  valid:      " + c.getNotBefore().toInstant() + " .. " + c.getNotAfter().toInstant());
    out().println("  sha256:     " + IssuedCertificate.sha256(c));
    out().println("  key:        " + caDir.resolve(CertificateAuthority.KEY_FILE) + " (mode 600; secret, keep offline)");
    out().println("  trust:      " + caDir.resolve(CertificateAuthority.CERTIFICATE_FILE)
        + " (give to hit-service and to every agency system)");
    out().println("  CRL:        " + caDir.resolve(CertificateAuthority.CRL_FILE) + " (re-issue with pki crl before "
        + crlDays + " days)");
    out().flush();
    return PkiCommand.OK;
  }
}

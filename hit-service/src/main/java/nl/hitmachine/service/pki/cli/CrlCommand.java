package nl.hitmachine.service.pki.cli;

import java.security.cert.X509CRL;
import nl.hitmachine.service.pki.CertificateAuthority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki crl}: re-issues the CRL before it expires. */
@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description = "Writes a freshly signed crl.pem listing every revoked certificate. A CRL expires at its"
        + " nextUpdate: run this from cron well before then (docs/pki.md).")
final class CrlCommand extends PkiSubcommand {
  @Option(names = "--crl-days", paramLabel = "N", defaultValue = "7",
      description = "Days until the CRL's nextUpdate (default: ${DEFAULT-VALUE}).")
  int crlDays;

  @Override
  int execute() {
    X509CRL crl = openCa().publishCrl(crlValidity(crlDays));
    int revoked = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
    out().println("CRL written to " + caDir.resolve(CertificateAuthority.CRL_FILE) + ": " + revoked
        + (revoked == 1 ? " revoked certificate" : " revoked certificates") + ", next update "
        + crl.getNextUpdate().toInstant());
    out().flush();
    return PkiCommand.OK;
  }
}

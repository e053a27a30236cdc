package nl.hitmachine.service.pki.cli;

import nl.hitmachine.service.pki.CertificateAuthority;
import nl.hitmachine.service.pki.IssuedCertificate;
import nl.hitmachine.service.pki.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki revoke}: revokes a certificate and publishes a new CRL. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revokes the certificate with --serial (see pki list) and writes a fresh signed crl.pem."
        + " Copy the CRL to hit-service afterwards.")
final class RevokeCommand extends PkiSubcommand {
  @Option(names = "--serial", required = true, paramLabel = "HEX", description = "Serial number in hex.")
  String serial;

  @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  RevocationReason reason;

  @Option(names = "--crl-days", paramLabel = "N", defaultValue = "7",
      description = "Days until the new CRL's nextUpdate (default: ${DEFAULT-VALUE}).")
  int crlDays;

  @Override
  int execute() {
    CertificateAuthority ca = openCa();
    IssuedCertificate revoked = ca.revoke(serial, reason, crlValidity(crlDays));
    out().println("revoked " + revoked.kind().label() + " certificate " + revoked.serial() + " (" + revoked.subject()
        + "), reason " + reason.name());
    out().println("CRL written to " + caDir.resolve(CertificateAuthority.CRL_FILE) + "; copy it to hit-service");
    out().flush();
    return PkiCommand.OK;
  }
}

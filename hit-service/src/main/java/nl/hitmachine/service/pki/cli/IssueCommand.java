package nl.hitmachine.service.pki.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import nl.hitmachine.service.pki.BundleFiles;
import nl.hitmachine.service.pki.BundleFormat;
import nl.hitmachine.service.pki.CertificateAuthority;
import nl.hitmachine.service.pki.CertificateBundle;
import nl.hitmachine.service.pki.CertificateRequest;
import nl.hitmachine.service.pki.IssuedCertificate;
import nl.hitmachine.service.pki.Pkcs12Writer;
import picocli.CommandLine.Mixin;
import nl.hitmachine.service.pki.CertificateKind;
import nl.hitmachine.service.auth.DistinguishedNames;

/**
 * The common flow of {@code issue-server} and {@code issue-client}: check the password and the
 * output files first (so that nothing is issued that cannot be written), issue, write, report.
 */
abstract class IssueCommand extends PkiSubcommand {
  @Mixin BundleOptions output;

  int issue(BiFunction<CertificateAuthority, Optional<CertificateRequest>, CertificateBundle> issuer) {
    char[] password = output.password(parent.env);
    try {
      if (output.format == BundleFormat.pkcs12) {
        Pkcs12Writer.checkPassword(password);
      }
      Optional<CertificateRequest> request = Optional.ofNullable(output.csr).map(CertificateRequest::read);
      BundleFiles.checkWritable(output.out, output.format, request.isEmpty(), output.force);
      CertificateAuthority ca = openCa();
      CertificateBundle bundle = issuer.apply(ca, request);
      List<Path> written = BundleFiles.write(bundle, output.out, output.format, password, output.force);
      IssuedCertificate c = bundle.issued();
      out().println("issued " + c.kind().label() + " certificate");
      out().println("  serial:   " + c.serial());
      out().println("  subject:  " + c.subject());
      if (c.kind() == CertificateKind.CLIENT) {
        out().println("  certificateSubject (for clients[] in the hit-service configuration): "
            + DistinguishedNames.text(bundle.certificate().getSubjectX500Principal()));
      }
      out().println("  valid:    " + c.notBefore() + " .. " + c.notAfter());
      out().println("  sha256:   " + c.sha256());
      for (Path p : written) {
        boolean secret = !p.getFileName().toString().endsWith(".crt.pem");
        out().println("  wrote:    " + p + (secret ? " (mode 600; holds the private key)" : ""));
      }
      out().flush();
      return PkiCommand.OK;
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}

package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nl.hitmachine.connector.HitmachineClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say where hit-service is and which credential to use: {@code --url} and
 * exactly one of {@code --token}, {@code --token-file}, or {@code --credentials} with {@code
 * --client} (the demo's credentials file, which also supplies the URL unless {@code --url} is
 * given) — or, for mutual TLS, {@code --client-cert} with {@code --client-cert-password-file},
 * where a token is optional. {@code --ca-file} names the CAs trusted for the server's certificate.
 * Tokens and passwords are never printed.
 */
final class ServiceConnection {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", description = "hit-service URL, e.g. https://hit.example.nl (default with --credentials: the file's url).")
  URI url;

  @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token of this client. Visible to other local users in the process list; prefer --token-file.")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the bearer token (surrounding whitespace ignored).")
  Path tokenFile;

  @Option(names = "--credentials", paramLabel = "FILE", description = "The credentials file hit-service wrote in demo mode; with --client.")
  Path credentials;

  @Option(names = "--client", paramLabel = "ID", description = "The clientId in --credentials whose token to use, e.g. vh-coordinator.")
  String clientId;

  @Option(names = "--client-cert", paramLabel = "FILE.p12", description = "PKCS#12 file with this client's certificate and key (mutual TLS); a token is then optional.")
  Path clientCert;

  @Option(names = "--client-cert-password-file", paramLabel = "FILE", description = "File whose first line is the --client-cert password (mode 600).")
  Path clientCertPasswordFile;

  @Option(names = "--ca-file", paramLabel = "FILE.pem", description = "PEM bundle (or password-less PKCS#12) of the CAs trusted for hit-service's certificate (default: the JDK's CAs).")
  Path caFile;

  /**
   * Builds a client.
   *
   * @throws ParameterException for missing, conflicting or malformed options (exit 2)
   * @throws IOException if the token or credentials file cannot be read (exit 4)
   */
  HitmachineClient open() throws IOException {
    int sources = (token != null ? 1 : 0) + (tokenFile != null ? 1 : 0) + (credentials != null ? 1 : 0);
    if (sources > 1 || (sources == 0 && clientCert == null)) {
      throw usage("give exactly one of --token, --token-file, or --credentials with --client (or --client-cert)");
    }
    if ((clientCert != null) != (clientCertPasswordFile != null)) {
      throw usage("--client-cert and --client-cert-password-file go together");
    }
    if ((credentials != null) != (clientId != null)) {
      throw usage("--credentials and --client go together");
    }
    URI service = url;
    String bearer = token;
    if (tokenFile != null) {
      bearer = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      if (bearer.isEmpty()) {
        throw new IOException("token file " + tokenFile + " is empty");
      }
    }
    if (credentials != null) {
      DemoCredentials creds = DemoCredentials.read(credentials);
      List<DemoCredentials.Client> matching =
          creds.clients().stream().filter(c -> clientId.equals(c.clientId()) && c.token() != null).toList();
      if (matching.isEmpty()) {
        throw new IOException("credentials file " + credentials + " has no client " + clientId + " with a token");
      }
      bearer = matching.get(0).token();
      if (service == null && creds.url() != null) {
        try {
          service = new URI(creds.url());
        } catch (java.net.URISyntaxException e) {
          throw usage("the credentials file's url is not a URI; give --url");
        }
      }
    }
    if (service == null) {
      throw usage("give --url (hit-service's address)");
    }
    if (!service.isAbsolute()
        || !("http".equalsIgnoreCase(service.getScheme()) || "https".equalsIgnoreCase(service.getScheme()))
        || service.getHost() == null) {
      throw usage("the service URL must be http:// or https:// with a host");
    }
    if (bearer != null && (bearer.isEmpty() || !bearer.matches("[A-Za-z0-9._~+/=-]+"))) {
      String from = tokenFile != null ? "the token file " + tokenFile : credentials != null ? "the credentials file" : "--token";
      throw usage(from + " does not hold a bearer token (RFC 6750 token68)");
    }
    if ((clientCert != null || caFile != null) && !"https".equalsIgnoreCase(service.getScheme())) {
      throw usage("--client-cert and --ca-file need an https:// service URL");
    }
    try {
      HitmachineClient.Builder builder = bearer != null ? HitmachineClient.builder(service, bearer)
          : HitmachineClient.builder(service);
      if (clientCert != null) {
        builder.clientCertificate(clientCert, readPassword(clientCertPasswordFile));
      }
      if (caFile != null) {
        builder.trustStore(caFile);
      }
      return builder.connectTimeout(Duration.ofSeconds(10)).build();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    } catch (IllegalArgumentException e) {
      // The builder's messages name the rule, never the token.
      throw usage(e.getMessage());
    }
  }

  /** The first line of a password file that only its owner may read. */
  private static char[] readPassword(Path file) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
        throw new IOException("password file " + file + " is accessible by group or others; restrict it with: chmod 600 " + file);
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; nothing to check
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String line = text.lines().findFirst().orElse("");
    if (line.isEmpty()) {
      throw new IOException("password file " + file + " holds no password on its first line");
    }
    return line.toCharArray();
  }

  /** Where the service is, for messages. */
  String describeService() {
    return url != null ? url.toString() : credentials != null ? "the url in " + credentials : "hit-service";
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

package nl.hitmachine.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.internal.TlsContexts;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the service is and how to authenticate, shared by every command: a bearer token (from
 * {@code --token-file} or the demo's {@code credentials.json}), and for TLS a trust store and,
 * for mutual TLS, a PKCS#12 client certificate — the same options the connector SDK takes.
 */
final class ServiceOptions {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(names = "--url", description = "hit-service base URL (default: the credentials file's url, else ${DEFAULT-VALUE})",
      defaultValue = "http://127.0.0.1:8080")
  URI url;

  @Option(names = "--token-file", description = "file holding the bearer token (instead of --credentials)")
  Path tokenFile;

  @Option(names = "--credentials", description = "the demo's credentials.json (default: ${DEFAULT-VALUE})",
      defaultValue = "hitmachine-demo/credentials.json")
  Path credentials;

  @Option(names = "--trust-store", description = "TLS: CA bundle (PEM) or PKCS#12 trust store for the server certificate")
  Path trustStore;

  @Option(names = "--client-cert", description = "mutual TLS: the client's PKCS#12 file (key + certificate)")
  Path clientCert;

  @Option(names = "--client-cert-password-file", description = "mutual TLS: file whose first line is the PKCS#12 password")
  Path clientCertPasswordFile;

  /** A resolved connection: base URI, the Authorization header value (if any) and the TLS context (if any). */
  record Connection(URI base, Optional<String> token, Optional<SSLContext> tls) {
    Optional<String> authorization() {
      return token.map(t -> "Bearer " + t);
    }

    HttpClient httpClient() {
      HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30));
      tls.ifPresent(b::sslContext);
      return b.build();
    }

    /** An SDK client for the registration calls: no retries (a retry would hide a failure in a benchmark). */
    HitmachineClient sdkClient(Duration caseloadTimeout) {
      HitmachineClient.Builder b = token.isPresent() ? HitmachineClient.builder(base, token.get()) : HitmachineClient.builder(base);
      tls.ifPresent(b::sslContext);
      return b.maxAttempts(1).requestTimeout(Duration.ofMinutes(5)).caseloadTimeout(caseloadTimeout).build();
    }

    @Override
    public String toString() {
      return "Connection[" + base + ", token=redacted, tls=" + tls.isPresent() + "]";
    }
  }

  /**
   * Resolves the connection for {@code clientId} (a client of the credentials file; ignored with
   * {@code --token-file}, or without a token when a client certificate is given).
   */
  Connection connect(String clientId) throws IOException {
    URI base = url;
    Optional<String> token = Optional.empty();
    if (tokenFile != null) {
      token = Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
    } else if (clientCert == null || Files.exists(credentials)) {
      Credentials c = Credentials.read(credentials, clientId);
      token = Optional.of(c.token());
      if (!mixee.commandLine().getParseResult().hasMatchedOption("--url") && c.url().isPresent()) {
        base = URI.create(c.url().get());
      }
    }
    Optional<SSLContext> tls = Optional.empty();
    if (trustStore != null || clientCert != null) {
      char[] password = null;
      if (clientCert != null) {
        if (clientCertPasswordFile == null) {
          throw new CommandLine.ParameterException(mixee.commandLine(), "--client-cert needs --client-cert-password-file");
        }
        password = Files.readAllLines(clientCertPasswordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
            .toCharArray();
      }
      tls = Optional.of(TlsContexts.create(clientCert, password, trustStore));
    }
    if (tls.isPresent() && !"https".equalsIgnoreCase(base.getScheme())) {
      throw new CommandLine.ParameterException(mixee.commandLine(), "--trust-store and --client-cert need an https --url");
    }
    return new Connection(base, token, tls);
  }
}

package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.hitmachine.connector.HitmachineClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say where hit-service is and which credential to use: {@code --url} and
 * exactly one of {@code --token}, {@code --token-file}, or {@code --credentials} with {@code
 * --client} (the demo's credentials file, which also supplies the URL unless {@code --url} is
 * given). Tokens are never printed.
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

  /**
   * Builds a client.
   *
   * @throws ParameterException for missing, conflicting or malformed options (exit 2)
   * @throws IOException if the token or credentials file cannot be read (exit 4)
   */
  HitmachineClient open() throws IOException {
    int sources = (token != null ? 1 : 0) + (tokenFile != null ? 1 : 0) + (credentials != null ? 1 : 0);
    if (sources != 1) {
      throw usage("give exactly one of --token, --token-file, or --credentials with --client");
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
    if (bearer.isEmpty() || !bearer.matches("[A-Za-z0-9._~+/=-]+")) {
      String from = tokenFile != null ? "the token file " + tokenFile : credentials != null ? "the credentials file" : "--token";
      throw usage(from + " does not hold a bearer token (RFC 6750 token68)");
    }
    try {
      return HitmachineClient.builder(service, bearer).connectTimeout(Duration.ofSeconds(10)).build();
    } catch (IllegalArgumentException e) {
      // The builder's messages name the rule, never the token.
      throw usage(e.getMessage());
    }
  }

  /** Where the service is, for messages. */
  String describeService() {
    return url != null ? url.toString() : credentials != null ? "the url in " + credentials : "hit-service";
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

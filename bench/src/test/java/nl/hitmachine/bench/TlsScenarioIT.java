package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import nl.hitmachine.service.pki.cli.PkiCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios with TLS on, as the suite runs them: a development CA made with {@code hitmachine
 * pki}, the real hit-service with a server certificate demanding client certificates
 * (clientAuth required) and still accepting the demo's bearer tokens, and the bench presenting a
 * client certificate and trusting the CA.
 */
class TlsScenarioIT {
  private static final String PASSWORD = "bench-tls-password-0123";

  @TempDir Path dir;

  private void pki(String... args) {
    StringWriter err = new StringWriter();
    int code = PkiCommand.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err),
        Map.of(PkiCommand.PASSWORD_ENV, PASSWORD), Clock.systemUTC());
    assertThat(code).as(err.toString()).isZero();
  }

  @Test
  void lookupsPreloadAndReplaceRunOverMutualTls() throws Exception {
    Path ca = dir.resolve("ca");
    pki("init", "--ca-dir", ca.toString());
    pki("issue-server", "--ca-dir", ca.toString(), "--dns", "localhost", "--ip", "127.0.0.1", "--format", "pkcs12",
        "--out", dir.resolve("server").toString());
    pki("issue-client", "--ca-dir", ca.toString(), "--client-id", "bench", "--agency", "veiligheidshuis", "--format", "pkcs12",
        "--out", dir.resolve("bench").toString());
    Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));

    try (LiveService live = LiveService.start(dir.resolve("service"), Map.of(
        "HITMACHINE_SERVER_TLS_KEY_STORE_FILE", dir.resolve("server.p12").toString(),
        "HITMACHINE_SERVER_TLS_KEY_STORE_PASSWORD_FILE", password.toString(),
        "HITMACHINE_SERVER_TLS_TRUSTED_CA_FILE", ca.resolve("ca.crt.pem").toString(),
        "HITMACHINE_SERVER_BEARER_TOKENS", "true"))) {
      String[] tls = {"--url=" + live.uri("https"), "--credentials=" + live.credentials,
          "--trust-store=" + ca.resolve("ca.crt.pem"), "--client-cert=" + dir.resolve("bench.p12"),
          "--client-cert-password-file=" + password, "--format=json"};

      JsonNode preload = bench("preload", tls, "--count", "300", "--batch", "100");
      assertThat(preload.path("runs").get(0).path("registrations").asLong()).isEqualTo(300);
      JsonNode single = bench("run", tls, "--population", "300", "--hit-rate", "1", "--rate", "50", "--duration", "1s",
          "--warmup", "0s", "--runs", "1");
      assertThat(single.path("runs").get(0).path("ok").asLong()).isEqualTo(50);
      assertThat(single.path("url").asText()).startsWith("https://");
      assertThat(single.path("generator").asText()).startsWith("loop ("); // the default, TLS included
      JsonNode jdk = bench("run", tls, "--population", "300", "--hit-rate", "1", "--rate", "50", "--duration", "1s",
          "--warmup", "0s", "--runs", "1", "--generator", "jdk");
      assertThat(jdk.path("runs").get(0).path("ok").asLong()).isEqualTo(50);
      JsonNode replace = bench("replace", tls, "--subjects", "200", "--runs", "1");
      assertThat(replace.path("runs").get(0).path("added").asLong()).isEqualTo(200);

      // Without the client certificate the handshake fails: every request is a transport error.
      String[] noCert = {"--url=" + live.uri("https"), "--credentials=" + live.credentials,
          "--trust-store=" + ca.resolve("ca.crt.pem"), "--format=json"};
      StringWriter out = new StringWriter();
      int code = HitmachineBench.commandLine().setOut(new PrintWriter(out)).execute(concat(new String[] {"run"}, noCert,
          new String[] {"--population", "300", "--rate", "10", "--duration", "500ms", "--warmup", "0s", "--runs", "1"}));
      assertThat(code).isEqualTo(HitmachineBench.NO_SUCCESS);
      assertThat(new ObjectMapper().readTree(out.toString()).path("runs").get(0).path("transportErrors").asLong()).isEqualTo(5);
    }
  }

  private static JsonNode bench(String command, String[] common, String... args) throws Exception {
    StringWriter out = new StringWriter();
    int code = HitmachineBench.commandLine().setOut(new PrintWriter(out)).execute(concat(new String[] {command}, common, args));
    assertThat(code).as(out.toString()).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}

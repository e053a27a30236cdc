package nl.hitmachine.service.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.pki.Csrs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {
  private static final String PASSWORD = "demo-pkcs12-password";

  @TempDir Path tmp;
  private Path caDir;
  private Path passwordFile;
  private MutableClock clock;
  private Map<String, String> env = Map.of();

  private record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    caDir = tmp.resolve("ca");
    clock = new MutableClock(Instant.now(), ZoneOffset.UTC);
    passwordFile = tmp.resolve("p12.pass");
    Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, PASSWORD + "\n");
  }

  private Run pki(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PkiCommand.run(args, new PrintWriter(out), new PrintWriter(err), env, clock);
    return new Run(code, out.toString(), err.toString());
  }

  private Run withCa(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--ca-dir", caDir.toString()));
    args.addAll(List.of(more));
    return pki(args.toArray(String[]::new));
  }

  private Run init() {
    Run r = withCa("init");
    assertThat(r.code()).as(r.all()).isZero();
    return r;
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static X509CRL crl(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    }
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void session_initIssueListRevokeCrl() throws Exception {
    Run init = init();
    assertThat(init.out()).contains("created CA \"Hitmachine development CA\"", "sha256:", "mode 600")
        .doesNotContain("BEGIN PRIVATE KEY");
    assertThat(mode(caDir.resolve("ca.key.pem"))).isEqualTo("rw-------");

    Run server = withCa("issue-server", "--dns", "localhost", "hit.example.nl", "--ip", "127.0.0.1",
        "--out", tmp.resolve("out/hit-service").toString());
    assertThat(server.code()).as(server.all()).isZero();
    assertThat(server.out()).contains("issued server certificate", "CN=localhost").doesNotContain("PRIVATE KEY");
    assertThat(mode(tmp.resolve("out/hit-service.key.pem"))).isEqualTo("rw-------");
    assertThat(mode(tmp.resolve("out/hit-service.crt.pem"))).isEqualTo("rw-r--r--");
    assertThat(certificate(tmp.resolve("out/hit-service.crt.pem")).getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(2, "hit.example.nl"), List.of(7, "127.0.0.1"));

    Run client = withCa("issue-client", "--client-id", "wijkteam-app", "--agency", "wijkteam",
        "--organisation-identifier", "NTRNL-00000001002220647000", "--format", "pkcs12",
        "--password-file", passwordFile.toString(), "--out", tmp.resolve("out/wijkteam-app").toString());
    assertThat(client.code()).as(client.all()).isZero();
    assertThat(client.all()).doesNotContain(PASSWORD);
    Path p12 = tmp.resolve("out/wijkteam-app.p12");
    assertThat(mode(p12)).isEqualTo("rw-------");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, PASSWORD.toCharArray());
    }
    X509Certificate clientCert = (X509Certificate) store.getCertificate("wijkteam-app");
    assertThat(clientCert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(store.getKey("wijkteam-app", PASSWORD.toCharArray())).isNotNull();
    String serial = clientCert.getSerialNumber().toString(16);

    Run list = withCa("list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("SERIAL", serial, "client", "server", "valid", "CN=wijkteam-app");

    Run revoke = withCa("revoke", "--serial", serial.toUpperCase(), "--reason", "keyCompromise", "--crl-days", "2");
    assertThat(revoke.code()).as(revoke.all()).isZero();
    assertThat(revoke.out()).contains("revoked client certificate " + serial, "keyCompromise", "crl.pem");
    X509CRL crl = crl(caDir.resolve("crl.pem"));
    assertThat(crl.isRevoked(clientCert)).isTrue();
    assertThat(crl.getNextUpdate().toInstant()).isBetween(clock.instant().plus(Duration.ofDays(2)).minusSeconds(1),
        clock.instant().plus(Duration.ofDays(2)));

    JsonNode json = new ObjectMapper().readTree(withCa("list", "--format", "json").out());
    assertThat(json).hasSize(2);
    JsonNode revokedEntry = json.get(1);
    assertThat(revokedEntry.get("serial").asText()).isEqualTo(serial);
    assertThat(revokedEntry.get("status").asText()).isEqualTo("revoked");
    assertThat(revokedEntry.get("revocationReason").asText()).isEqualTo("keyCompromise");
    assertThat(revokedEntry.get("sha256").asText()).hasSize(64);
    assertThat(json.get(0).get("status").asText()).isEqualTo("valid");

    clock.advance(Duration.ofDays(398));
    assertThat(withCa("list").out()).contains("expired", "revoked");
    Run crlRun = withCa("crl");
    assertThat(crlRun.code()).as(crlRun.all()).isZero();
    assertThat(crlRun.out()).contains("1 revoked certificate", "next update");
    assertThat(crl(caDir.resolve("crl.pem")).getThisUpdate().toInstant()).isAfter(crl.getThisUpdate().toInstant());
  }

  @Test
  void pkcs12_takesThePasswordFromTheEnvironment() throws Exception {
    init();
    env = Map.of(PkiCommand.PASSWORD_ENV, PASSWORD);
    Run r = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--format", "pkcs12",
        "--out", tmp.resolve("om-app").toString());
    assertThat(r.code()).as(r.all()).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tmp.resolve("om-app.p12"))) {
      store.load(in, PASSWORD.toCharArray());
    }
    assertThat(store.isKeyEntry("om-app")).isTrue();
  }

  @Test
  void pkcs12_withoutPassword_isAUsageErrorAndIssuesNothing() {
    init();
    Run r = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--format", "pkcs12",
        "--out", tmp.resolve("om-app").toString());
    assertThat(r.code()).isEqualTo(PkiCommand.USAGE);
    assertThat(r.err()).contains("needs a password", "--password-file", PkiCommand.PASSWORD_ENV);
    assertThat(withCa("list").out()).contains("no certificates issued yet");

    Run onCommandLine = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--format", "pkcs12",
        "--password", PASSWORD, "--out", tmp.resolve("om-app").toString());
    assertThat(onCommandLine.code()).isEqualTo(PkiCommand.USAGE);
    assertThat(onCommandLine.err()).contains("Unknown option").doesNotContain("issued");
  }

  @Test
  void shortPassword_orGroupReadablePasswordFile_isRefused() throws Exception {
    init();
    Files.writeString(passwordFile, "short\n");
    Run shortPassword = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--format", "pkcs12",
        "--password-file", passwordFile.toString(), "--out", tmp.resolve("om-app").toString());
    assertThat(shortPassword.code()).isEqualTo(PkiCommand.USAGE);
    assertThat(shortPassword.err()).contains("at least 12 characters").doesNotContain("short");

    Files.writeString(passwordFile, PASSWORD);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
    Run readable = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--format", "pkcs12",
        "--password-file", passwordFile.toString(), "--out", tmp.resolve("om-app").toString());
    assertThat(readable.code()).isEqualTo(PkiCommand.FAILED);
    assertThat(readable.err()).contains("chmod 600");
    assertThat(Files.exists(tmp.resolve("om-app.p12"))).isFalse();
  }

  @Test
  void existingOutput_isNotOverwrittenWithoutForce() throws Exception {
    init();
    String out = tmp.resolve("hit").toString();
    assertThat(withCa("issue-server", "--dns", "localhost", "--out", out).code()).isZero();
    byte[] key = Files.readAllBytes(tmp.resolve("hit.key.pem"));

    Run again = withCa("issue-server", "--dns", "localhost", "--out", out);
    assertThat(again.code()).isEqualTo(PkiCommand.FAILED);
    assertThat(again.err()).contains("already exists", "--force");
    assertThat(Files.readAllBytes(tmp.resolve("hit.key.pem"))).isEqualTo(key);
    assertThat(withCa("list", "--format", "json").out()).containsOnlyOnce("\"serial\"");

    Run forced = withCa("issue-server", "--dns", "localhost", "--out", out, "--force");
    assertThat(forced.code()).as(forced.all()).isZero();
    assertThat(Files.readAllBytes(tmp.resolve("hit.key.pem"))).isNotEqualTo(key);
    assertThat(mode(tmp.resolve("hit.key.pem"))).isEqualTo("rw-------");
  }

  @Test
  void init_onExistingCa_fails() {
    init();
    Run again = withCa("init", "--name", "Second");
    assertThat(again.code()).isEqualTo(PkiCommand.FAILED);
    assertThat(again.err()).contains("already holds a CA");
  }

  @Test
  void badInput_exitsTwoWithAMessage() {
    init();
    String out = tmp.resolve("x").toString();
    assertUsage(withCa("issue-client", "--client-id", "Wijkteam App", "--agency", "wijkteam", "--out", out),
        "--client-id");
    assertUsage(withCa("issue-client", "--client-id", "app", "--agency", "WIJK", "--out", out), "--agency");
    assertUsage(withCa("issue-client", "--client-id", "app", "--agency", "wijkteam", "--organisation-identifier",
        "00000001002220647000", "--out", out), "NTRNL-");
    assertUsage(withCa("issue-server", "--dns", "not a host", "--out", out), "--dns");
    assertUsage(withCa("issue-server", "--dns", "localhost", "--ip", "300.1.1.1", "--out", out), "--ip");
    assertUsage(withCa("issue-server", "--dns", "localhost", "--days", "400", "--out", out), "between 1 and 397");
    assertUsage(withCa("issue-server", "--out", out), "--dns");
    assertUsage(withCa("issue-server", "--dns", "localhost", "--format", "der", "--out", out), "--format");
    assertUsage(withCa("revoke", "--serial", "not-hex"), "--serial");
    assertUsage(withCa("revoke", "--serial", "ab", "--reason", "forgot"), "--reason");
    assertUsage(withCa("crl", "--crl-days", "0"), "--crl-days");
    assertUsage(pki("nonsense"), "Unmatched argument");
    assertUsage(pki(), "Usage:");
    assertThat(withCa("list").out()).contains("no certificates issued yet");
  }

  private static void assertUsage(Run r, String message) {
    assertThat(r.code()).as(r.all()).isEqualTo(PkiCommand.USAGE);
    assertThat(r.err()).contains(message);
  }

  @Test
  void revoke_unknownSerial_fails() {
    init();
    Run r = withCa("revoke", "--serial", "abcdef");
    assertThat(r.code()).isEqualTo(PkiCommand.FAILED);
    assertThat(r.err()).contains("no certificate with serial abcdef");
  }

  @Test
  void missingOrDamagedCa_exitsFour() throws Exception {
    Run missing = withCa("list");
    assertThat(missing.code()).isEqualTo(PkiCommand.UNREADABLE);
    assertThat(missing.err()).contains("holds no CA", "pki init");

    init();
    Files.writeString(caDir.resolve("issued.json"), "{ not json");
    Run damaged = withCa("list");
    assertThat(damaged.code()).isEqualTo(PkiCommand.UNREADABLE);
    assertThat(damaged.err()).contains("issued.json");
  }

  @Test
  void caKeyReadableByOthers_isRefused() throws Exception {
    init();
    Files.setPosixFilePermissions(caDir.resolve("ca.key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
    Run r = withCa("issue-server", "--dns", "localhost", "--out", tmp.resolve("hit").toString());
    assertThat(r.code()).isEqualTo(PkiCommand.FAILED);
    assertThat(r.err()).contains("chmod 600");
  }

  @Test
  void issueClient_withCsr_writesOnlyTheCertificateForThePartnersKey() throws Exception {
    init();
    java.security.KeyPair partner = Csrs.ecKeyPair();
    Path csr = Csrs.write(tmp.resolve("om.csr"), partner.getPublic(),
        partner.getPrivate(), "SHA256withECDSA");

    Run r = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--csr", csr.toString(),
        "--out", tmp.resolve("om-app").toString());

    assertThat(r.code()).as(r.all()).isZero();
    assertThat(certificate(tmp.resolve("om-app.crt.pem")).getPublicKey()).isEqualTo(partner.getPublic());
    assertThat(tmp.resolve("om-app.key.pem")).doesNotExist();
    assertThat(r.out()).doesNotContain("private key");

    Run p12 = withCa("issue-client", "--client-id", "om-app", "--agency", "om", "--csr", csr.toString(),
        "--format", "pkcs12", "--password-file", passwordFile.toString(), "--out", tmp.resolve("om-p12").toString());
    assertThat(p12.code()).isEqualTo(PkiCommand.USAGE);
    assertThat(p12.err()).contains("--csr", "--format pem");
  }
}

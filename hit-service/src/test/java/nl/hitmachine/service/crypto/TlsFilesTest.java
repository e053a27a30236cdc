package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import nl.hitmachine.service.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's TLS files are checked at start-up: any problem stops it, naming the file. */
class TlsFilesTest {
  @TempDir static Path dir;
  static TestPki pki;
  static TestPki other;
  static final Clock NOW = Clock.systemUTC();

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir.resolve("a"), "a");
    other = TestPki.create(dir.resolve("b"), "b");
  }

  @Test
  void serverKeyStore_withItsPassword_loads_andClearsThePassword() {
    char[] password = TestPki.PASSWORD.clone();
    assertThat(ServerKeyStore.load(pki.serverKeyStore(), password, NOW).getCertificateChain("localhost")).isNotNull();
    assertThat(new String(password)).isEqualTo("\0".repeat(password.length));
  }

  @Test
  void serverKeyStore_wrongPasswordOrMissing_stopsStartUp() {
    assertThatThrownBy(() -> ServerKeyStore.load(pki.serverKeyStore(), "wrong".toCharArray(), NOW))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining(pki.serverKeyStore().toString())
        .hasMessageNotContaining("wrong");
    assertThatThrownBy(() -> ServerKeyStore.load(dir.resolve("none.p12"), "x".toCharArray(), NOW))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining("does not exist");
  }

  @Test
  void serverKeyStore_expiredServerCertificate_stopsStartUp() {
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(60)), ZoneOffset.UTC);
    assertThatThrownBy(() -> ServerKeyStore.load(pki.serverKeyStore(), TestPki.PASSWORD.clone(), later))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining("not valid now");
  }

  @Test
  void passwordFile_readableByOthers_isRefused_andNeverQuoted() throws Exception {
    Path file = dir.resolve("open.pass");
    Files.writeString(file, "hunter2\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyStorePassword.fromFile(file)).isInstanceOf(TlsSetupException.class)
        .hasMessageContaining("chmod 600").hasMessageNotContaining("hunter2");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(KeyStorePassword.fromFile(file)).containsExactly("hunter2".toCharArray());
    assertThatThrownBy(() -> KeyStorePassword.fromEnvironment("TLS_PASS", Map.<String, String>of()::get))
        .hasMessageContaining("TLS_PASS");
  }

  @Test
  void trust_acceptsItsCaAndRefusesOthersAndRevoked() throws Exception {
    TestPki.Client good = pki.client("good", "a", null);
    TestPki.Client revoked = pki.client("revoked", "a", null);
    TestPki.Client foreign = other.client("good", "a", null);
    Path crl = pki.crl(List.of(revoked.certificate()), Duration.ofDays(1));
    X509TrustManager trust = ClientCertificateTrust.load(pki.caFile(), crl, NOW);

    trust.checkClientTrusted(new java.security.cert.X509Certificate[] {good.certificate()}, "UNKNOWN");
    assertThatThrownBy(() -> trust.checkClientTrusted(
        new java.security.cert.X509Certificate[] {revoked.certificate()}, "UNKNOWN")).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> trust.checkClientTrusted(
        new java.security.cert.X509Certificate[] {foreign.certificate()}, "UNKNOWN")).isInstanceOf(CertificateException.class);
  }

  @Test
  void crl_notSignedByATrustedCa_outOfDate_orMissingForACa_stopsStartUp() throws Exception {
    Path foreignCrl = other.crl(List.of(), Duration.ofDays(1));
    assertThatThrownBy(() -> ClientCertificateTrust.load(pki.caFile(), foreignCrl, NOW))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining("that no trusted CA has signed");

    Path crl = pki.crl(List.of(), Duration.ofDays(1));
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
    assertThatThrownBy(() -> ClientCertificateTrust.load(pki.caFile(), crl, later))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining("out of date");

    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, Files.readString(pki.caFile()) + Files.readString(other.caFile()));
    assertThatThrownBy(() -> ClientCertificateTrust.load(bundle, crl, NOW))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining("has no CRL of trusted CA");
  }

  @Test
  void crlPastItsNextUpdate_whileRunning_refusesEveryCertificate() throws Exception {
    TestPki.Client good = pki.client("still-good", "a", null);
    Instant then = Instant.now().minus(Duration.ofHours(2));
    Path staleCrl = pki.crlPublishedAt(then, Duration.ofHours(1)); // next update was an hour ago
    Clock twoHoursAgo = Clock.fixed(then, ZoneOffset.UTC);
    X509TrustManager trust = ClientCertificateTrust.load(pki.caFile(), staleCrl, twoHoursAgo); // fresh back then
    assertThatThrownBy(() -> trust.checkClientTrusted(
        new java.security.cert.X509Certificate[] {good.certificate()}, "UNKNOWN")).isInstanceOf(CertificateException.class);
  }

  @Test
  void caFile_withoutCaCertificates_stopsStartUp() throws Exception {
    Path leaf = dir.resolve("leaf.pem");
    Files.writeString(leaf, "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pki.client("x", "a", null).certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> ClientCertificateTrust.load(leaf, null, NOW))
        .isInstanceOf(TlsSetupException.class).hasMessageContaining("not a CA");
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "");
    assertThatThrownBy(() -> ClientCertificateTrust.load(empty, null, NOW)).isInstanceOf(TlsSetupException.class);
  }
}

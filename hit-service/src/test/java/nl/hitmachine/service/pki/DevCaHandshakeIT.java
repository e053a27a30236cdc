package nl.hitmachine.service.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes on loopback with what the CA wrote to disk: the server loads its PEM
 * files, the agency system its PKCS#12 file, and the server demands a client certificate
 * (needClientAuth), trusting only the CA and checking its CRL.
 */
class DevCaHandshakeIT {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] PASSWORD = "agency system secret".toCharArray();
  private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

  @TempDir Path tmp;
  private CertificateAuthority ca;
  private KeyStore serverKeys;
  private SSLContext server;
  private ExecutorService executor;

  @BeforeEach
  void setUp() throws Exception {
    executor = Executors.newSingleThreadExecutor();
    // a minute behind, so that a revocation is already in the past for the JDK's checker (which
    // counts a certificate as revoked only after its revocation date) without sleeping
    Clock caClock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1));
    ca = CertificateAuthority.init(tmp.resolve("ca"), "Test CA", 365, Duration.ofDays(7), caClock, RANDOM);
    CertificateBundle serverBundle =
        ca.issueServer(new ServerIdentity(List.of("localhost"), List.of("127.0.0.1")), 30);
    List<Path> pem = BundleFiles.write(serverBundle, tmp.resolve("hit-service"), BundleFormat.pem, new char[0], false);
    serverKeys = keyStoreFromPem(pem.get(0), pem.get(1));
    server = Pkix.tls(serverKeys, PASSWORD, ca.certificate(), crl(ca));
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private static X509CRL crl(CertificateAuthority authority) throws Exception {
    return Pkix.readCrl(authority.directory().resolve(CertificateAuthority.CRL_FILE));
  }

  private static KeyStore keyStoreFromPem(Path certificates, Path key) throws Exception {
    List<X509Certificate> chain = Pkix.readCertificates(certificates);
    PrivateKey privateKey = PemFiles.readPrivateKey(key);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", privateKey, PASSWORD, chain.toArray(X509Certificate[]::new));
    return store;
  }

  private SSLContext client(CertificateAuthority issuer, String clientId) throws Exception {
    CertificateBundle bundle = issuer.issueClient(new ClientIdentity(clientId, "wijkteam", Optional.empty()), 30);
    Path p12 = BundleFiles.write(bundle, tmp.resolve(clientId), BundleFormat.pkcs12, PASSWORD, false).getFirst();
    return Pkix.tls(Pkix.loadPkcs12(p12, PASSWORD), PASSWORD, ca.certificate(), null);
  }

  /**
   * Connects {@code client} to a server on {@link #server}, sends one byte and reads the echo.
   * Returns the client certificate the server saw; throws what the server side threw.
   */
  private X509Certificate handshake(SSLContext client) throws Exception {
    try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      listener.setEnabledProtocols(new String[] {"TLSv1.3"});
      Future<X509Certificate> serverSide = executor.submit(() -> {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
          s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
          s.startHandshake();
          assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
          int b = s.getInputStream().read();
          s.getOutputStream().write(b);
          s.getOutputStream().flush();
          return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
      });
      IOException clientFailure = null;
      try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
          SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost", listener.getLocalPort(), true)) {
        s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        SSLParameters params = s.getSSLParameters();
        params.setProtocols(new String[] {"TLSv1.3"});
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the server certificate must name "localhost"
        s.setSSLParameters(params);
        s.startHandshake();
        s.getOutputStream().write(42);
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).isEqualTo(42);
      } catch (IOException e) {
        clientFailure = e;
      }
      try {
        X509Certificate seen = serverSide.get(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (clientFailure != null) {
          throw clientFailure;
        }
        return seen;
      } catch (ExecutionException e) {
        // In TLS 1.3 the client may finish its side before the server rejects its certificate; it
        // then sees the server's alert, or the connection closed under its first write.
        assertThat(clientFailure).as("the client notices the refusal")
            .isInstanceOfAny(SSLException.class, java.net.SocketException.class);
        throw (Exception) e.getCause();
      }
    }
  }

  @Test
  void handshake_withIssuedServerAndClientCertificates_succeedsAndShowsTheClient() throws Exception {
    X509Certificate seen = handshake(client(ca, "wijkteam-app"));

    assertThat(seen.getSubjectX500Principal().getName()).isEqualTo("CN=wijkteam-app,O=wijkteam");
    IssuedCertificate issued = ca.issued().stream().filter(c -> c.subject().contains("wijkteam-app")).findFirst()
        .orElseThrow();
    assertThat(IssuedCertificate.sha256(seen)).isEqualTo(issued.sha256());
  }

  @Test
  void handshake_withClientCertificateFromAnotherCa_fails() throws Exception {
    CertificateAuthority other = CertificateAuthority.init(tmp.resolve("other-ca"), "Test CA", 365, Duration.ofDays(7),
        Clock.systemUTC(), RANDOM);
    SSLContext foreign = client(other, "intruder-app");

    assertThatThrownBy(() -> handshake(foreign)).isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("PKIX path");
  }

  @Test
  void handshake_withRevokedClientCertificate_failsOnceTheServerHasTheNewCrl() throws Exception {
    SSLContext revokedClient = client(ca, "schuldhulp-app");
    handshake(revokedClient);
    String serial = ca.issued().getLast().serial();

    ca.revoke(serial, RevocationReason.keyCompromise, Duration.ofDays(7));
    server = Pkix.tls(serverKeys, PASSWORD, ca.certificate(), crl(ca));

    assertThatThrownBy(() -> handshake(revokedClient)).isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("revoked").hasStackTraceContaining("KEY_COMPROMISE");
  }
}

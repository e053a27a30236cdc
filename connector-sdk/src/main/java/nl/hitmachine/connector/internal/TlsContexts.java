package nl.hitmachine.connector.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the SSL context of a client: its certificate and key from a PKCS#12 file, and the CAs it
 * trusts for the server from a PEM bundle or a PKCS#12 trust store (else the JDK's default CAs).
 * Messages name files, never passwords or key material.
 */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * An SSL context presenting the key in {@code clientPkcs12} (or none when null) and trusting
   * {@code trustStore} (or the JDK's CAs when null). Clears {@code password}.
   */
  public static SSLContext create(Path clientPkcs12, char[] password, Path trustStore) throws IOException {
    try {
      KeyManager[] keys = null;
      if (clientPkcs12 != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(clientPkcs12)) {
          store.load(in, password);
        } catch (IOException e) {
          throw new IOException("client certificate file " + clientPkcs12
              + " cannot be read as PKCS#12 with the given password: " + e.getMessage(), e);
        }
        long keyEntries = 0;
        for (String alias : Collections.list(store.aliases())) {
          if (store.isKeyEntry(alias)) {
            keyEntries++;
          }
        }
        if (keyEntries != 1) {
          throw new IOException("client certificate file " + clientPkcs12
              + " must hold exactly one private key with its certificate, found " + keyEntries);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        keys = factory.getKeyManagers();
      }
      TrustManager[] trust = null;
      if (trustStore != null) {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore(trustStore));
        trust = factory.getTrustManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static KeyStore trustStore(Path file) throws IOException, GeneralSecurityException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    KeyStore store = KeyStore.getInstance("PKCS12");
    if (name.endsWith(".p12") || name.endsWith(".pfx")) {
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, null);
      } catch (IOException e) {
        throw new IOException("trust store " + file + " cannot be read as PKCS#12: " + e.getMessage(), e);
      }
      if (store.size() == 0) {
        throw new IOException("trust store " + file + " holds no certificate");
      }
      return store;
    }
    Collection<? extends Certificate> cas;
    try (InputStream in = Files.newInputStream(file)) {
      cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (GeneralSecurityException e) {
      throw new IOException("trust store " + file + " is not a PEM bundle of certificates: " + e.getMessage(), e);
    }
    if (cas.isEmpty()) {
      throw new IOException("trust store " + file + " holds no certificate");
    }
    store.load(null, null);
    int i = 0;
    for (Certificate ca : cas) {
      store.setCertificateEntry("ca-" + i++, ca);
    }
    return store;
  }
}

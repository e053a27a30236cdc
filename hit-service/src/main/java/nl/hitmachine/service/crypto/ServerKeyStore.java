package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The server's TLS identity from a PKCS#12 key store: exactly one private key with its certificate
 * chain, the server certificate valid now. Anything else stops start-up with a message naming the
 * file.
 */
public final class ServerKeyStore {
  private ServerKeyStore() {}

  /** Loads {@code file} with {@code password} (which it clears) into a key manager. */
  public static X509KeyManager load(Path file, char[] password, Clock clock) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new TlsSetupException("key store " + file + " does not exist");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
      } catch (IOException e) {
        throw new TlsSetupException("key store " + file + " cannot be read as PKCS#12 with the configured password: "
            + e.getMessage(), e);
      }
      List<String> keyAliases = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.size() != 1) {
        throw new TlsSetupException("key store " + file + " must hold exactly one private key with its certificate "
            + "chain, found " + keyAliases.size());
      }
      Certificate[] chain = store.getCertificateChain(keyAliases.get(0));
      if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate server)) {
        throw new TlsSetupException("key store " + file + " holds a private key without an X.509 certificate chain");
      }
      try {
        server.checkValidity(Date.from(clock.instant()));
      } catch (CertificateExpiredException | CertificateNotYetValidException e) {
        throw new TlsSetupException("the server certificate in " + file + " is not valid now (valid "
            + server.getNotBefore().toInstant() + " to " + server.getNotAfter().toInstant() + ")", e);
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      for (KeyManager manager : factory.getKeyManagers()) {
        if (manager instanceof X509KeyManager x509) {
          return x509;
        }
      }
      throw new TlsSetupException("no X.509 key manager for key store " + file);
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException("key store " + file + " cannot be used: " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}

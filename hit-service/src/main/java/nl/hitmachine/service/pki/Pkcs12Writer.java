package nl.hitmachine.service.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Encodes a private key and its certificate chain as a password-protected PKCS#12 file with the
 * JDK's {@code PKCS12} key store, whose defaults since JDK 21 are PBES2 with AES-256-CBC and
 * PBKDF2-HMAC-SHA256 for the key and certificates, and an HMAC-SHA256 integrity MAC. Java
 * ({@code KeyStore.getInstance("PKCS12")}), OpenSSL 1.1+ and curl read it.
 */
public final class Pkcs12Writer {
  /** Shorter passwords are refused: the file may travel by e-mail or USB stick. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private Pkcs12Writer() {}

  /** Refuses a password that is too short; call before issuing. */
  public static void checkPassword(char[] password) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw PkiException.invalid("the PKCS#12 password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }

  /** The PKCS#12 bytes holding {@code key} under {@code alias} with {@code chain} (leaf first). */
  public static byte[] encode(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
    checkPassword(password);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw PkiException.failed("cannot encode PKCS#12: " + e.getMessage(), e);
    }
  }
}

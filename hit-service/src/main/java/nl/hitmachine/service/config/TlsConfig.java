package nl.hitmachine.service.config;

import java.util.List;

/**
 * TLS terminated in hit-service itself, normally with mutual TLS (client certificates).
 *
 * @param keyStoreFile PKCS#12 file with the server's certificate chain and private key
 * @param keyStorePasswordFile file (mode 600) whose first line is the key store password
 * @param keyStorePasswordEnv or: the NAME of an environment variable holding that password
 * @param trustedCaFile PEM bundle of the CA certificates client certificates must chain to
 * @param crlFile optional certificate revocation list(s) of those CAs (PEM or DER); when given,
 *     every client certificate's revocation status is checked against it
 * @param protocols TLS versions offered: {@code TLSv1.3} (default) and, only if listed, {@code
 *     TLSv1.2}
 * @param clientAuth {@code required} (default: no connection without a valid client
 *     certificate) or {@code none} (TLS with bearer tokens only)
 */
public record TlsConfig(
    String keyStoreFile,
    String keyStorePasswordFile,
    String keyStorePasswordEnv,
    String trustedCaFile,
    String crlFile,
    List<String> protocols,
    String clientAuth) {
  /** The value of {@link #clientAuth} that demands a client certificate. */
  public static final String CLIENT_AUTH_REQUIRED = "required";
  /** The value of {@link #clientAuth} that asks for none. */
  public static final String CLIENT_AUTH_NONE = "none";

  public TlsConfig {
    protocols = protocols == null ? List.of("TLSv1.3") : List.copyOf(protocols);
    clientAuth = clientAuth == null ? CLIENT_AUTH_REQUIRED : clientAuth;
  }

  /** Whether every connection must present a client certificate. */
  public boolean clientCertificateRequired() {
    return CLIENT_AUTH_REQUIRED.equals(clientAuth);
  }
}

package nl.hitmachine.service.pki;

/** How an issued certificate and its key are written. */
public enum BundleFormat {
  /** {@code BASENAME.crt.pem} (certificate and CA chain, 644) and {@code BASENAME.key.pem} (PKCS#8, 600). */
  pem,
  /** {@code BASENAME.p12}: key, certificate and CA in one password-protected PKCS#12 file (600). */
  pkcs12
}

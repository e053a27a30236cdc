package nl.hitmachine.service.pki;

/** What an issued certificate is for; decides its extended key usage. */
public enum CertificateKind {
  /** A TLS server (hit-service): extended key usage serverAuth, DNS/IP subject alternative names. */
  SERVER,
  /** An agency system calling hit-service: extended key usage clientAuth, subject CN=client id, O=agency. */
  CLIENT;

  /** The lower-case name used in {@code issued.json} and on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

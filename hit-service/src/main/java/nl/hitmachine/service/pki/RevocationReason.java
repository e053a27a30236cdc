package nl.hitmachine.service.pki;

import org.bouncycastle.asn1.x509.CRLReason;

/** The RFC 5280 revocation reasons this CA offers, with their CRL reason codes. */
public enum RevocationReason {
  unspecified(CRLReason.unspecified),
  keyCompromise(CRLReason.keyCompromise),
  superseded(CRLReason.superseded),
  cessationOfOperation(CRLReason.cessationOfOperation);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /** The {@code CRLReason} code written into the CRL entry. */
  public int code() {
    return code;
  }

  /** The reason named {@code name}, or an {@link PkiException.Kind#INVALID_INPUT} error listing the choices. */
  public static RevocationReason parse(String name) {
    for (RevocationReason r : values()) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw PkiException.invalid("unknown revocation reason '" + name
        + "'; use keyCompromise, superseded, cessationOfOperation or unspecified");
  }
}

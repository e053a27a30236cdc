/**
 * The development certificate authority behind {@code hitmachine pki}: an ECDSA P-256 root that
 * issues TLS server certificates and one client certificate per agency system, keeps a list of
 * what it issued ({@code issued.json}) and publishes a signed CRL. Plain synchronous Java on Bouncy
 * Castle (bcpkix) and the JDK; no Vert.x. Production uses PKIoverheid certificates instead (see
 * docs/pki.md).
 */
package nl.hitmachine.service.pki;

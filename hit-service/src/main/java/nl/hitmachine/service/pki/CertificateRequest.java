package nl.hitmachine.service.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.openssl.PEMParser;

/**
 * The public key of a PKCS#10 certificate signing request (PEM, {@code BEGIN CERTIFICATE
 * REQUEST}), for issuing to a partner that generated its key pair itself, as with PKIoverheid.
 * Only the key is taken, after checking the request's signature (proof that the requester holds the
 * private key); the subject and extensions always come from the CA's options, never from the request.
 *
 * @param publicKey an EC key on P-256 or P-384, or an RSA key of at least 2048 bits
 */
public record CertificateRequest(PublicKey publicKey) {
  public CertificateRequest {
    if (publicKey instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits != 256 && bits != 384) {
        throw PkiException.invalid("the request's EC key is on a " + bits + "-bit curve; use P-256 or P-384");
      }
    } else if (publicKey instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw PkiException.invalid("the request's RSA key has " + rsa.getModulus().bitLength()
            + " bits; use at least 2048");
      }
    } else {
      throw PkiException.invalid("the request's key must be EC (P-256, P-384) or RSA (2048+ bits)");
    }
  }

  /** Reads and checks the PEM request in {@code file}. */
  public static CertificateRequest read(Path file) {
    Object parsed;
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      parsed = parser.readObject();
    } catch (IOException e) {
      throw PkiException.unreadable("cannot read certificate request " + file + ": " + e.getMessage(), e);
    }
    if (!(parsed instanceof PKCS10CertificationRequest request)) {
      throw PkiException.invalid(file + " holds no PEM certificate signing request (BEGIN CERTIFICATE REQUEST)");
    }
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
      if (!jca.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jca.getSubjectPublicKeyInfo()))) {
        throw PkiException.invalid("the signature of certificate request " + file + " does not verify");
      }
      return new CertificateRequest(jca.getPublicKey());
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw PkiException.invalid("certificate request " + file + " is not usable: " + e.getMessage());
    }
  }
}

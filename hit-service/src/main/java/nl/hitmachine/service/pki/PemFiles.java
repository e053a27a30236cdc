package nl.hitmachine.service.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * PEM encoding of certificates, CRLs and unencrypted PKCS#8 private keys ({@code -----BEGIN PRIVATE
 * KEY-----}), and reading them back. Errors name the file, never key material.
 */
final class PemFiles {
  private PemFiles() {}

  /** The certificates as consecutive PEM blocks, leaf first. */
  static String certificates(List<X509Certificate> chain) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      for (X509Certificate c : chain) {
        pem.writeObject(c);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot PEM-encode certificate", e);
    }
    return out.toString();
  }

  /** The key as an unencrypted PKCS#8 PEM block; the caller writes it with mode 600. */
  static byte[] privateKey(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      PemObjectGenerator pkcs8 = new JcaPKCS8Generator(key, null);
      pem.writeObject(pkcs8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot PEM-encode the private key", e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static String crl(X509CRL crl) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(crl);
    } catch (IOException e) {
      throw new IllegalStateException("cannot PEM-encode the CRL", e);
    }
    return out.toString();
  }

  /** The first certificate in the PEM file {@code file}. */
  static X509Certificate readCertificate(Path file) {
    Object o = readFirst(file);
    if (!(o instanceof X509CertificateHolder holder)) {
      throw PkiException.unreadable(file + " holds no PEM certificate", null);
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw PkiException.unreadable(file + " holds an unusable certificate: " + e.getMessage(), e);
    }
  }

  /** The unencrypted PKCS#8 private key in the PEM file {@code file}. */
  static PrivateKey readPrivateKey(Path file) {
    Object o = readFirst(file);
    if (!(o instanceof PrivateKeyInfo info)) {
      throw PkiException.unreadable(file + " holds no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY)", null);
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      throw PkiException.unreadable(file + " holds an unusable private key", e);
    }
  }

  /** The CRL in the PEM file {@code file}, for tests and inspection. */
  static X509CRL readCrl(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (IOException | CertificateException | CRLException e) {
      throw PkiException.unreadable("cannot read CRL " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object readFirst(Path file) {
    if (!Files.isRegularFile(file)) {
      throw PkiException.unreadable(file + " does not exist or is not a file", null);
    }
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
      Object o = parser.readObject();
      if (o == null) {
        throw PkiException.unreadable(file + " holds no PEM data", null);
      }
      return o;
    } catch (IOException e) {
      throw PkiException.unreadable("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}

package nl.hitmachine.service.pki;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate signing requests as a partner would make them, for tests. */
public final class Csrs {
  private Csrs() {}

  public static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A PEM CSR for {@code publicKey} with a subject the CA must ignore, signed with {@code signingKey}. */
  public static Path write(Path file, PublicKey publicKey, PrivateKey signingKey, String algorithm) throws Exception {
    var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=chosen-by-requester,O=other"), publicKey)
        .build(new JcaContentSignerBuilder(algorithm).build(signingKey));
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(request);
    }
    Files.writeString(file, out.toString());
    return file;
  }
}

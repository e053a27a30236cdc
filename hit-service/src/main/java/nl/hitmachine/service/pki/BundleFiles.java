package nl.hitmachine.service.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;

/** Writes a {@link CertificateBundle} as PEM files or as a PKCS#12 file, atomically. */
public final class BundleFiles {
  private BundleFiles() {}

  /**
   * The files {@code format} writes for {@code basename}; {@code withKey} false (issued for a
   * request) is PEM only: the certificate file alone.
   */
  public static List<Path> targets(Path basename, BundleFormat format, boolean withKey) {
    String name = basename.getFileName().toString();
    if (!withKey) {
      if (format != BundleFormat.pem) {
        throw PkiException.invalid("a certificate issued for a request has no key to put in PKCS#12; use --format pem");
      }
      return List.of(basename.resolveSibling(name + ".crt.pem"));
    }
    return switch (format) {
      case pem -> List.of(basename.resolveSibling(name + ".crt.pem"), basename.resolveSibling(name + ".key.pem"));
      case pkcs12 -> List.of(basename.resolveSibling(name + ".p12"));
    };
  }

  /**
   * Fails, writing nothing, when a target exists and {@code overwrite} is false; call before
   * issuing, so that no certificate is issued that cannot be written.
   */
  public static void checkWritable(Path basename, BundleFormat format, boolean withKey, boolean overwrite) {
    for (Path target : targets(basename, format, withKey)) {
      SecureFiles.checkAbsent(target, overwrite);
    }
  }

  /**
   * Writes {@code bundle}; {@code password} is needed for PKCS#12 only and is cleared afterwards by
   * the caller. Returns the files written.
   */
  public static List<Path> write(CertificateBundle bundle, Path basename, BundleFormat format, char[] password,
      boolean overwrite) {
    List<Path> targets = targets(basename, format, bundle.privateKey().isPresent());
    if (bundle.privateKey().isEmpty()) {
      SecureFiles.write(targets.get(0), PemFiles.certificates(bundle.chain()).getBytes(StandardCharsets.US_ASCII),
          false, overwrite);
      return targets;
    }
    PrivateKey privateKey = bundle.privateKey().get();
    switch (format) {
      case pem -> {
        byte[] key = PemFiles.privateKey(privateKey);
        try {
          SecureFiles.write(targets.get(1), key, true, overwrite);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
        SecureFiles.write(targets.get(0), PemFiles.certificates(bundle.chain()).getBytes(StandardCharsets.US_ASCII),
            false, overwrite);
      }
      case pkcs12 -> {
        byte[] p12 = Pkcs12Writer.encode(bundle.alias(), privateKey, bundle.chain(), password);
        try {
          SecureFiles.write(targets.get(0), p12, true, overwrite);
        } finally {
          Arrays.fill(p12, (byte) 0);
        }
      }
    }
    return targets;
  }
}

package nl.hitmachine.service.pki.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import nl.hitmachine.service.pki.BundleFormat;
import nl.hitmachine.service.pki.CertificateAuthority;
import nl.hitmachine.service.pki.PkiException;
import picocli.CommandLine.Option;

/**
 * The output options of {@code issue-server} and {@code issue-client}. The PKCS#12 password comes
 * from {@code --password-file} or {@value PkiCommand#PASSWORD_ENV}, never from the command line.
 */
final class BundleOptions {
  @Option(names = "--out", required = true, paramLabel = "BASENAME",
      description = "Output path without extension: BASENAME.crt.pem + BASENAME.key.pem, or BASENAME.p12.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pem",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  BundleFormat format;

  @Option(names = "--days", paramLabel = "N", defaultValue = "397",
      description = "Validity in days, at most " + CertificateAuthority.MAX_LEAF_DAYS + " (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "File whose first line is the PKCS#12 password (mode 600; at least 12 characters)."
          + " Default: the environment variable " + PkiCommand.PASSWORD_ENV + ".")
  Path passwordFile;

  @Option(names = "--force", description = "Replace existing output files.")
  boolean force;

  /**
   * The PKCS#12 password, or an empty array for PEM. The caller clears it. Fails with a usage error
   * when PKCS#12 has no password or PEM is given one.
   */
  char[] password(Map<String, String> env) {
    if (format == BundleFormat.pem) {
      if (passwordFile != null) {
        throw new PkiException(PkiException.Kind.INVALID_INPUT,
            "--password-file applies to --format pkcs12 only; PEM keys are protected by file mode 600");
      }
      return new char[0];
    }
    if (passwordFile != null) {
      return readPasswordFile(passwordFile);
    }
    String fromEnv = env.get(PkiCommand.PASSWORD_ENV);
    if (fromEnv == null || fromEnv.isEmpty()) {
      throw new PkiException(PkiException.Kind.INVALID_INPUT, "--format pkcs12 needs a password: give"
          + " --password-file FILE or set " + PkiCommand.PASSWORD_ENV + " (never on the command line)");
    }
    return fromEnv.toCharArray();
  }

  private static char[] readPasswordFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PkiException(PkiException.Kind.UNREADABLE, "cannot read password file " + file + ": " + e.getMessage(), e);
    }
    checkPrivate(file);
    CharBuffer chars = null;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.length() && chars.get(end) != '\n' && chars.get(end) != '\r') {
        end++;
      }
      if (end == 0) {
        throw new PkiException(PkiException.Kind.INVALID_INPUT, "password file " + file + " is empty");
      }
      char[] password = new char[end];
      chars.get(password, 0, end);
      return password;
    } catch (CharacterCodingException e) {
      throw new PkiException(PkiException.Kind.UNREADABLE, "password file " + file + " is not UTF-8 text", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }

  private static void checkPrivate(Path file) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return; // not POSIX, or unreadable attributes: the read above already succeeded
    }
    if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
      throw new PkiException(PkiException.Kind.FAILED,
          "password file " + file + " is accessible by group or others; restrict it with: chmod 600 " + file);
    }
  }
}

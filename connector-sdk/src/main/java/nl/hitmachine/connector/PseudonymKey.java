package nl.hitmachine.connector;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;
import nl.hitmachine.connector.internal.KeyFiles;

/**
 * A federation pseudonymisation key: key id ({@code kid}), 32 secret bytes and the day it was
 * created. Every partner of a federation holds the same keys; the kid is part of each pseudonym
 * so that several keys can be active during a rotation (see {@link PseudonymKeyRing}).
 *
 * <p>Key file format (UTF-8 JSON, one object, permissions {@code 600}):
 *
 * <pre>{@code
 * {"kid":"demo1","key":"<32 bytes, base64url without padding: 43 characters>","created":"2026-01-15"}
 * }</pre>
 *
 * Unknown fields are ignored when reading. {@link #toString()} never prints the key.
 *
 * @param kid the key id, {@code [a-z0-9]{1,16}}
 * @param secret exactly {@value #KEY_LENGTH} bytes
 * @param created the day the key was generated
 */
public record PseudonymKey(String kid, SecretBytes secret, LocalDate created) {
  /** Key length in bytes. */
  public static final int KEY_LENGTH = 32;

  private static final Pattern KID = Pattern.compile("[a-z0-9]{1,16}");

  public PseudonymKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(created, "created");
    if (!isValidKid(kid)) {
      throw new IllegalArgumentException("kid must match [a-z0-9]{1,16}");
    }
    if (secret.size() != KEY_LENGTH) {
      throw new IllegalArgumentException("secret must be " + KEY_LENGTH + " bytes, was " + secret.size());
    }
  }

  /** Whether {@code kid} is a valid key id: 1 to 16 lower-case letters or digits. */
  public static boolean isValidKid(String kid) {
    return kid != null && KID.matcher(kid).matches();
  }

  /** A new random key created today according to {@code clock}. */
  public static PseudonymKey generate(String kid, Clock clock, SecureRandom random) {
    return new PseudonymKey(kid, SecretBytes.random(KEY_LENGTH, random), LocalDate.now(clock));
  }

  /** A new random key from a fresh {@link SecureRandom}, created today according to {@code clock}. */
  public static PseudonymKey generate(String kid, Clock clock) {
    return generate(kid, clock, new SecureRandom());
  }

  /**
   * Reads a key file. Refuses a file that group or others may access in any way.
   *
   * @throws KeyFileException for unsafe permissions or a malformed file (the message names the
   *     file and the fix)
   * @throws IOException if the file cannot be read
   */
  public static PseudonymKey read(Path file) throws IOException {
    return KeyFiles.read(file);
  }

  /**
   * Writes this key to a new file created with permissions {@code 600} (owner read and write
   * only). Never overwrites: an existing file gives {@link
   * java.nio.file.FileAlreadyExistsException}.
   */
  public void write(Path file) throws IOException {
    KeyFiles.write(this, file);
  }

  @Override
  public String toString() {
    return "PseudonymKey[kid=" + kid + ", created=" + created + ", secret=redacted]";
  }
}

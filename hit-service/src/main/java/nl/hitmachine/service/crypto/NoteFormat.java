package nl.hitmachine.service.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Shared rules of the C2SP signed-note format (https://c2sp.org/signed-note): key names, key IDs,
 * canonical base64 and the text alphabet. Package-private; the public types use it.
 */
final class NoteFormat {
  /** Signature type byte of Ed25519 in signed notes. */
  static final byte ED25519 = 0x01;
  /** Prefix of every signature line: U+2014 EM DASH and a space. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  private NoteFormat() {}

  /**
   * Whether {@code name} may be a key name (and, in this project, a checkpoint origin): non-empty,
   * no Unicode spaces, no plus, no control characters, no unpaired surrogates.
   */
  static boolean isValidName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (cp == '+' || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85
          || Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** The RECOMMENDED key ID: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian. */
  static int keyId(String name, byte type, byte[] publicKey) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x0A);
    sha256.update(type);
    byte[] h = sha256.digest(publicKey);
    return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
  }

  /** The key ID as 8 lowercase hex digits. */
  static String hex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /** Standard base64 with padding. */
  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Decodes standard padded base64 and accepts it only in its canonical form (so that no two
   * encodings of the same bytes exist); returns null if it is not.
   */
  static byte[] decodeCanonicalBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return base64(bytes).equals(text) ? bytes : null;
  }

  /** Whether {@code text} has no control characters other than newline and no unpaired surrogates. */
  static boolean isNoteAlphabet(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if ((cp < 0x20 && cp != '\n') || Character.getType(cp) == Character.SURROGATE) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(0x01 ‖ public key)>}. */
  static String verifierKey(String name, int keyId, byte[] publicKey) {
    byte[] typed = new byte[1 + publicKey.length];
    typed[0] = ED25519;
    System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
    return name + "+" + hex(keyId) + "+" + base64(typed);
  }
}

package nl.hitmachine.portal.review;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks a signed checkpoint of hit-service's audit log (a C2SP signed note with a tlog-checkpoint
 * body) against the service's public verifier key {@code <name>+<hex key id>+<base64(0x01 ‖
 * 32-byte Ed25519 key)>}, with the JDK's Ed25519. Needs no secret.
 */
public final class CheckpointCheck {
  private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final String SIGNATURE_PREFIX = "\u2014 ";

  /** A checkpoint whose signature was checked. */
  public record Checkpoint(String origin, long treeSize, String rootHash) {}

  /** The note is malformed or its signature does not verify; the message says which. */
  public static final class InvalidCheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidCheckpointException(String message) {
      super(message);
    }
  }

  private final String name;
  private final byte[] keyId;
  private final PublicKey key;

  private CheckpointCheck(String name, byte[] keyId, PublicKey key) {
    this.name = name;
    this.keyId = keyId;
    this.key = key;
  }

  /** Parses a verifier key (the content of {@code checkpoint.pub}; {@code #} comment lines are skipped). */
  public static CheckpointCheck of(String verifierKeyFile) {
    String verifierKey = verifierKeyFile.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .findFirst().orElse("");
    String[] parts = verifierKey.split("\\+", 3); // the base64 key may itself contain +
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("verifier key must be <name>+<8 hex key id>+<base64 key>");
    }
    byte[] typed = Base64.getDecoder().decode(parts[2]);
    if (typed.length != 33 || typed[0] != 0x01) {
      throw new IllegalArgumentException("verifier key must hold 0x01 and a 32-byte Ed25519 key");
    }
    byte[] id = HexFormat.of().parseHex(parts[1]);
    if (!Arrays.equals(id, keyId(parts[0], typed))) {
      throw new IllegalArgumentException("verifier key id does not match its name and key");
    }
    try {
      byte[] x509 = new byte[X509_ED25519_PREFIX.length + 32];
      System.arraycopy(X509_ED25519_PREFIX, 0, x509, 0, X509_ED25519_PREFIX.length);
      System.arraycopy(typed, 1, x509, X509_ED25519_PREFIX.length, 32);
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
      return new CheckpointCheck(parts[0], id, key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("verifier key is not a valid Ed25519 key", e);
    }
  }

  /** Checks the note's signature by this key and parses its body. */
  public Checkpoint verify(String note) throws InvalidCheckpointException {
    int split = note.indexOf("\n\n");
    if (split < 0) {
      throw new InvalidCheckpointException("not a signed note: no blank line before the signatures");
    }
    String body = note.substring(0, split + 1);
    boolean verified = false;
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        continue;
      }
      String[] f = line.substring(SIGNATURE_PREFIX.length()).split(" ");
      if (f.length != 2 || !f[0].equals(name)) {
        continue;
      }
      byte[] sig;
      try {
        sig = Base64.getDecoder().decode(f[1]);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (sig.length != 68 || !Arrays.equals(Arrays.copyOf(sig, 4), keyId)) {
        continue;
      }
      try {
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(key);
        ed.update(body.getBytes(StandardCharsets.UTF_8));
        verified = ed.verify(Arrays.copyOfRange(sig, 4, 68));
      } catch (GeneralSecurityException e) {
        verified = false;
      }
      if (verified) {
        break;
      }
    }
    if (!verified) {
      throw new InvalidCheckpointException("no valid signature by " + name);
    }
    String[] lines = body.split("\n");
    if (lines.length < 3 || !lines[1].matches("\\d{1,19}")) {
      throw new InvalidCheckpointException("the checkpoint body is malformed");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), lines[2]);
  }

  private static byte[] keyId(String name, byte[] typedKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(typedKey);
      return Arrays.copyOf(sha.digest(), 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package nl.hitmachine.service.crypto;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.hitmachine.service.crypto.NoteVerificationException.Reason;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies signed notes (c2sp.org/signed-note) and checkpoints (c2sp.org/tlog-checkpoint) against
 * one trusted Ed25519 public key. Needs no secret.
 *
 * <p>The key is given as a verifier key string {@code <name>+<8 hex key ID>+<base64(0x01 ‖ 32-byte
 * public key)>}, as written by golang.org/x/mod/sumdb/note. Verification follows the spec:
 * signatures by other keys (another name or key ID) are ignored; every signature by the trusted key
 * must verify; at least one must be present.
 */
public final class NoteVerifier {
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{8}");

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519PublicKeyParameters parameters;

  private NoteVerifier(String name, int keyId, byte[] publicKey, Ed25519PublicKeyParameters parameters) {
    this.name = name;
    this.keyId = keyId;
    this.publicKey = publicKey;
    this.parameters = parameters;
  }

  /**
   * Parses a verifier key string strictly: valid name, key ID of exactly 8 lowercase hex digits
   * equal to the ID computed from name and key, canonical base64 of 0x01 followed by a valid 32-byte
   * Ed25519 public key.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static NoteVerifier parse(String verifierKey) {
    if (verifierKey == null) {
      throw new IllegalArgumentException("malformed verifier key: missing");
    }
    String key = verifierKey.strip();
    int plus1 = key.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : key.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw new IllegalArgumentException("malformed verifier key: expected <name>+<key id>+<key>");
    }
    String name = key.substring(0, plus1);
    String hex = key.substring(plus1 + 1, plus2);
    if (!NoteFormat.isValidName(name)) {
      throw new IllegalArgumentException("malformed verifier key: invalid key name");
    }
    if (!HEX_ID.matcher(hex).matches()) {
      throw new IllegalArgumentException("malformed verifier key: the key ID must be 8 lowercase hex digits");
    }
    byte[] typed = NoteFormat.decodeCanonicalBase64(key.substring(plus2 + 1));
    if (typed == null || typed.length == 0) {
      throw new IllegalArgumentException("malformed verifier key: the key is not canonical padded base64");
    }
    if (typed[0] != NoteFormat.ED25519) {
      throw new IllegalArgumentException(
          "unsupported verifier key: signature type " + (typed[0] & 0xff) + ", only Ed25519 (1) is supported");
    }
    if (typed.length != 1 + Ed25519NoteKey.PUBLIC_KEY_LENGTH) {
      throw new IllegalArgumentException("malformed verifier key: an Ed25519 public key must be 32 bytes");
    }
    byte[] publicKey = new byte[Ed25519NoteKey.PUBLIC_KEY_LENGTH];
    System.arraycopy(typed, 1, publicKey, 0, publicKey.length);
    int keyId = (int) Long.parseLong(hex, 16);
    if (keyId != NoteFormat.keyId(name, NoteFormat.ED25519, publicKey)) {
      throw new IllegalArgumentException("malformed verifier key: key ID " + hex + " does not match name and key");
    }
    Ed25519PublicKeyParameters parameters;
    try {
      parameters = new Ed25519PublicKeyParameters(publicKey);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed verifier key: not a valid Ed25519 public key", e);
    }
    return new NoteVerifier(name, keyId, publicKey, parameters);
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key string this verifier was made from (canonical form). */
  public String verifierKey() {
    return NoteFormat.verifierKey(name, keyId, publicKey);
  }

  /** Verifies a signed note and returns its text (ending in a newline). */
  public String verify(String signedNote) {
    if (signedNote == null || !NoteFormat.isNoteAlphabet(signedNote)) {
      throw new NoteVerificationException(Reason.MALFORMED_NOTE,
          "malformed signed note: it contains a control character other than newline or invalid Unicode");
    }
    return verify(signedNote.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Verifies a signed note and returns its text (ending in a newline).
   *
   * @throws NoteVerificationException with the reason: malformed, not signed by the trusted key, or
   *     an invalid signature by the trusted key
   */
  public String verify(byte[] signedNote) {
    SignedNote note = SignedNote.parse(signedNote);
    byte[] text = note.text().getBytes(StandardCharsets.UTF_8);
    int verified = 0;
    for (SignedNote.Line line : note.signatures()) {
      if (!line.keyName().equals(name) || line.keyId() != keyId) {
        continue; // another key's signature: ignored, as the spec requires
      }
      if (!verifies(text, line.signature())) {
        throw new NoteVerificationException(Reason.INVALID_SIGNATURE,
            "invalid signature for key " + trustedKey() + ": the note was altered or not signed by this key");
      }
      verified++;
    }
    if (verified == 0) {
      throw new NoteVerificationException(Reason.NOT_SIGNED_BY_TRUSTED_KEY, notSignedMessage(note));
    }
    return note.text();
  }

  /** Verifies a signed checkpoint and returns it; its origin must equal this key's name. */
  public Checkpoint verifyCheckpoint(String signedNote) {
    return checkpoint(verify(signedNote));
  }

  /** Verifies a signed checkpoint and returns it; its origin must equal this key's name. */
  public Checkpoint verifyCheckpoint(byte[] signedNote) {
    return checkpoint(verify(signedNote));
  }

  private Checkpoint checkpoint(String text) {
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NoteVerificationException(Reason.MALFORMED_CHECKPOINT, e.getMessage(), e);
    }
    if (!checkpoint.origin().equals(name)) {
      throw new NoteVerificationException(Reason.WRONG_ORIGIN,
          "checkpoint origin " + checkpoint.origin() + " is not the log of key " + trustedKey());
    }
    return checkpoint;
  }

  /** Whether {@code signature} is a valid plain Ed25519 signature of {@code text} by this key. */
  boolean verifies(byte[] text, byte[] signature) {
    if (signature.length != Ed25519NoteKey.SIGNATURE_LENGTH) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, parameters);
    verifier.update(text, 0, text.length);
    return verifier.verifySignature(signature);
  }

  private String notSignedMessage(SignedNote note) {
    Set<String> others = note.signatures().stream().map(SignedNote.Line::key).limit(10)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    boolean sameName = note.signatures().stream().anyMatch(l -> l.keyName().equals(name));
    return "note is not signed by the trusted key " + trustedKey() + "; it is signed by "
        + String.join(", ", others)
        + (sameName ? " (a different key with the same name: a rotated, replaced or forged key)" : "");
  }

  private String trustedKey() {
    return name + "+" + NoteFormat.hex(keyId);
  }

  @Override
  public String toString() {
    return "NoteVerifier[" + verifierKey() + "]";
  }
}

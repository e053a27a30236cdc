package nl.hitmachine.service.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Signs notes in the c2sp.org/signed-note format with one {@link Ed25519NoteKey}: the output is the
 * text, a blank line, and one signature line {@code — <name> <base64(key ID ‖ signature)>\n}.
 * Ed25519 is deterministic, so the same key and text always give the same bytes.
 */
public final class NoteSigner {
  private final Ed25519NoteKey key;

  public NoteSigner(Ed25519NoteKey key) {
    if (key == null) {
      throw new IllegalArgumentException("a note signer needs a key");
    }
    this.key = key;
  }

  public Ed25519NoteKey key() {
    return key;
  }

  /**
   * Signs {@code text}, which must be non-empty, end in a newline, and contain no control characters
   * other than newlines.
   */
  public String sign(String text) {
    if (text == null || text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("a note text must be non-empty and end in a newline");
    }
    if (!NoteFormat.isNoteAlphabet(text)) {
      throw new IllegalArgumentException("a note text cannot contain control characters other than newline");
    }
    byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
    byte[] idAndSignature = new byte[4 + signature.length];
    int id = key.keyId();
    idAndSignature[0] = (byte) (id >>> 24);
    idAndSignature[1] = (byte) (id >>> 16);
    idAndSignature[2] = (byte) (id >>> 8);
    idAndSignature[3] = (byte) id;
    System.arraycopy(signature, 0, idAndSignature, 4, signature.length);
    return text + "\n" + NoteFormat.SIGNATURE_PREFIX + key.name() + " " + NoteFormat.base64(idAndSignature) + "\n";
  }

  /**
   * Signs a checkpoint. Its origin must equal the key name (tlog-checkpoint: the log's key name
   * SHOULD match the origin; we require it so a key cannot vouch for another log by mistake).
   */
  public String sign(Checkpoint checkpoint) {
    if (!checkpoint.origin().equals(key.name())) {
      throw new IllegalArgumentException(
          "checkpoint origin " + checkpoint.origin() + " does not match the signing key name " + key.name());
    }
    return sign(checkpoint.body());
  }
}

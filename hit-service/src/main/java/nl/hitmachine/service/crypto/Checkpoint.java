package nl.hitmachine.service.crypto;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A transparency-log checkpoint, the note text of c2sp.org/tlog-checkpoint: the log's origin, the
 * tree size and the RFC 6962 root hash at that size.
 *
 * <p>{@link #body()} is exactly {@code origin\n<size>\n<base64(root)>\n}: decimal size without
 * leading zeroes, standard padded base64. This project writes no extension lines, and {@link
 * #parse} refuses them. The origin must be a valid note key name (non-empty, no spaces, no plus, no
 * control characters), e.g. {@code hitmachine.example/audit}; the spec only recommends this, we
 * require it.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {
  public static final int HASH_LENGTH = 32;
  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    if (!NoteFormat.isValidName(origin)) {
      throw new IllegalArgumentException(
          "a checkpoint origin must be non-empty without spaces, plus signs or control characters");
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("a tree size cannot be negative: " + treeSize);
    }
    if (rootHash == null || rootHash.length != HASH_LENGTH) {
      throw new IllegalArgumentException("a root hash must be exactly " + HASH_LENGTH + " bytes");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The checkpoint note text: three lines, each ending in a newline. */
  public String body() {
    return origin + "\n" + treeSize + "\n" + NoteFormat.base64(rootHash) + "\n";
  }

  /**
   * Parses a checkpoint note text strictly: exactly three newline-terminated lines, nothing else.
   *
   * @throws IllegalArgumentException naming the first thing that is wrong
   */
  public static Checkpoint parse(String body) {
    if (body == null || !body.endsWith("\n")) {
      throw new IllegalArgumentException("malformed checkpoint: the text must end in a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException(
          "malformed checkpoint: expected 3 lines (origin, tree size, root hash), found " + lines.length);
    }
    if (lines.length > 3) {
      throw new IllegalArgumentException("malformed checkpoint: extension lines are not supported");
    }
    if (!NoteFormat.isValidName(lines[0])) {
      throw new IllegalArgumentException(
          "malformed checkpoint: the origin must be non-empty without spaces, plus signs or control characters");
    }
    if (!SIZE.matcher(lines[1]).matches()) {
      throw new IllegalArgumentException(
          "malformed checkpoint: the tree size must be decimal digits without sign or leading zeroes");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed checkpoint: the tree size is too large", e);
    }
    byte[] root = NoteFormat.decodeCanonicalBase64(lines[2]);
    if (root == null) {
      throw new IllegalArgumentException("malformed checkpoint: the root hash is not canonical padded base64");
    }
    if (root.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "malformed checkpoint: the root hash must be " + HASH_LENGTH + " bytes, found " + root.length);
    }
    return new Checkpoint(lines[0], size, root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint other && origin.equals(other.origin) && treeSize == other.treeSize
        && Arrays.equals(rootHash, other.rootHash);
  }

  @Override
  public int hashCode() {
    return (origin.hashCode() * 31 + Long.hashCode(treeSize)) * 31 + Arrays.hashCode(rootHash);
  }

  @Override
  public String toString() {
    return "Checkpoint[origin=" + origin + ", treeSize=" + treeSize + ", rootHash="
        + NoteFormat.base64(rootHash) + "]";
  }
}

package nl.hitmachine.service.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed note split into its text and signature lines, syntax only (nothing verified). Parsing
 * follows c2sp.org/signed-note and golang.org/x/mod/sumdb/note {@code Open}: valid UTF-8 without
 * control characters other than newline; the text ends at the last blank line; then one or more
 * lines {@code — <name> <base64>}, each ending in a newline. Stricter than the reference: the
 * base64 must be canonical.
 */
record SignedNote(String text, List<Line> signatures) {
  static final int MAX_BYTES = 1 << 20;
  static final int MAX_SIGNATURES = 100;

  /** One signature line: key name, key ID and the signature bytes after the key ID. */
  record Line(String keyName, int keyId, byte[] signature) {
    String key() {
      return keyName + "+" + NoteFormat.hex(keyId);
    }
  }

  SignedNote {
    signatures = List.copyOf(signatures);
  }

  /** Parses {@code note}; throws {@link NoteVerificationException} (MALFORMED_NOTE) naming the problem. */
  static SignedNote parse(byte[] note) {
    if (note.length > MAX_BYTES) {
      throw malformed("it is larger than " + MAX_BYTES + " bytes");
    }
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(note)).toString();
    } catch (CharacterCodingException e) {
      throw malformed("it is not valid UTF-8");
    }
    if (!NoteFormat.isNoteAlphabet(s)) {
      throw malformed("it contains a control character other than newline");
    }
    int split = s.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("there is no blank line between text and signatures");
    }
    String text = s.substring(0, split + 1);
    String block = s.substring(split + 2);
    if (block.isEmpty()) {
      throw malformed("there are no signature lines");
    }
    if (!block.endsWith("\n")) {
      throw malformed("the last signature line does not end in a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw malformed("it has more than " + MAX_SIGNATURES + " signatures");
    }
    List<Line> parsed = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      parsed.add(parseLine(lines[i], i + 1));
    }
    return new SignedNote(text, parsed);
  }

  private static Line parseLine(String line, int number) {
    if (!line.startsWith(NoteFormat.SIGNATURE_PREFIX)) {
      throw malformed("signature line " + number + " does not start with an em dash and a space");
    }
    String rest = line.substring(NoteFormat.SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw malformed("signature line " + number + " has no space between key name and signature");
    }
    String name = rest.substring(0, space);
    if (!NoteFormat.isValidName(name)) {
      throw malformed("signature line " + number + " has an invalid key name");
    }
    byte[] decoded = NoteFormat.decodeCanonicalBase64(rest.substring(space + 1));
    if (decoded == null) {
      throw malformed("signature line " + number + " is not canonical padded base64 after the key name");
    }
    if (decoded.length < 5) {
      throw malformed("signature line " + number + " is too short to hold a key ID and a signature");
    }
    int keyId = ((decoded[0] & 0xff) << 24) | ((decoded[1] & 0xff) << 16) | ((decoded[2] & 0xff) << 8)
        | (decoded[3] & 0xff);
    byte[] signature = new byte[decoded.length - 4];
    System.arraycopy(decoded, 4, signature, 0, signature.length);
    return new Line(name, keyId, signature);
  }

  private static NoteVerificationException malformed(String why) {
    return new NoteVerificationException(
        NoteVerificationException.Reason.MALFORMED_NOTE, "malformed signed note: " + why);
  }
}

package nl.hitmachine.service.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Checks that request bytes are well-formed UTF-8 (RFC 8259: JSON between systems is UTF-8)
 * before Jackson sees them. Jackson 2.18 does not reliably reject invalid UTF-8 inside field
 * names: once its shared name table holds an entry, {@code {"\xFFr":…}} can be read as the field
 * {@code "r"} (found by RequestParsersFuzzTest). It does reject invalid UTF-8 in string values.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end && bytes[i] >= 0) {
      i++; // ASCII, the usual JSON body: valid without decoding
    }
    if (i == end) {
      return true;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)); // reports malformed input
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}

package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads simple delimited text (CSV exports, one value per line) line by line: a UTF-8 byte order
 * mark is dropped, fields may be quoted with {@code "} (a doubled {@code ""} inside quotes is one
 * quote), fields are trimmed. A quoted field spanning lines is not supported. The charset must be
 * ASCII-compatible (UTF-8, windows-1252, ISO-8859-x). Decoding is strict: bytes that are not valid
 * in the charset fail with an {@link IOException} that names the line, never its content. Memory
 * is bounded by the longest line.
 */
final class DelimitedText implements AutoCloseable {
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final String source;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private byte[] line = new byte[256];
  private int lineNumber;

  DelimitedText(InputStream in, Charset charset, String source) {
    this.in = in;
    this.decoder =
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    this.source = source;
  }

  /**
   * The next line without its terminator ({@code \n} or {@code \r\n}), or {@code null} at the
   * end. Each line is decoded on its own, so a decoding error names the exact line.
   */
  String nextLine() throws IOException {
    int length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      byte b = buffer[position++];
      if (b == '\n') {
        break;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, length * 2);
      }
      line[length++] = b;
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    lineNumber++;
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException(
          source + " line " + lineNumber + " is not valid text in the chosen encoding; try --encoding windows-1252");
    }
    if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return text;
  }

  /** The number of the line last returned by {@link #nextLine()}; the first line is 1. */
  int lineNumber() {
    return lineNumber;
  }

  /** Splits {@code line} at {@code delimiter}, honouring double quotes; fields are trimmed. */
  static List<String> split(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString().trim());
    return fields;
  }

  /** The index of the column named {@code name} (case-insensitive) in {@code header}, or -1. */
  static int column(List<String> header, String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

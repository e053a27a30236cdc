package nl.hitmachine.connector.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * How a case-system export is read: field delimiter and character encoding. A UTF-8 byte order
 * mark at the start is skipped; a file that starts with one is UTF-8 whatever {@code charset} says.
 * Bytes that are not valid in the encoding are an error, not silently replaced.
 *
 * @param delimiter field separator, {@code ;} in most Dutch exports
 * @param charset the file's encoding, often windows-1252
 */
record CsvInput(char delimiter, Charset charset) {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  CsvInput {
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
      throw new IllegalArgumentException("the delimiter must not be a quote or a line break");
    }
  }

  /** Whether {@code file} starts with a UTF-8 byte order mark. */
  static boolean hasUtf8Bom(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(UTF8_BOM.length);
      return java.util.Arrays.equals(start, UTF8_BOM);
    }
  }

  /** Opens {@code file} for parsing; every record, the header line included, is returned. */
  CSVParser open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    Charset effective = charset;
    try {
      in.mark(UTF8_BOM.length);
      byte[] start = in.readNBytes(UTF8_BOM.length);
      if (java.util.Arrays.equals(start, UTF8_BOM)) {
        effective = StandardCharsets.UTF_8;
      } else {
        in.reset();
      }
      Reader reader =
          new InputStreamReader(
              in,
              effective
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
      return CSVFormat.DEFAULT
          .builder()
          .setDelimiter(delimiter)
          .setIgnoreEmptyLines(true)
          .get()
          .parse(reader);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}

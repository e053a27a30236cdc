package nl.hitmachine.service.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: where the records of a segment file are, parsed independently of the log. */
record Records(byte[] bytes, List<Integer> offsets) {
  static final int HEADER = 52;

  static Records of(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    List<Integer> offsets = new ArrayList<>();
    int at = HEADER;
    while (at + 4 <= bytes.length) {
      int length = ByteBuffer.wrap(bytes, at, 4).getInt();
      int end = at + 4 + length + 32;
      if (length <= 0 || end > bytes.length) {
        break;
      }
      offsets.add(at);
      at = end;
    }
    return new Records(bytes, offsets);
  }

  int start(int record) {
    return offsets.get(record);
  }

  int end(int record) {
    return start(record) + 4 + payloadLength(record) + 32;
  }

  int payloadLength(int record) {
    return ByteBuffer.wrap(bytes, start(record), 4).getInt();
  }

  int payloadStart(int record) {
    return start(record) + 4;
  }

  int hashStart(int record) {
    return payloadStart(record) + payloadLength(record);
  }

  /** Offset of {@code ascii} within the record's payload. */
  int find(int record, String ascii) {
    byte[] needle = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = payloadStart(record); i < hashStart(record) - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException(ascii + " not in record " + record);
  }
}

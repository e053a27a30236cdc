package nl.hitmachine.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * POST /v1/registrations bodies of consecutive population subjects: {@code {"registrations":[{"subject":P},…]}}.
 * Pseudonyms are base64url text, so no JSON escaping is needed.
 */
final class RegistrationBatches {
  private final Population population;
  private final long firstIndex;
  private final int batchSize;

  RegistrationBatches(Population population, long firstIndex, int batchSize) {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batch size must be 1 to 10000");
    }
    this.population = population;
    this.firstIndex = firstIndex;
    this.batchSize = batchSize;
  }

  int batchSize() {
    return batchSize;
  }

  /** Batch {@code b}: subjects {@code firstIndex + b·size …}, at most up to (excluding) {@code end}. */
  byte[] body(long b, long end) {
    long from = firstIndex + b * batchSize;
    long to = Math.min(from + batchSize, end);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) (to - from) * 64 + 32);
    out.writeBytes("{\"registrations\":[".getBytes(StandardCharsets.US_ASCII));
    for (long i = from; i < to; i++) {
      if (i > from) {
        out.write(',');
      }
      out.writeBytes(("{\"subject\":\"" + population.pseudonym(i) + "\"}").getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  byte[] body(long b) {
    return body(b, Long.MAX_VALUE);
  }
}

package nl.hitmachine.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What the micro-benchmarks share: deterministic synthetic inputs (no BSN, no real pseudonym) and
 * removing their temp directories.
 */
public final class BenchFixtures {
  private BenchFixtures() {}

  /** {@code length} bytes from a seeded generator. */
  public static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return b;
  }

  /** A well-formed partner pseudonym ({@code kid.base64url(32 bytes)}) numbered {@code n}. */
  public static String pseudonym(long n) {
    byte[] mac = bytes(32, 1_000_003L * n + 7);
    mac[31] &= (byte) 0xF0; // the last base64url character of 32 bytes carries 4 zero bits
    return "demo1." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  /** Deletes {@code directory} and everything in it (a benchmark's temp directory). */
  public static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

package nl.hitmachine.service.audit;

import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.audit.merkle.CompactRange;
import nl.hitmachine.service.audit.merkle.MerkleHashes;
import nl.hitmachine.service.BenchFixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit writer's CPU work per entry, without the disk: encoding a single-subject lookup entry
 * to its canonical JSON (the writer's reusable encoder and buffer), the chain hash and the RFC 6962
 * leaf hash, and appending the leaf to the Merkle compact range. Run: {@code bin/jmh AuditEncoding}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AuditEncodingBenchmark {
  private final RecordBuffer buffer = new RecordBuffer(64 * 1024);
  private final AuditEntryCodec.Encoder encoder = new AuditEntryCodec.Encoder(buffer);
  private final MessageDigest sha = Segments.sha256();
  private final byte[] lastHash = new byte[Segments.HASH_BYTES];
  private AuditEntry entry;
  private byte[] leaf;
  private CompactRange range;
  private long sequence;

  @Setup
  public void setUp() {
    entry = lookupEntry();
    leaf = MerkleHashes.leafHash(AuditEntryCodec.encode(0, entry));
    range = new CompactRange();
  }

  /** A typical audited single-subject lookup that disclosed one agency. */
  public static AuditEntry lookupEntry() {
    return new AuditEntry(
        Instant.parse("2026-11-23T10:15:30.123Z"),
        "5f0c6b1e-8a3d-4c2e-9b7a-2d4e6f8a0b1c",
        "vh-coordinator",
        "vh",
        List.of("querier"),
        null,
        AuditAction.LOOKUP,
        AuditOutcome.OK,
        null,
        "screening",
        "CASE-2026-0042",
        "j.jansen",
        List.of(new AuditSubject(List.of("a1." + BenchFixtures.pseudonym(7).substring(6)), true, List.of("wijkteam"))),
        Map.of("subjects", 1L));
  }

  @Benchmark
  public int encode() throws IOException {
    buffer.clear(64 * 1024);
    encoder.encode(sequence++, entry);
    return buffer.size();
  }

  @Benchmark
  public byte[] encodeAndHash() throws IOException {
    buffer.clear(64 * 1024);
    encoder.encode(sequence++, entry);
    Segments.chainHash(sha, lastHash, buffer.array(), 0, buffer.size(), lastHash);
    return lastHash;
  }

  @Benchmark
  public long merkleAppend() {
    range.append(leaf);
    return range.size();
  }
}

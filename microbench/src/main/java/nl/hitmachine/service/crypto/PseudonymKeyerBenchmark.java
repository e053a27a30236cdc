package nl.hitmachine.service.crypto;

import java.util.concurrent.TimeUnit;
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
 * Re-keying one partner pseudonym, as every lookup does twice per subject: the index form (32-byte
 * HMAC-SHA256 under the index key) and the audit form (HMAC under the audit key, base64url with
 * the kid). Run: {@code bin/jmh PseudonymKeyer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PseudonymKeyerBenchmark {
  private PseudonymKeyer keyer;
  private String pseudonym;

  @Setup
  public void setUp() {
    keyer = new PseudonymKeyer(ServerKey.of(BenchFixtures.bytes(32, 1)), ServerKey.of(BenchFixtures.bytes(32, 2)));
    pseudonym = BenchFixtures.pseudonym(42);
  }

  @Benchmark
  public byte[] indexForm() {
    return keyer.indexForm(pseudonym);
  }

  @Benchmark
  public String auditForm() {
    return keyer.auditForm(pseudonym);
  }
}

package nl.hitmachine.service.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.BenchFixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable audit appends through the real {@link FileAuditLog} on the real disk: {@code threads}
 * callers each append a lookup entry and wait until it is durable (its group forced), as the
 * lookup path does. The score is durable entries per second; with more waiting callers the
 * groups grow and one fsync covers more entries. Run: {@code bin/jmh GroupCommit} (the default
 * 64 threads match the load generator's 64 connections; try {@code -t 1} for the fsync alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(64)
public class GroupCommitBenchmark {
  private Path directory;
  private FileAuditLog log;
  private AuditEntry entry;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("jmh-audit");
    log = FileAuditLog.open(directory);
    entry = AuditEncodingBenchmark.lookupEntry();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    log.close();
    BenchFixtures.deleteTree(directory);
  }

  @Benchmark
  public AuditReceipt durableAppend() {
    return log.append(entry).join();
  }
}

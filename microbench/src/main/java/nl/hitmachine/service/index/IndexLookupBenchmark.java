package nl.hitmachine.service.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.BenchFixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The index read of a lookup against a real RocksDB index of {@code size} registrations (one
 * agency, written through the same group-committed upsert the API uses): one subject that is
 * registered, one that is not, and a household of 8 (half of them registered). Run: {@code
 * bin/jmh IndexLookup} (add {@code -p size=1000000} for a larger index).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class IndexLookupBenchmark {
  private static final int BATCH = 10_000;

  @Param({"100000"})
  public int size;

  private Path directory;
  private RocksDbHitIndex index;
  private SubjectKey[] registered;
  private final SubjectKey[] unknown = new SubjectKey[1 << 16];
  private LocalDate today;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    directory = Files.createTempDirectory("jmh-index");
    index = RocksDbHitIndex.open(directory, Clock.systemUTC());
    today = LocalDate.now(Clock.systemUTC());
    for (int i = 0; i < unknown.length; i++) {
      unknown[i] = SubjectKey.of(BenchFixtures.bytes(32, -1L - i));
    }
    registered = new SubjectKey[size];
    List<RegistrationWrite> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < size; i++) {
      registered[i] = SubjectKey.of(BenchFixtures.bytes(32, i));
      batch.add(new RegistrationWrite(registered[i], today.plusYears(1), null));
      if (batch.size() == BATCH || i == size - 1) {
        index.upsert("bench", batch).join();
        batch = new ArrayList<>(BATCH);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    index.close();
    BenchFixtures.deleteTree(directory);
  }

  /** Per-thread source of which key to ask for next. */
  @State(Scope.Thread)
  public static class Keys {
    final SplittableRandom random = new SplittableRandom(99);
  }

  private SubjectKey unknown(Keys keys) {
    return unknown[keys.random.nextInt(unknown.length)];
  }

  @Benchmark
  public List<List<Registration>> registeredSubject(Keys keys) {
    return index.lookup(List.of(registered[keys.random.nextInt(size)]), today);
  }

  @Benchmark
  public List<List<Registration>> unknownSubject(Keys keys) {
    return index.lookup(List.of(unknown(keys)), today);
  }

  @Benchmark
  public List<List<Registration>> householdOfEight(Keys keys) {
    List<SubjectKey> household = new ArrayList<>(8);
    for (int i = 0; i < 4; i++) {
      household.add(registered[keys.random.nextInt(size)]);
      household.add(unknown(keys));
    }
    return index.lookup(household, today);
  }
}

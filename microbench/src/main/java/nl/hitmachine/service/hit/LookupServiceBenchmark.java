package nl.hitmachine.service.hit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.config.LookupLimitsConfig;
import nl.hitmachine.service.BenchFixtures;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.crypto.ServerKey;
import nl.hitmachine.service.index.RegistrationWrite;
import nl.hitmachine.service.index.RocksDbHitIndex;
import nl.hitmachine.service.index.SubjectKey;
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
 * The whole lookup use case without HTTP: validation, limiter, re-keying, the RocksDB read (index of
 * 100 000 registrations, half of the asked subjects registered) and the durable audit entry in a
 * real {@link FileAuditLog} — what {@code POST /v1/lookups} does between parsing and rendering. 16
 * threads wait for their answers, as concurrent requests do, so group commit works as in the
 * service. Scores are lookups/s; for {@code screeningList} (145 households of 4) multiply by 580
 * for subjects/s. Run: {@code bin/jmh LookupService}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Threads(16)
public class LookupServiceBenchmark {
  private static final int REGISTERED = 100_000;
  private static final int HOUSEHOLDS = 145;
  private static final int MEMBERS = 4;

  private Path directory;
  private RocksDbHitIndex index;
  private FileAuditLog audit;
  private LookupService lookups;
  private Caller caller;
  private final String[] pseudonyms = new String[2 * REGISTERED]; // even: registered, odd: not

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("jmh-lookups");
    Clock clock = Clock.systemUTC();
    index = RocksDbHitIndex.open(directory.resolve("index"), clock);
    audit = FileAuditLog.open(directory.resolve("audit"));
    PseudonymKeyer keyer = new PseudonymKeyer(ServerKey.of(BenchFixtures.bytes(32, 1)), ServerKey.of(BenchFixtures.bytes(32, 2)));
    LocalDate until = LocalDate.now(clock).plusYears(1);
    List<RegistrationWrite> batch = new ArrayList<>();
    for (int i = 0; i < pseudonyms.length; i++) {
      pseudonyms[i] = BenchFixtures.pseudonym(i);
      if (i % 2 == 0) {
        batch.add(new RegistrationWrite(SubjectKey.wrap(keyer.indexForm(pseudonyms[i])), until, null));
        if (batch.size() == 10_000) {
          index.upsert("wijkteam", batch).join();
          batch = new ArrayList<>();
        }
      }
    }
    if (!batch.isEmpty()) {
      index.upsert("wijkteam", batch).join();
    }
    AgencyRegister agencies = new AgencyRegister(List.of(
        new Agency("vh", "Veiligheidshuis", "veiligheid", false, false, false, 12, 24, true, Set.of("zorg", "veiligheid")),
        new Agency("wijkteam", "Wijkteam", "zorg", false, false, false, 12, 24, false, Set.of("zorg"))));
    LookupLimitsConfig unlimited = new LookupLimitsConfig(1_000_000_000, 1_000_000_000, 1_000_000_000);
    lookups = new LookupService(index, new AuditTrail(audit, clock), keyer, new PseudonymFormat(Set.of()), agencies,
        clock, 10_000, 4, 2, new LookupLimiter(clock, ZoneOffset.UTC, unlimited, Map.of()));
    caller = new Caller("bench-request", new Principal("vh-coordinator", "vh", EnumSet.of(Role.QUERIER),
        Set.of("screening")), null);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    audit.close();
    index.close();
    BenchFixtures.deleteTree(directory);
  }

  /** Per-thread choice of subjects. */
  @State(Scope.Thread)
  public static class Picks {
    final SplittableRandom random = new SplittableRandom(7);
  }

  @Benchmark
  public LookupAnswer singleSubject(Picks picks) {
    String subject = pseudonyms[picks.random.nextInt(pseudonyms.length)];
    return lookups.lookup(caller, new LookupRequest("screening", "BENCH", "jmh", List.of(SubjectQuery.single(subject)),
        List.of())).join();
  }

  @Benchmark
  public LookupAnswer screeningList(Picks picks) {
    List<HouseholdQuery> households = new ArrayList<>(HOUSEHOLDS);
    for (int h = 0; h < HOUSEHOLDS; h++) {
      List<SubjectQuery> members = new ArrayList<>(MEMBERS);
      for (int m = 0; m < MEMBERS; m++) {
        members.add(SubjectQuery.single(pseudonyms[picks.random.nextInt(pseudonyms.length)]));
      }
      households.add(new HouseholdQuery("H" + h, members));
    }
    return lookups.lookup(caller, new LookupRequest("screening", "TOP150", "jmh", List.of(), households)).join();
  }
}

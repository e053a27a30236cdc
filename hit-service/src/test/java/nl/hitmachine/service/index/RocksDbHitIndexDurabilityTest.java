package nl.hitmachine.service.index;

import static nl.hitmachine.service.index.TestSubjects.TODAY;
import static nl.hitmachine.service.index.TestSubjects.caseload;
import static nl.hitmachine.service.index.TestSubjects.subject;
import static nl.hitmachine.service.index.TestSubjects.subjects;
import static nl.hitmachine.service.index.TestSubjects.write;
import static nl.hitmachine.service.index.TestSubjects.writes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RocksDbHitIndexDurabilityTest {
  private static final int ACKS_BEFORE_KILL = 25;

  @TempDir Path dir;

  @Test
  void reopen_afterClose_keepsRegistrationsCountsAndAgencyIds() {
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, Clock.systemUTC())) {
      index.upsert("zeta", writes(0, 20)).join();
      index.upsert("alpha", List.of(write(subject(0), TODAY.plusDays(3), "a-0"))).join();
      index.replace("zeta", caseload(writes(10, 30))).join();
      assertThat(index.agencyIdOf("zeta")).hasValue(1);
      assertThat(index.agencyIdOf("alpha")).hasValue(2);
    }

    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, Clock.systemUTC())) {
      assertThat(index.agencyIdOf("zeta")).hasValue(1);
      assertThat(index.agencyIdOf("alpha")).hasValue(2);
      assertThat(index.registrationCounts()).isEqualTo(Map.of("zeta", 20L, "alpha", 1L));
      assertThat(index.lookup(List.of(subject(0)), TODAY).get(0))
          .containsExactly(new Registration("alpha", TODAY.plusDays(3), "a-0"));
      assertThat(index.lookup(subjects(10, 30), TODAY))
          .allSatisfy(
              found -> assertThat(found).extracting(Registration::agency).containsExactly("zeta"));

      index.upsert("mid", writes(0, 1)).join();
      assertThat(index.agencyIdOf("mid")).hasValue(3);
      // The replace diff after a restart sees the stored state.
      assertThat(index.replace("zeta", caseload(writes(25, 35))).join())
          .isEqualTo(new ReplaceResult(5, 15, 5));
    }

    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, Clock.systemUTC())) {
      assertThat(index.agencyIdOf("mid")).hasValue(3);
      assertThat(index.registrationCounts()).isEqualTo(Map.of("zeta", 10L, "alpha", 1L, "mid", 1L));
      assertThat(index.registrationCountsByScan()).isEqualTo(index.registrationCounts());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killNine_duringUpserts_everyAcknowledgedBatchSurvivesAndNoBatchIsTorn() throws Exception {
    Path indexDir = dir.resolve("index");
    TreeSet<Integer> acked = new TreeSet<>();
    // Two rounds: the second writes into an index recovered from the first kill.
    acked.addAll(runAndKill(indexDir, 0));
    acked.addAll(runAndKill(indexDir, 100_000));

    try (RocksDbHitIndex index = RocksDbHitIndex.open(indexDir, Clock.systemUTC())) {
      long present = 0;
      for (int round : List.of(0, 100_000)) {
        // Batches are applied in submission order, so the durable ones form a prefix: find its
        // end, then check that it covers every ACK and that nothing after it is (partly) there.
        int end = round;
        while (hits(index, end) == IndexCrashWriter.BATCH_SIZE) {
          assertThat(index.lookup(List.of(IndexCrashWriter.subjectsOf(end).get(0)), TODAY).get(0))
              .containsExactly(
                  new Registration(
                      IndexCrashWriter.AGENCY, IndexCrashWriter.VALID_UNTIL, "b" + end));
          end++;
        }
        assertThat(end - 1)
            .as("last durable batch of round %d", round)
            .isGreaterThanOrEqualTo(acked.subSet(round, round + 100_000).last());
        for (int n = end; n < end + 4 * IndexCrashWriter.IN_FLIGHT; n++) {
          assertThat(hits(index, n))
              .as("registrations of batch %d after the durable prefix", n)
              .isZero();
        }
        present += (long) (end - round) * IndexCrashWriter.BATCH_SIZE;
      }
      assertThat(index.registrationCounts()).containsEntry(IndexCrashWriter.AGENCY, present);
      assertThat(index.registrationCountsByScan()).isEqualTo(index.registrationCounts());
    }
  }

  private static long hits(RocksDbHitIndex index, int batch) {
    return index.lookup(IndexCrashWriter.subjectsOf(batch), TODAY).stream()
        .filter(found -> !found.isEmpty())
        .count();
  }

  /** Runs the writer in a child JVM, SIGKILLs it after some ACKs and returns the acked batches. */
  private List<Integer> runAndKill(Path indexDir, int firstBatch) throws Exception {
    Path stderr = Files.createTempFile(dir, "child", ".err");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                IndexCrashWriter.class.getName(),
                indexDir.toString(),
                Integer.toString(firstBatch),
                "60")
            .redirectError(stderr.toFile())
            .start();
    List<Integer> acked = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(Integer.parseInt(line.substring(4)));
        }
      }
      assertThat(acked)
          .as("ACKs before the child ended; its stderr: %s", readQuietly(stderr))
          .hasSize(ACKS_BEFORE_KILL);
      assertThat(child.isAlive()).as("child still writing when killed").isTrue();
      // SIGKILL: no shutdown hooks, no close, no flush. ACKs printed after our last read are lost
      // with the pipe; those batches are still checked to be all-or-nothing.
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);
    return acked;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}

package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL while appending loses no acknowledged entry. */
class FileAuditLogCrashTest {

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void open_afterKillDashNineWhileAppending_keepsEveryAcknowledgedEntry() throws Exception {
    Path logDir = dir.resolve("audit");
    Path stderr = dir.resolve("child-stderr.txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                AuditAppendLoop.class.getName(),
                logDir.toString(),
                "1000000",
                "20000")
            .redirectError(stderr.toFile())
            .start();
    Map<Long, String> acked = new HashMap<>();
    boolean finishedByItself = false;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked.size() < 3000 && (line = lines.readLine()) != null) {
        if (line.equals("DONE")) {
          finishedByItself = true;
          break;
        }
        String[] parts = line.split(" ");
        assertThat(parts[0]).isEqualTo("ACK");
        acked.put(Long.parseLong(parts[1]), parts[2]);
      }
      child.destroyForcibly(); // SIGKILL, while appends are in flight
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(finishedByItself).as("child stopped early: %s", Files.readString(stderr)).isFalse();
    assertThat(acked).hasSize(3000);

    try (FileAuditLog log = FileAuditLog.open(logDir)) {
      long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(log.size()).isGreaterThan(maxAcked);
      try (Stream<StoredAuditEntry> stored = log.read(0)) {
        List<StoredAuditEntry> entries = stored.toList();
        for (StoredAuditEntry e : entries) {
          assertThat(e.entry()).isEqualTo(AuditEntries.lookup((int) e.sequence()));
          String ackedHash = acked.get(e.sequence());
          if (ackedHash != null) {
            assertThat(e.entryHash()).isEqualTo(ackedHash);
          }
        }
        assertThat(entries).hasSize((int) log.size());
      }
      assertThat(log.verify().ok()).isTrue();
      assertThat(log.append(AuditEntries.lookup((int) log.size())).join().sequence())
          .isEqualTo(log.size() - 1);
    }
  }
}

package nl.hitmachine.service.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {
  @TempDir Path dir;

  @Test
  void beforeStarted_startingFails_evenWhenEveryCheckPasses() {
    Readiness r = new Readiness().check("index", () -> true);
    assertThat(r.failedChecks()).containsExactly("starting");
    r.started();
    assertThat(r.failedChecks()).isEmpty();
  }

  @Test
  void failingChecks_areNamedInTheOrderAdded() {
    AtomicBoolean index = new AtomicBoolean(true);
    AtomicBoolean audit = new AtomicBoolean(true);
    Readiness r = new Readiness().check("index", index::get).check("audit-log", audit::get);
    r.started();
    audit.set(false);
    assertThat(r.failedChecks()).containsExactly("audit-log");
    index.set(false);
    assertThat(r.failedChecks()).containsExactly("index", "audit-log");
    index.set(true);
    audit.set(true);
    assertThat(r.failedChecks()).isEmpty();
  }

  @Test
  void aCheckThatThrows_fails() {
    Readiness r = new Readiness().check("index", () -> {
      throw new IllegalStateException("closed");
    });
    r.started();
    assertThat(r.failedChecks()).containsExactly("index");
  }

  @Test
  void shuttingDown_isNeverReadyAgain() {
    Readiness r = new Readiness();
    r.started();
    r.shuttingDown();
    assertThat(r.failedChecks()).containsExactly("shutting-down");
  }

  @Test
  void sameCheckTwice_isRefused() {
    Readiness r = new Readiness().check("index", () -> true);
    assertThatThrownBy(() -> r.check("index", () -> true)).hasMessageContaining("index");
  }

  @Test
  void freeDiskSpace_passesUnderARealThreshold_andFailsAboveTheDisk() {
    assertThat(new FreeDiskSpace(dir, 1, 0).getAsBoolean()).isTrue();
    assertThat(new FreeDiskSpace(dir, 0, 0).getAsBoolean()).isTrue();
    assertThat(new FreeDiskSpace(dir, Long.MAX_VALUE, 0).getAsBoolean()).isFalse();
    assertThat(new FreeDiskSpace(dir, 0, 100).getAsBoolean()).isFalse();
  }

  @Test
  void freeDiskSpace_ofAMissingDirectory_fails() {
    assertThat(new FreeDiskSpace(dir.resolve("gone"), 0, 0).getAsBoolean()).isFalse();
  }
}

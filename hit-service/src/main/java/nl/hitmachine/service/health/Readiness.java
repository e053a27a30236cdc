package nl.hitmachine.service.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whether hit-service is ready to answer: the names of the checks that fail right now, empty when
 * ready. Before {@link #started()} the check {@value #STARTING} fails, after {@link #shuttingDown()}
 * the check {@value #SHUTTING_DOWN}; the other checks are added by name ({@code index},
 * {@code audit-log}, {@code index-disk-space}, {@code audit-disk-space}). Check names are fixed
 * words, never paths or identifiers, so they can be shown to anyone who can reach the probe.
 * Thread-safe; the checks run on the calling thread (a worker, never an event loop: the disk checks
 * make a system call).
 */
public final class Readiness {
  public static final String STARTING = "starting";
  public static final String SHUTTING_DOWN = "shutting-down";

  private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
  private volatile boolean started;
  private volatile boolean shuttingDown;

  /** Adds a check; it passes while {@code passes} answers true. */
  public synchronized Readiness check(String name, BooleanSupplier passes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(passes, "passes");
    if (checks.putIfAbsent(name, passes) != null) {
      throw new IllegalArgumentException("check " + name + " is already there");
    }
    return this;
  }

  /** Start-up is complete: from now on only the checks decide. */
  public void started() {
    started = true;
  }

  /** Shutdown has begun: never ready again. */
  public void shuttingDown() {
    shuttingDown = true;
  }

  /** The names of the checks that fail now, in the order they were added; empty when ready. */
  public List<String> failedChecks() {
    List<String> failed = new ArrayList<>();
    if (shuttingDown) {
      failed.add(SHUTTING_DOWN);
    }
    if (!started) {
      failed.add(STARTING);
    }
    Map<String, BooleanSupplier> now;
    synchronized (this) {
      now = new LinkedHashMap<>(checks);
    }
    now.forEach((name, passes) -> {
      boolean ok;
      try {
        ok = passes.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false; // a check that cannot tell fails (fail closed)
      }
      if (!ok) {
        failed.add(name);
      }
    });
    return failed;
  }
}

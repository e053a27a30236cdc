package nl.hitmachine.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.failure.ProblemType;
import nl.hitmachine.service.hit.CallObserver;

/**
 * Counts lookups, looked-up subjects, lookup denials (rate limit, daily quota) and registration
 * calls, and times answered lookups — from the audited outcome of each call.
 */
final class UseCaseMetrics implements CallObserver {
  /** Label value for a caller without credentials, and for "no problem type". */
  static final String NONE = "none";

  /** Buckets around the lookup SLO (p99 ≤ 10 ms). */
  private static final Duration[] LOOKUP_BUCKETS = {
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

  private final MeterRegistry registry;
  private final Timer lookupDuration;

  /** @param agencies the configured agency codes: their denial counters exist from the start, at 0 */
  UseCaseMetrics(MeterRegistry registry, Collection<String> agencies) {
    this.registry = registry;
    this.lookupDuration = Timer.builder("hitmachine.lookup.duration")
        .description("Time from the start of a lookup until its answer was audited durably (answered lookups)")
        .serviceLevelObjectives(LOOKUP_BUCKETS)
        .minimumExpectedValue(LOOKUP_BUCKETS[0])
        .maximumExpectedValue(LOOKUP_BUCKETS[LOOKUP_BUCKETS.length - 1])
        .register(registry);
    for (String agency : agencies) {
      denials(agency, ProblemType.RATE_LIMITED);
      denials(agency, ProblemType.QUOTA_EXCEEDED);
    }
  }

  @Override
  public void audited(AuditAction action, String agency, String outcome, ProblemType problem, long subjects) {
    String agencyLabel = agency == null ? NONE : agency;
    switch (action) {
      case LOOKUP -> {
        Counter.builder("hitmachine.lookups")
            .description("Lookup calls by the caller's agency, audited outcome and problem type")
            .tags("agency", agencyLabel, "outcome", outcome, "problem_type", problem == null ? NONE : problem.slug())
            .register(registry).increment();
        Counter.builder("hitmachine.lookup.subjects")
            .description("Subjects (household members included) in lookup calls, by agency and outcome")
            .tags("agency", agencyLabel, "outcome", outcome)
            .register(registry).increment(subjects);
        if (problem == ProblemType.RATE_LIMITED || problem == ProblemType.QUOTA_EXCEEDED) {
          denials(agencyLabel, problem).increment();
        }
      }
      case REGISTER, REMOVE, REPLACE -> Counter.builder("hitmachine.registrations")
          .description("Registration calls (register, remove, replace) by agency and audited outcome")
          .tags("agency", agencyLabel, "action", action.wireName(), "outcome", outcome)
          .register(registry).increment();
      default -> {
        // audit reads and retention: counted by the HTTP request metrics
      }
    }
  }

  @Override
  public void lookupAnswered(long nanos) {
    lookupDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter denials(String agency, ProblemType reason) {
    return Counter.builder("hitmachine.lookup.denials")
        .description("Lookups refused by the abuse limits: rate-limited (token bucket) or quota-exceeded (daily quota)")
        .tags("agency", agency, "reason", reason.slug())
        .register(registry);
  }
}

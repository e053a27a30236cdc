package nl.hitmachine.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.failure.ProblemType;
import org.junit.jupiter.api.Test;

/** Which counter each audited call moves, with which labels. */
class UseCaseMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final UseCaseMetrics metrics = new UseCaseMetrics(registry, List.of("politie", "wijkteam"));

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void denials_existAtZeroForEveryAgency_andCountBothReasons() {
    assertThat(count("hitmachine.lookup.denials", "agency", "wijkteam", "reason", "quota-exceeded")).isZero();
    metrics.audited(AuditAction.LOOKUP, "politie", "refused", ProblemType.QUOTA_EXCEEDED, 7);
    metrics.audited(AuditAction.LOOKUP, "politie", "refused", ProblemType.RATE_LIMITED, 3);
    metrics.audited(AuditAction.LOOKUP, "politie", "refused", ProblemType.FORBIDDEN, 1);
    assertThat(count("hitmachine.lookup.denials", "agency", "politie", "reason", "quota-exceeded")).isEqualTo(1);
    assertThat(count("hitmachine.lookup.denials", "agency", "politie", "reason", "rate-limited")).isEqualTo(1);
    assertThat(count("hitmachine.lookups", "agency", "politie", "outcome", "refused", "problem_type", "forbidden"))
        .isEqualTo(1);
    assertThat(count("hitmachine.lookup.subjects", "agency", "politie", "outcome", "refused")).isEqualTo(11);
  }

  @Test
  void unauthenticatedCallers_areAgencyNone_andAuditReadsAreNotUseCaseCalls() {
    metrics.audited(AuditAction.LOOKUP, null, "refused", ProblemType.UNAUTHENTICATED, 0);
    metrics.audited(AuditAction.REPLACE, "wijkteam", "failed", ProblemType.UNAVAILABLE, 0);
    metrics.audited(AuditAction.AUDIT_SEARCH, "wijkteam", "ok", null, 0);
    assertThat(count("hitmachine.lookups", "agency", "none", "outcome", "refused", "problem_type", "unauthenticated"))
        .isEqualTo(1);
    assertThat(count("hitmachine.registrations", "agency", "wijkteam", "action", "replace", "outcome", "failed"))
        .isEqualTo(1);
    assertThat(registry.find("hitmachine.lookups").tag("agency", "wijkteam").counters()).isEmpty();
    assertThat(registry.find("hitmachine.registrations").tag("action", "audit-search").counters()).isEmpty();
  }

  @Test
  void answeredLookups_areTimed() {
    metrics.lookupAnswered(TimeUnit.MILLISECONDS.toNanos(3));
    assertThat(registry.get("hitmachine.lookup.duration").timer().count()).isEqualTo(1);
    assertThat(registry.get("hitmachine.lookup.duration").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
  }
}

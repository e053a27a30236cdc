package nl.hitmachine.service.hit;

import static nl.hitmachine.service.hit.AnomalyTraffic.lookup;
import static nl.hitmachine.service.hit.AnomalyTraffic.refusal;
import static nl.hitmachine.service.hit.AnomalyTraffic.subjects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.audit.StoredAuditEntry;
import org.junit.jupiter.api.Test;

/** The anomaly rules, one by one, at their edges. */
class AnomalyAnalyserTest {
  /** Monday 2 November 2026, 00:00 UTC (01:00 in Amsterdam, CET). */
  private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(7));
  private static final AnomalyRules RULES = AnomalyRules.defaults();

  private static AnomalyReport analyse(AnomalyRules rules, Instant from, Instant to, List<AuditEntry> entries) {
    AnomalyAnalyser analyser = new AnomalyAnalyser(rules, from, to);
    for (int i = 0; i < entries.size(); i++) {
      analyser.accept(new StoredAuditEntry(i, entries.get(i), "00"));
    }
    return analyser.report(entries.size());
  }

  private static AnomalyReport analyse(List<AuditEntry> entries) {
    return analyse(RULES, FROM, TO, entries);
  }

  /** One lookup per day for the 28 days before FROM, at 10:00 UTC, {@code perDay} subjects each. */
  private static List<AuditEntry> history(String client, int perDay) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int day = 28; day >= 1; day--) {
      Instant time = FROM.minus(Duration.ofDays(day)).plus(Duration.ofHours(10));
      entries.add(lookup(time, client, "case", subjects(client + "-d" + day, perDay)));
    }
    return entries;
  }

  /** A lookup inside office hours on Tuesday of the period. */
  private static Instant inOffice(int minute) {
    return Instant.parse("2026-11-03T09:00:00Z").plus(Duration.ofMinutes(minute));
  }

  @Test
  void officeHours_followDaylightSavingTime_inAmsterdam() {
    // Friday 23 October 2026 is summer time (UTC+2); Monday 26 October is winter time (UTC+1).
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-23T04:59:59Z"))).isFalse(); // 06:59:59 CEST
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-23T05:00:00Z"))).isTrue(); // 07:00 CEST
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-23T16:59:59Z"))).isTrue(); // 18:59:59 CEST
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-23T17:00:00Z"))).isFalse(); // 19:00 CEST
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-26T05:59:59Z"))).isFalse(); // 06:59:59 CET
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-26T06:00:00Z"))).isTrue(); // 07:00 CET
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-26T17:59:59Z"))).isTrue(); // 18:59:59 CET
    assertThat(RULES.isOfficeHours(Instant.parse("2026-10-26T18:00:00Z"))).isFalse(); // 19:00 CET
  }

  @Test
  void officeHours_excludeTheWeekend_andFollowConfiguredDays() {
    Instant saturdayNoon = Instant.parse("2026-10-24T10:00:00Z");
    Instant sundayNoon = Instant.parse("2026-10-25T11:00:00Z");
    assertThat(RULES.isOfficeHours(saturdayNoon)).isFalse();
    assertThat(RULES.isOfficeHours(sundayNoon)).isFalse();
    AnomalyRules weekendShift = new AnomalyRules(ZoneId.of("Europe/Amsterdam"), EnumSet.of(DayOfWeek.SATURDAY),
        LocalTime.of(9, 0), LocalTime.of(17, 0), 28, 5, 50, 3, Duration.ofDays(31));
    assertThat(weekendShift.isOfficeHours(saturdayNoon)).isTrue();
    assertThat(weekendShift.isOfficeHours(Instant.parse("2026-10-26T10:00:00Z"))).isFalse(); // a Monday
  }

  @Test
  void outsideOfficeHours_countsLookupsAndSubjects_withFirstAndLast() {
    Instant monday0659 = Instant.parse("2026-11-02T05:59:00Z"); // 06:59 CET
    Instant saturday = Instant.parse("2026-11-07T12:00:00Z");
    Instant tuesday1900 = Instant.parse("2026-11-03T18:00:00Z"); // 19:00 CET
    AnomalyReport r = analyse(List.of(
        lookup(saturday, "politie-querier", "c", subjects("s", 2)),
        lookup(monday0659, "politie-querier", "c", subjects("t", 1)),
        lookup(tuesday1900, "politie-querier", "c", subjects("u", 3)),
        lookup(inOffice(0), "politie-querier", "c", subjects("v", 5)),
        lookup(inOffice(1), "vh-coordinator", "c", subjects("w", 1))));

    assertThat(r.outsideOfficeHours()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo("politie-querier");
      assertThat(f.agency()).isEqualTo("politie");
      assertThat(f.lookups()).isEqualTo(3);
      assertThat(f.subjects()).isEqualTo(6);
      assertThat(f.first()).isEqualTo(monday0659);
      assertThat(f.last()).isEqualTo(saturday);
    });
  }

  @Test
  void volume_comparesWithTheMedianDay_scaledToThePeriod() {
    List<AuditEntry> entries = new ArrayList<>(history("politie-querier", 20));
    entries.addAll(history("vh-coordinator", 20));
    // usual for a 7-day period: median 20/day × 7 = 140; factor 5 → more than 700 is reported
    entries.add(lookup(inOffice(0), "politie-querier", "c", subjects("p", 701)));
    entries.add(lookup(inOffice(1), "vh-coordinator", "c", subjects("v", 700)));

    AnomalyReport r = analyse(entries);

    assertThat(r.baselineDaysCounted()).isEqualTo(28);
    assertThat(r.volume()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo("politie-querier");
      assertThat(f.subjects()).isEqualTo(701);
      assertThat(f.usualSubjects()).isEqualTo(140.0);
      assertThat(f.ratio()).isCloseTo(701 / 140.0, within(1e-9));
    });
  }

  @Test
  void volume_ofAShortPeriod_isScaledDown() {
    List<AuditEntry> entries = new ArrayList<>(history("politie-querier", 40));
    Instant from = FROM;
    Instant to = FROM.plus(Duration.ofHours(12)); // usual 40 × 0.5 = 20; factor 5 → more than 100
    entries.add(lookup(from.plus(Duration.ofHours(1)), "politie-querier", "c", subjects("p", 101)));

    AnomalyReport r = analyse(RULES, from, to, entries);

    assertThat(r.volume()).singleElement().satisfies(f -> assertThat(f.usualSubjects()).isEqualTo(20.0));
  }

  @Test
  void volume_usesTheMedian_soOneBusyBaselineDayDoesNotRaiseTheUsual() {
    List<AuditEntry> entries = new ArrayList<>(history("politie-querier", 10));
    entries.add(lookup(FROM.minus(Duration.ofHours(3)), "politie-querier", "c", subjects("burst", 5000)));
    entries.add(lookup(inOffice(0), "politie-querier", "c", subjects("p", 351))); // > 5 × 70

    AnomalyReport r = analyse(entries);

    assertThat(r.volume()).singleElement().satisfies(f -> assertThat(f.usualSubjects()).isEqualTo(70.0));
  }

  @Test
  void volume_withoutHistory_isReportedFromTheMinimumOn() {
    List<AuditEntry> entries = new ArrayList<>(history("vh-coordinator", 20)); // the log is old enough
    entries.add(lookup(inOffice(0), "politie-querier", "c", subjects("p", 50)));
    entries.add(lookup(inOffice(1), "wijkteam-professional", "c", subjects("w", 49)));

    AnomalyReport r = analyse(entries);

    assertThat(r.volume()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo("politie-querier");
      assertThat(f.usualSubjects()).isZero();
      assertThat(f.ratio()).isNull();
    });
  }

  @Test
  void volume_belowTheMinimum_isNeverReported_evenFarAboveUsual() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int day = 28; day >= 1; day--) { // one subject every fourth day: median 0
      if (day % 4 == 0) {
        entries.add(lookup(FROM.minus(Duration.ofDays(day)), "politie-querier", "c", "a1.x" + day));
      }
    }
    entries.add(lookup(inOffice(0), "politie-querier", "c", subjects("p", 49)));

    assertThat(analyse(entries).volume()).isEmpty();
  }

  @Test
  void baseline_countsOnlyTheDaysTheLogExisted() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int day = 3; day >= 1; day--) {
      entries.add(lookup(FROM.minus(Duration.ofDays(day)).plus(Duration.ofHours(10)), "politie-querier", "c",
          subjects("d" + day, 30)));
    }
    entries.add(lookup(inOffice(0), "politie-querier", "c", subjects("p", 1100))); // usual 30 × 7 = 210; 5 × 210 = 1050

    AnomalyReport r = analyse(entries);

    assertThat(r.baselineDaysCounted()).isEqualTo(3);
    assertThat(r.volume()).singleElement().satisfies(f -> assertThat(f.usualSubjects()).isEqualTo(30.0 * 7));
  }

  @Test
  void repeatedWithoutCaseRef_isReportedExactlyAtTheThreshold() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      entries.add(lookup(inOffice(i), "politie-querier", null, "a1.three", "a1.other-" + i));
      entries.add(lookup(inOffice(10 + i), "vh-coordinator", i == 2 ? "case-7" : null, "a1.two-plus-case"));
    }
    for (int i = 0; i < 5; i++) {
      entries.add(lookup(inOffice(20 + i), "politie-querier", i % 2 == 0 ? "" : null, "a1.five"));
    }

    AnomalyReport r = analyse(entries);

    assertThat(r.repeatedWithoutCaseRef()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo("politie-querier");
      assertThat(f.agency()).isEqualTo("politie");
      assertThat(f.repeatedSubjects()).isEqualTo(2);
      assertThat(f.maxRepeats()).isEqualTo(5);
      assertThat(f.subjects()).containsExactly(new AnomalyReport.RepeatedSubject("a1.five", 5),
          new AnomalyReport.RepeatedSubject("a1.three", 3));
    });
  }

  @Test
  void repeatedWithoutCaseRef_countsASubjectOncePerCall_andOnlyAnsweredCalls() {
    AuditSubject same = new AuditSubject(List.of("a1.same"), true, List.of());
    List<AuditEntry> entries = new ArrayList<>();
    entries.add(lookup(inOffice(0), "politie-querier", null, List.of(same, same)));
    entries.add(lookup(inOffice(1), "politie-querier", null, List.of(same)));
    AuditEntry failed = lookup(inOffice(2), "politie-querier", null, List.of(same));
    entries.add(new AuditEntry(failed.time(), failed.requestId(), failed.clientId(), failed.agency(), failed.roles(),
        failed.action(), AuditOutcome.FAILED, "internal", null, null, null, failed.subjects(), Map.of()));

    assertThat(analyse(entries).repeatedWithoutCaseRef()).isEmpty();

    entries.add(lookup(inOffice(3), "politie-querier", null, List.of(same)));
    assertThat(analyse(entries).repeatedWithoutCaseRef()).singleElement()
        .satisfies(f -> assertThat(f.maxRepeats()).isEqualTo(3));
  }

  @Test
  void refusals_areGroupedByProblemType_with401And403CalledOut() {
    List<AuditEntry> entries = List.of(
        refusal(inOffice(0), null, AuditAction.LOOKUP, AuditOutcome.REFUSED, "unauthenticated"),
        refusal(inOffice(1), null, AuditAction.AUDIT_ANOMALY_REPORT, AuditOutcome.REFUSED, "unauthenticated"),
        refusal(inOffice(2), "politie-querier", AuditAction.LOOKUP, AuditOutcome.REFUSED, "purpose-not-allowed"),
        refusal(inOffice(3), "politie-querier", AuditAction.AUDIT_PROOF, AuditOutcome.REFUSED, "forbidden"),
        refusal(inOffice(4), "politie-querier", AuditAction.LOOKUP, AuditOutcome.INVALID, "invalid-request"),
        refusal(inOffice(5), "politie-querier", AuditAction.LOOKUP, AuditOutcome.REFUSED, "quota-exceeded"),
        refusal(inOffice(6), "politie-querier", AuditAction.LOOKUP, AuditOutcome.REFUSED, "quota-exceeded"),
        lookup(inOffice(7), "vh-coordinator", "c", "a1.fine"));

    AnomalyReport r = analyse(entries);

    assertThat(r.refusals()).hasSize(2);
    AnomalyReport.RefusalFinding anonymous = r.refusals().get(0);
    assertThat(anonymous.clientId()).isNull();
    assertThat(anonymous.agency()).isNull();
    assertThat(anonymous.refused()).isEqualTo(2);
    assertThat(anonymous.unauthenticated()).isEqualTo(2);
    AnomalyReport.RefusalFinding politie = r.refusals().get(1);
    assertThat(politie.clientId()).isEqualTo("politie-querier");
    assertThat(politie.refused()).isEqualTo(4);
    assertThat(politie.invalid()).isEqualTo(1);
    assertThat(politie.forbidden()).isEqualTo(2);
    assertThat(politie.unauthenticated()).isZero();
    assertThat(politie.byProblemType()).containsExactly(Map.entry("forbidden", 1L),
        Map.entry("invalid-request", 1L), Map.entry("purpose-not-allowed", 1L), Map.entry("quota-exceeded", 2L));
  }

  @Test
  void thePeriod_includesFrom_andExcludesTo() {
    List<AuditEntry> entries = List.of(
        lookup(FROM.minusMillis(1), "politie-querier", null, "a1.x"),
        lookup(FROM, "politie-querier", null, "a1.x"),
        lookup(TO.minusMillis(1), "politie-querier", null, "a1.x"),
        lookup(TO, "politie-querier", null, "a1.x"),
        lookup(TO.plus(Duration.ofDays(1)), "politie-querier", null, "a1.x"));

    AnomalyReport r = analyse(entries);

    assertThat(r.totals().entriesScanned()).isEqualTo(5);
    assertThat(r.totals().entriesInPeriod()).isEqualTo(2);
    assertThat(r.totals().lookups()).isEqualTo(2);
    assertThat(r.repeatedWithoutCaseRef()).isEmpty(); // two in the period, not three
    assertThat(r.outsideOfficeHours()).singleElement().satisfies(f -> {
      assertThat(f.lookups()).isEqualTo(2);
      assertThat(f.first()).isEqualTo(FROM);
      assertThat(f.last()).isEqualTo(TO.minusMillis(1));
    });
  }

  @Test
  void anEmptyLog_givesAnEmptyReport() {
    AnomalyReport r = analyse(List.of());
    assertThat(r.treeSize()).isZero();
    assertThat(r.baselineDaysCounted()).isZero();
    assertThat(r.volume()).isEmpty();
    assertThat(r.outsideOfficeHours()).isEmpty();
    assertThat(r.repeatedWithoutCaseRef()).isEmpty();
    assertThat(r.refusals()).isEmpty();
  }

  @Test
  void median_ofOddAndEvenCounts() {
    assertThat(AnomalyAnalyser.median(new long[] {5, 1, 3, 0}, 3)).isEqualTo(3.0);
    assertThat(AnomalyAnalyser.median(new long[] {5, 1, 3, 0}, 4)).isEqualTo(2.0);
    assertThat(AnomalyAnalyser.median(new long[] {5}, 0)).isZero();
  }
}

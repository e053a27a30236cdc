package nl.hitmachine.service.hit;

import static nl.hitmachine.service.hit.AnomalyTraffic.lookup;
import static nl.hitmachine.service.hit.AnomalyTraffic.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditReceipt;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomaly report finds a planted fishing pattern in generated traffic: five weeks of ordinary
 * lookups by ten clients (working days, office hours, each with a case reference, volumes varying
 * day to day, the baseline crossing the end of summer time), written to a real {@link FileAuditLog};
 * in the last week one client also looks up thousands of distinct subjects at night without a case
 * reference, one subject six times, and is refused three times. The report flags that client, and
 * only that client, in every category.
 */
class AnomalyFishingPatternIT {
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  /** Monday 16 November 2026, 00:00 in Amsterdam. */
  private static final ZonedDateTime PERIOD_START = LocalDate.of(2026, 11, 16).atStartOfDay(AMSTERDAM);
  private static final Instant FROM = PERIOD_START.toInstant();
  private static final Instant TO = PERIOD_START.plusDays(7).toInstant();
  private static final String FISHER = "wijkteam-professional";
  private static final List<String> CLIENTS = List.of("vh-coordinator", "politie-querier", FISHER,
      "leerplicht-querier", "schuldhulp-querier", "reclassering-querier", "om-querier", "ggz-querier",
      "woningcorporatie-querier", "jeugdzorg-querier");

  @TempDir Path dir;

  @Test
  void anomalyReport_findsAPlantedFishingPattern_andNoOrdinaryClient() {
    Random random = new Random(20261116);
    List<AuditEntry> traffic = new ArrayList<>(ordinaryTraffic(random));
    int fishingLookups = plantFishing(traffic);
    traffic.sort(Comparator.comparing(AuditEntry::time));

    AnomalyReport report;
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("audit"))) {
      List<CompletableFuture<AuditReceipt>> appended = new ArrayList<>();
      traffic.forEach(e -> appended.add(log.append(e)));
      CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).join();

      AnomalyAnalyser analyser = new AnomalyAnalyser(AnomalyRules.defaults(), FROM, TO);
      try (Stream<StoredAuditEntry> entries = log.read(0)) {
        entries.forEach(analyser::accept);
      }
      report = analyser.report(log.size());
    }

    assertThat(report.treeSize()).isEqualTo(traffic.size());
    assertThat(report.totals().entriesScanned()).isEqualTo(traffic.size());
    assertThat(report.totals().clients()).isEqualTo(CLIENTS.size());
    assertThat(report.baselineDaysCounted()).isEqualTo(28);

    assertThat(report.volume()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo(FISHER);
      assertThat(f.agency()).isEqualTo("wijkteam");
      assertThat(f.usualSubjects()).isPositive();
      assertThat(f.ratio()).isGreaterThan(5.0);
    });
    assertThat(report.outsideOfficeHours()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo(FISHER);
      assertThat(f.lookups()).isEqualTo(fishingLookups);
      assertThat(f.subjects()).isEqualTo(3000 + 6);
      assertThat(f.first()).isAfterOrEqualTo(FROM);
      assertThat(f.last()).isBefore(TO);
    });
    assertThat(report.repeatedWithoutCaseRef()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo(FISHER);
      assertThat(f.repeatedSubjects()).isEqualTo(1);
      assertThat(f.maxRepeats()).isEqualTo(6);
      assertThat(f.subjects()).containsExactly(new AnomalyReport.RepeatedSubject("a1.target", 6));
    });
    assertThat(report.refusals()).singleElement().satisfies(f -> {
      assertThat(f.clientId()).isEqualTo(FISHER);
      assertThat(f.forbidden()).isEqualTo(3);
    });
  }

  /**
   * Every client, every working day from 28 days before the period to its end: 10–25 lookups of
   * 1–3 subjects from its own caseload of 300, between 08:00 and 17:00 local time, each with a case
   * reference. So ordinary clients do look up the same subject repeatedly — with a case reference.
   */
  private static List<AuditEntry> ordinaryTraffic(Random random) {
    List<AuditEntry> entries = new ArrayList<>();
    for (LocalDate day = PERIOD_START.toLocalDate().minusDays(28); day.isBefore(PERIOD_START.toLocalDate().plusDays(7));
        day = day.plusDays(1)) {
      if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        continue;
      }
      for (String client : CLIENTS) {
        int calls = 10 + random.nextInt(16);
        for (int c = 0; c < calls; c++) {
          LocalTime at = LocalTime.of(8, 0).plusSeconds(random.nextInt(9 * 3600));
          Instant time = day.atTime(at).atZone(AMSTERDAM).toInstant();
          String[] subjects = new String[1 + random.nextInt(3)];
          for (int s = 0; s < subjects.length; s++) {
            subjects[s] = "a1." + client + "-" + random.nextInt(300);
          }
          entries.add(lookup(time, client, "case-" + random.nextInt(1000), subjects));
        }
      }
    }
    return entries;
  }

  /**
   * The fishing: on three nights of the period, 60 lookups of 50 distinct subjects each, six
   * lookups of one subject, three lookups refused for a purpose the client may not state — all
   * between 01:00 and 04:00, none with a case reference. Returns the number of night lookups.
   */
  private static int plantFishing(List<AuditEntry> entries) {
    int lookups = 0;
    for (int i = 0; i < 60; i++) {
      Instant time = PERIOD_START.plusDays(1 + i % 3).withHour(1).plusMinutes(3L * i).toInstant();
      entries.add(lookup(time, FISHER, null, AnomalyTraffic.subjects("fished-" + i, 50)));
      lookups++;
    }
    for (int i = 0; i < 6; i++) {
      entries.add(lookup(PERIOD_START.plusDays(2).withHour(3).plusMinutes(i).toInstant(), FISHER, null, "a1.target"));
      lookups++;
    }
    for (int i = 0; i < 3; i++) {
      entries.add(refusal(PERIOD_START.plusDays(3).withHour(2).plusMinutes(i).toInstant(), FISHER, AuditAction.LOOKUP,
          AuditOutcome.REFUSED, "purpose-not-allowed"));
      lookups++;
    }
    return lookups;
  }
}

package nl.hitmachine.service.hit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.failure.ProblemType;

/**
 * Makes the {@link AnomalyReport} of one period from audit entries fed to it one by one. Pure: no
 * I/O, no clock; entries may come in any order (the log's order follows time closely but not
 * strictly), each is placed by its own time.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li><b>volume</b>: a client's subjects in the period (every subject of every lookup) against its
 *       usual volume — the median of its daily subject counts over the {@code baselineDays} 24-hour
 *       days before {@code from}, scaled to the period's length. Reported when at least {@code
 *       minimumVolume} and more than {@code volumeFactor} × usual. Baseline days that ended before
 *       the log's first entry are not counted (a young log does not make everyone look new); a
 *       client without lookups in the counted days has usual 0, so the minimum alone decides.
 *   <li><b>outside office hours</b>: lookup calls (any outcome) by an authenticated client whose
 *       time is not on a working day in [start, end) local time.
 *   <li><b>repeated without caseRef</b>: answered lookups without a case reference, counted per
 *       client and audit pseudonym (once per call, so a household listing a person twice counts
 *       once); pseudonyms looked up at least {@code repeatThreshold} times are reported. Counted
 *       per audit pseudonym: a person given under two kids counts under each.
 *   <li><b>refusals</b>: refused and invalid calls of every action, per client (also the
 *       unauthenticated ones, client {@code null}), by problem type, with 401 and 403 called out.
 *       New problem types (rate limits, quotas) show up without change.
 * </ul>
 *
 * <p>Memory: per client a counter per baseline day and a few totals, plus one counter per distinct
 * (client, audit pseudonym) looked up without case reference in the period — bounded by the
 * period's traffic, not by the size of the log.
 */
public final class AnomalyAnalyser {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Comparator<ClientKey> CLIENT_ORDER = Comparator
      .comparing(ClientKey::clientId, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(ClientKey::agency, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final AnomalyRules rules;
  private final Instant from;
  private final Instant to;
  private final Instant baselineFrom;
  private final Map<ClientKey, ClientTally> clients = new HashMap<>();
  private final Set<ClientKey> clientsInPeriod = new HashSet<>();
  private Instant firstEntry;
  private long entriesScanned;
  private long entriesInPeriod;
  private long lookups;
  private long subjects;

  /**
   * @param rules what counts as usual
   * @param from the period's start, inclusive
   * @param to the period's end, exclusive; after {@code from}
   */
  public AnomalyAnalyser(AnomalyRules rules, Instant from, Instant to) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from");
    }
    this.baselineFrom = from.minus(DAY.multipliedBy(rules.baselineDays()));
  }

  /** The start of the baseline: entries before it only tell the analyser when the log began. */
  public Instant baselineFrom() {
    return baselineFrom;
  }

  /** Takes one entry into account. */
  public void accept(StoredAuditEntry stored) {
    AuditEntry e = stored.entry();
    entriesScanned++;
    Instant time = e.time();
    if (firstEntry == null || time.isBefore(firstEntry)) {
      firstEntry = time;
    }
    if (time.isBefore(baselineFrom) || !time.isBefore(to)) {
      return;
    }
    ClientKey key = new ClientKey(e.clientId(), e.agency());
    if (time.isBefore(from)) {
      if (e.action() == AuditAction.LOOKUP && e.clientId() != null) {
        // day k = [from - (k+1) days, from - k days): 0 is the day just before the period
        int day = (int) ((Duration.between(time, from).toNanos() - 1) / DAY.toNanos());
        tally(key).baseline[day] += e.subjects().size();
      }
      return;
    }
    entriesInPeriod++;
    clientsInPeriod.add(key);
    if (e.outcome() == AuditOutcome.REFUSED || e.outcome() == AuditOutcome.INVALID) {
      tally(key).refusal(e);
    }
    if (e.action() != AuditAction.LOOKUP) {
      return;
    }
    lookups++;
    subjects += e.subjects().size();
    if (e.clientId() == null) {
      return;
    }
    ClientTally t = tally(key);
    t.subjects += e.subjects().size();
    if (!rules.isOfficeHours(time)) {
      t.outsideLookups++;
      t.outsideSubjects += e.subjects().size();
      t.firstOutside = t.firstOutside == null || time.isBefore(t.firstOutside) ? time : t.firstOutside;
      t.lastOutside = t.lastOutside == null || time.isAfter(t.lastOutside) ? time : t.lastOutside;
    }
    if (e.outcome() == AuditOutcome.OK && (e.caseRef() == null || e.caseRef().isBlank())) {
      Set<String> once = new LinkedHashSet<>();
      for (AuditSubject s : e.subjects()) {
        once.addAll(s.auditPseudonyms());
      }
      for (String pseudonym : once) {
        t.withoutCaseRef.merge(pseudonym, 1L, Long::sum);
      }
    }
  }

  /** The report over everything accepted so far. */
  public AnomalyReport report(long treeSize) {
    int daysCounted = baselineDaysCounted();
    double periodDays = (double) Duration.between(from, to).toMillis() / DAY.toMillis();
    List<ClientKey> keys = new ArrayList<>(clients.keySet());
    keys.sort(CLIENT_ORDER);
    List<AnomalyReport.VolumeFinding> volume = new ArrayList<>();
    List<AnomalyReport.OutsideOfficeHoursFinding> outside = new ArrayList<>();
    List<AnomalyReport.RepeatFinding> repeats = new ArrayList<>();
    List<AnomalyReport.RefusalFinding> refusals = new ArrayList<>();
    for (ClientKey key : keys) {
      ClientTally t = clients.get(key);
      double usual = median(t.baseline, daysCounted) * periodDays;
      if (t.subjects >= rules.minimumVolume() && t.subjects > rules.volumeFactor() * usual) {
        volume.add(new AnomalyReport.VolumeFinding(key.clientId(), key.agency(), t.subjects, usual,
            usual > 0 ? t.subjects / usual : null));
      }
      if (t.outsideLookups > 0) {
        outside.add(new AnomalyReport.OutsideOfficeHoursFinding(key.clientId(), key.agency(), t.outsideLookups,
            t.outsideSubjects, t.firstOutside, t.lastOutside));
      }
      AnomalyReport.RepeatFinding repeat = t.repeatFinding(key);
      if (repeat != null) {
        repeats.add(repeat);
      }
      if (t.refused + t.invalid > 0) {
        refusals.add(new AnomalyReport.RefusalFinding(key.clientId(), key.agency(), t.refused, t.invalid,
            t.unauthenticated, t.forbidden, Collections.unmodifiableMap(new TreeMap<>(t.byProblemType))));
      }
    }
    return new AnomalyReport(from, to, baselineFrom, daysCounted, rules, treeSize,
        new AnomalyReport.Totals(entriesScanned, entriesInPeriod, lookups, subjects, clientsInPeriod.size()),
        volume, outside, repeats, refusals);
  }

  /** Baseline days (0 = the day before from) that end after the log's first entry. */
  private int baselineDaysCounted() {
    if (firstEntry == null) {
      return 0;
    }
    int counted = 0;
    for (int day = 0; day < rules.baselineDays(); day++) {
      Instant dayEnd = from.minus(DAY.multipliedBy(day));
      if (dayEnd.isAfter(firstEntry)) {
        counted++;
      }
    }
    return counted;
  }

  /** The median of the first {@code days} daily counts; 0 when there are none. */
  static double median(long[] daily, int days) {
    if (days == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(daily, days);
    Arrays.sort(sorted);
    int mid = days / 2;
    return days % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  private ClientTally tally(ClientKey key) {
    return clients.computeIfAbsent(key, k -> new ClientTally(rules.baselineDays()));
  }

  private record ClientKey(String clientId, String agency) {}

  /** Everything counted for one client. */
  private final class ClientTally {
    final long[] baseline;
    long subjects;
    long outsideLookups;
    long outsideSubjects;
    Instant firstOutside;
    Instant lastOutside;
    final Map<String, Long> withoutCaseRef = new HashMap<>();
    long refused;
    long invalid;
    long unauthenticated;
    long forbidden;
    final Map<String, Long> byProblemType = new HashMap<>();

    ClientTally(int baselineDays) {
      this.baseline = new long[baselineDays];
    }

    void refusal(AuditEntry e) {
      if (e.outcome() == AuditOutcome.REFUSED) {
        refused++;
      } else {
        invalid++;
      }
      String slug = e.problemType() == null ? "(none)" : e.problemType();
      byProblemType.merge(slug, 1L, Long::sum);
      int status = statusOf(e.problemType());
      if (status == 401) {
        unauthenticated++;
      } else if (status == 403) {
        forbidden++;
      }
    }

    AnomalyReport.RepeatFinding repeatFinding(ClientKey key) {
      List<AnomalyReport.RepeatedSubject> repeated = new ArrayList<>();
      for (Map.Entry<String, Long> e : withoutCaseRef.entrySet()) {
        if (e.getValue() >= rules.repeatThreshold()) {
          repeated.add(new AnomalyReport.RepeatedSubject(e.getKey(), e.getValue()));
        }
      }
      if (repeated.isEmpty()) {
        return null;
      }
      repeated.sort(Comparator.comparingLong(AnomalyReport.RepeatedSubject::lookups).reversed()
          .thenComparing(AnomalyReport.RepeatedSubject::auditPseudonym));
      return new AnomalyReport.RepeatFinding(key.clientId(), key.agency(), repeated.size(),
          repeated.get(0).lookups(), repeated.subList(0, Math.min(repeated.size(), AnomalyReport.RepeatFinding.LISTED)));
    }
  }

  private static int statusOf(String slug) {
    for (ProblemType type : ProblemType.values()) {
      if (type.slug().equals(slug)) {
        return type.status();
      }
    }
    return 0;
  }
}

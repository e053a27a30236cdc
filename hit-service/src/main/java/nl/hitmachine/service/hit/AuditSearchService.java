package nl.hitmachine.service.hit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.failure.ProblemException;

/**
 * The privacy officer's searches of the audit log: a paged search, a streamed export and the
 * subject access report. Only for the {@link Role#PRIVACY_OFFICER} role. Every read is itself
 * audited — answered ({@code ok}), refused or invalid — and nothing is released before that entry
 * is durable. The entry names the person searched for (the audit forms of the given pseudonyms, as
 * one subject with {@code permitted=true} and nothing disclosed), so a later subject access report
 * shows that the person was searched for, and counts what was read.
 *
 * <p>Blocking (file reads of the log): run every method on a worker pool.
 */
public final class AuditSearchService {
  /** Default and maximum page size of a search. */
  public static final int DEFAULT_LIMIT = 100;

  public static final int MAX_LIMIT = 1000;

  /**
   * A search page reads at most this many entries; when the budget runs out before {@code limit}
   * matches were found, the page ends early with a {@code next} cursor. One request therefore does
   * bounded work however rare the matches are; the client follows {@code next}.
   */
  public static final int MAX_SCANNED_PER_PAGE = 100_000;

  private static final Set<String> PAGING = Set.of("after", "limit");
  private static final Set<String> FORMAT = Set.of("format");
  private static final Set<String> REPORT_PARAMETERS = Set.of("subject", "from", "to", "format");
  private static final Set<AuditAction> OFFICER_SEARCHES =
      Set.of(AuditAction.AUDIT_SEARCH, AuditAction.AUDIT_EXPORT, AuditAction.AUDIT_SUBJECT_REPORT);

  private final AuditTrail audit;
  private final AuditLog log;
  private final PseudonymKeyer keyer;
  private final PseudonymFormat format;
  private final Path latestCheckpoint;
  private final Clock clock;
  private final int scannedPerPage;

  /**
   * @param audit where the reads are audited
   * @param log the audit log that is read
   * @param keyer maps the given pseudonyms to their audit form
   * @param format checks the given pseudonyms
   * @param latestCheckpoint the file holding the newest signed checkpoint note, for the report
   * @param clock the report's generation time
   */
  public AuditSearchService(
      AuditTrail audit, AuditLog log, PseudonymKeyer keyer, PseudonymFormat format, Path latestCheckpoint, Clock clock) {
    this(audit, log, keyer, format, latestCheckpoint, clock, MAX_SCANNED_PER_PAGE);
  }

  /** As above with another scan budget per search page (tests). */
  AuditSearchService(AuditTrail audit, AuditLog log, PseudonymKeyer keyer, PseudonymFormat format,
      Path latestCheckpoint, Clock clock, int scannedPerPage) {
    if (scannedPerPage < 1) {
      throw new IllegalArgumentException("scannedPerPage must be positive");
    }
    this.scannedPerPage = scannedPerPage;
    this.audit = Objects.requireNonNull(audit, "audit");
    this.log = Objects.requireNonNull(log, "log");
    this.keyer = Objects.requireNonNull(keyer, "keyer");
    this.format = Objects.requireNonNull(format, "format");
    this.latestCheckpoint = Objects.requireNonNull(latestCheckpoint, "latestCheckpoint");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The formats of an export. */
  public enum ExportFormat {
    NDJSON,
    CSV
  }

  /**
   * One page of matching entries after the cursor {@code after} (exclusive), at most {@code limit}
   * (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}). Audited with counts {@code
   * returned} and {@code scanned}.
   */
  public CompletableFuture<AuditPage> search(Caller caller, Map<String, List<String>> parameters) {
    CompletableFuture<AuditPage> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_SEARCH, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    AuditQuery query;
    long after;
    int limit;
    try {
      query = AuditQuery.parse(parameters, PAGING, format, keyer);
      Long cursor = number(parameters, "after", Long.MAX_VALUE - 1);
      after = cursor == null ? -1 : cursor;
      Long l = number(parameters, "limit", MAX_LIMIT);
      limit = l == null ? DEFAULT_LIMIT : l.intValue();
      if (limit < 1) {
        throw ProblemException.invalid("query parameter limit must be between 1 and " + MAX_LIMIT);
      }
    } catch (ProblemException e) {
      return audit.refuse(caller, AuditAction.AUDIT_SEARCH, e, AuditTrail.Statement.NONE, Map.of());
    }
    long treeSize = log.size();
    List<StoredAuditEntry> found = new ArrayList<>();
    long scanned = 0;
    Long next = null;
    if (after + 1 < treeSize) {
      try (Stream<StoredAuditEntry> stream = log.read(after + 1)) {
        Iterator<StoredAuditEntry> entries = stream.iterator();
        long last = after;
        while (entries.hasNext()) {
          StoredAuditEntry e = entries.next();
          if (e.sequence() >= treeSize) {
            break;
          }
          if (found.size() == limit || scanned == scannedPerPage) {
            next = last; // more entries follow the last one looked at
            break;
          }
          scanned++;
          last = e.sequence();
          if (query.matches(e.entry())) {
            found.add(e);
          }
        }
      }
    }
    AuditPage page = new AuditPage(found, next, scanned);
    Map<String, Long> counts = new HashMap<>();
    counts.put("returned", (long) found.size());
    counts.put("scanned", scanned);
    counts.put("treeSize", treeSize);
    return audit.record(caller, AuditAction.AUDIT_SEARCH, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            query.auditedSubjects(), counts)
        .thenApply(receipt -> page);
  }

  /**
   * Starts an export of every matching entry of the log as it is now: audited first (counts {@code
   * treeSize} and the format), then handed back as a cursor the caller streams and closes.
   */
  public CompletableFuture<AuditExport> export(Caller caller, Map<String, List<String>> parameters) {
    CompletableFuture<AuditExport> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_EXPORT, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    AuditQuery query;
    ExportFormat exportFormat;
    try {
      query = AuditQuery.parse(parameters, FORMAT, format, keyer);
      exportFormat = exportFormat(parameters.get("format"));
    } catch (ProblemException e) {
      return audit.refuse(caller, AuditAction.AUDIT_EXPORT, e, AuditTrail.Statement.NONE, Map.of());
    }
    long treeSize = log.size();
    AuditExport export = new AuditExport(query, treeSize, log.read(0));
    Map<String, Long> counts = Map.of("treeSize", treeSize, exportFormat == ExportFormat.CSV ? "csv" : "ndjson", 1L);
    return audit.record(caller, AuditAction.AUDIT_EXPORT, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            query.auditedSubjects(), counts)
        .handle((receipt, failure) -> {
          if (failure != null) {
            export.close();
            throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
          }
          return export;
        });
  }

  /** The format an export asks for: {@code ndjson} (the default) or {@code csv}. */
  public static ExportFormat exportFormat(List<String> values) {
    if (values == null || values.isEmpty()) {
      return ExportFormat.NDJSON;
    }
    if (values.size() > 1) {
      throw ProblemException.invalid("query parameter format must be given at most once");
    }
    return switch (values.get(0)) {
      case "ndjson" -> ExportFormat.NDJSON;
      case "csv" -> ExportFormat.CSV;
      default -> throw ProblemException.invalid("query parameter format must be one of: ndjson, csv");
    };
  }

  /**
   * The subject access report for the person given by one or more pseudonyms ({@code subject},
   * required), optionally limited to {@code from}/{@code to}. Reads the whole log (the report must
   * be complete); holds only the matching entries. Audited with counts {@code lookups}, {@code
   * auditReads} and {@code treeSize}. {@code format} is allowed for the edge ({@code json} or
   * {@code html}) and checked here so a bad value is audited like any other.
   */
  public CompletableFuture<SubjectAccessReport> subjectReport(Caller caller, Map<String, List<String>> parameters) {
    CompletableFuture<SubjectAccessReport> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_SUBJECT_REPORT, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    AuditQuery query;
    try {
      for (String name : parameters.keySet()) {
        if (!REPORT_PARAMETERS.contains(name)) {
          throw ProblemException.invalid("unknown query parameter; allowed are subject, from, to, format");
        }
      }
      query = AuditQuery.parse(parameters, FORMAT, format, keyer);
      if (query.subjects().isEmpty()) {
        throw ProblemException.invalid("query parameter subject is required (a pseudonym; repeat it for aliases)");
      }
      reportFormat(parameters.get("format"));
    } catch (ProblemException e) {
      return audit.refuse(caller, AuditAction.AUDIT_SUBJECT_REPORT, e, AuditTrail.Statement.NONE, Map.of());
    }
    Instant generatedAt = clock.instant();
    long treeSize = log.size();
    List<SubjectAccessReport.Lookup> lookups = new ArrayList<>();
    List<SubjectAccessReport.AuditRead> reads = new ArrayList<>();
    if (treeSize > 0) {
      try (Stream<StoredAuditEntry> stream = log.read(0)) {
        Iterator<StoredAuditEntry> entries = stream.iterator();
        while (entries.hasNext()) {
          StoredAuditEntry stored = entries.next();
          if (stored.sequence() >= treeSize) {
            break;
          }
          AuditEntry e = stored.entry();
          if (!query.matches(e)) {
            continue;
          }
          if (e.action() == AuditAction.LOOKUP) {
            lookups.add(lookupOf(stored, query.matchingSubjects(e)));
          } else if (OFFICER_SEARCHES.contains(e.action())) {
            reads.add(new SubjectAccessReport.AuditRead(stored.sequence(), stored.entryHash(), e.time(), e.agency(),
                e.clientId(), e.action().wireName(), e.outcome().wireName()));
          }
        }
      }
    }
    Long checkpoint = checkpointTreeSize();
    Map<String, Long> counts = Map.of("lookups", (long) lookups.size(), "auditReads", (long) reads.size(),
        "treeSize", treeSize);
    return audit.record(caller, AuditAction.AUDIT_SUBJECT_REPORT, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            query.auditedSubjects(), counts)
        .thenApply(receipt -> new SubjectAccessReport(query.from(), query.to(), generatedAt, treeSize, checkpoint,
            receipt.sequence(), lookups, reads));
  }

  /** True when the report is asked for as HTML ({@code format=html}); {@code json} or absent is JSON. */
  public static boolean reportFormat(List<String> values) {
    if (values == null || values.isEmpty()) {
      return false;
    }
    if (values.size() > 1) {
      throw ProblemException.invalid("query parameter format must be given at most once");
    }
    return switch (values.get(0)) {
      case "json" -> false;
      case "html" -> true;
      default -> throw ProblemException.invalid("query parameter format must be one of: json, html");
    };
  }

  /** What one lookup told about the person: only the matching subjects' part of the entry. */
  private static SubjectAccessReport.Lookup lookupOf(StoredAuditEntry stored, List<AuditSubject> matching) {
    AuditEntry e = stored.entry();
    boolean permitted = false;
    Set<String> disclosed = new LinkedHashSet<>();
    for (AuditSubject s : matching) {
      permitted |= s.permitted();
      disclosed.addAll(s.disclosed());
    }
    return new SubjectAccessReport.Lookup(stored.sequence(), stored.entryHash(), e.time(), e.agency(), e.clientId(),
        e.requestedBy(), e.purpose(), e.caseRef(), e.outcome().wireName(), permitted, List.copyOf(disclosed));
  }

  /** The latest checkpoint's tree size (its body's second line), or {@code null} when there is none. */
  private Long checkpointTreeSize() {
    byte[] note;
    try {
      note = Files.readAllBytes(latestCheckpoint);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the latest audit checkpoint could not be read", e);
    }
    String[] lines = new String(note, StandardCharsets.UTF_8).split("\n", 3);
    if (lines.length >= 2 && !lines[1].isEmpty() && lines[1].length() <= 18
        && lines[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Long.parseLong(lines[1]);
    }
    return null;
  }

  private static Long number(Map<String, List<String>> parameters, String name, long max) {
    String value = QueryParameters.once(name, parameters.get(name), false);
    return value == null ? null : QueryParameters.nonNegative(name, value, max);
  }

}

package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditEntryCodec;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.audit.StoredAuditEntry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /v1/audit/export over HTTP: NDJSON and CSV, complete and in order, audited before the first byte. */
class AuditExportIT {
  private static final String EXPORT = "/v1/audit/export";

  @TempDir Path dir;

  private static void lookup(TestService s, String caseRef, String requestedBy, String... subjects) {
    JsonArray list = new JsonArray();
    for (String p : subjects) {
      list.add(p);
    }
    JsonObject body = new JsonObject().put("purpose", "screening").put("caseRef", caseRef)
        .put("requestedBy", requestedBy).put("subjects", list);
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static List<StoredAuditEntry> stored(TestService s, long size) {
    try (Stream<StoredAuditEntry> all = s.service.auditLog().read(0)) {
      return all.limit(size).toList();
    }
  }

  @Test
  void ndjson_ofManyEntries_isComplete_inOrder_andAuditedBeforeItsFirstByte() {
    try (TestService s = TestService.start(dir)) {
      AuditLog log = s.service.auditLog();
      List<CompletableFuture<?>> appends = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        appends.add(log.append(new AuditEntry(s.clock.instant(), "req-" + i, "politie-querier", "politie",
            List.of("querier"), AuditAction.LOOKUP, AuditOutcome.OK, null, "screening", "case-" + i, "agent",
            List.of(new AuditSubject(List.of("a1.subject" + i), true, List.of("leerplicht"))), java.util.Map.of("subjects", 1L))));
      }
      CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
      long size = log.size();
      assertThat(size).isEqualTo(5000);

      HttpResponse<String> r = s.get(EXPORT, PRIVACY_OFFICER);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
      assertThat(r.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"audit-export-5000.ndjson\"");
      assertThat(r.headers().firstValue("X-Audit-Tree-Size")).hasValue("5000");
      assertThat(r.body()).endsWith("\n");
      String[] lines = r.body().split("\n");
      assertThat(lines).hasSize(5000);
      List<StoredAuditEntry> stored = stored(s, size);
      for (int i = 0; i < lines.length; i++) {
        JsonObject line = new JsonObject(lines[i]);
        assertThat(line.getLong("seq")).isEqualTo(i);
        assertThat(line.remove("entryHash")).isEqualTo(stored.get(i).entryHash());
        assertThat(line).isEqualTo(new JsonObject(
            new String(AuditEntryCodec.encode(i, stored.get(i).entry()), StandardCharsets.UTF_8)));
      }
      // The export's own entry is durable, right after the exported range, and not part of it.
      assertThat(log.size()).isEqualTo(size + 1);
      AuditEntry own = AuditAssertions.last(s);
      assertThat(own.action()).isEqualTo(AuditAction.AUDIT_EXPORT);
      assertThat(own.outcome()).isEqualTo(AuditOutcome.OK);
      assertThat(own.clientId()).isEqualTo("fg-officer");
      assertThat(own.counts()).containsEntry("treeSize", 5000L).containsEntry("ndjson", 1L);

      // Filters apply to exports too.
      HttpResponse<String> filtered = s.get(EXPORT + "?format=ndjson&caseRef=case-4711", PRIVACY_OFFICER);
      assertThat(filtered.body().split("\n")).hasSize(1);
      assertThat(new JsonObject(filtered.body().strip()).getLong("seq")).isEqualTo(4711);
      HttpResponse<String> none = s.get(EXPORT + "?caseRef=nothing", PRIVACY_OFFICER);
      assertThat(none.statusCode()).isEqualTo(200);
      assertThat(none.body()).isEmpty();
    }
  }

  @Test
  void csv_parsesBack_withOneRowPerEntry_andFormulaInjectionNeutralised() throws Exception {
    try (TestService s = TestService.start(dir)) {
      String p = TestService.pseudonym();
      lookup(s, "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(1+1)", p, TestService.pseudonym());
      lookup(s, "-2+3", "+agent", TestService.pseudonym());
      lookup(s, "plain, with \"quotes\"; and = inside", "agent", TestService.pseudonym());
      long size = s.service.auditLog().size();

      HttpResponse<String> r = s.get(EXPORT + "?format=csv", PRIVACY_OFFICER);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
      assertThat(r.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"audit-export-" + size + ".csv\"");
      List<CSVRecord> rows;
      try (CSVParser parser = CSVParser.parse(new StringReader(r.body()),
          CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
        assertThat(parser.getHeaderNames()).containsExactly("seq", "time", "requestId", "clientId", "agency", "roles",
            "certificateSubject", "certificateOrganizationIdentifier", "certificateSha256", "action", "outcome", "problemType", "purpose", "caseRef", "requestedBy", "subjectPseudonyms",
            "subjectPermitted", "subjectDisclosed", "counts", "entryHash");
        rows = parser.getRecords();
      }
      assertThat(rows).hasSize((int) size);
      List<StoredAuditEntry> stored = stored(s, size);
      CSVRecord first = rows.get(0);
      assertThat(first.get("seq")).isEqualTo("0");
      assertThat(first.get("caseRef")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
      assertThat(first.get("requestedBy")).isEqualTo("'@SUM(1+1)");
      assertThat(first.get("action")).isEqualTo("lookup");
      assertThat(first.get("clientId")).isEqualTo("politie-querier");
      assertThat(first.get("roles")).isEqualTo("querier");
      List<AuditSubject> subjects = stored.get(0).entry().subjects();
      assertThat(first.get("subjectPseudonyms")).isEqualTo(
          subjects.get(0).auditPseudonyms().get(0) + ";" + subjects.get(1).auditPseudonyms().get(0));
      assertThat(first.get("subjectPermitted")).isEqualTo("true;true");
      assertThat(first.get("counts")).isEqualTo("subjects=2");
      assertThat(first.get("entryHash")).isEqualTo(stored.get(0).entryHash());
      assertThat(first.get("time")).isEqualTo("2026-11-23T09:00:00.000Z");
      assertThat(r.body()).doesNotContain(p).doesNotContain(p.substring(3));
      CSVRecord second = rows.get(1);
      assertThat(second.get("caseRef")).isEqualTo("'-2+3");
      assertThat(second.get("requestedBy")).isEqualTo("'+agent");
      assertThat(rows.get(2).get("caseRef")).isEqualTo("plain, with \"quotes\"; and = inside");
      for (CSVRecord row : rows) {
        for (String cell : row.values()) {
          assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
        }
      }
      AuditEntry own = AuditAssertions.last(s);
      assertThat(own.action()).isEqualTo(AuditAction.AUDIT_EXPORT);
      assertThat(own.counts()).containsEntry("csv", 1L).containsEntry("treeSize", size);

      // An empty selection is still a header row.
      HttpResponse<String> empty = s.get(EXPORT + "?format=csv&agency=nobody", PRIVACY_OFFICER);
      assertThat(empty.body()).isEqualTo(String.join(",", AuditCsv.HEADER) + "\r\n");
    }
  }

  @Test
  void readFailureMidway_resetsTheResponse_insteadOfEndingIt() {
    try (TestService s = TestService.start(dir, new nl.hitmachine.service.MutableClock(
        java.time.Instant.parse("2026-11-23T09:00:00Z"), java.time.ZoneId.of("Europe/Amsterdam")),
        path -> new ReadFailsAfter(nl.hitmachine.service.audit.FileAuditLog.open(path), 2500))) {
      AuditLog log = s.service.auditLog();
      List<CompletableFuture<?>> appends = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        appends.add(log.append(new AuditEntry(s.clock.instant(), "req-" + i, "politie-querier", "politie",
            List.of("querier"), AuditAction.LOOKUP, AuditOutcome.OK, null, "screening", "case-" + i, "agent",
            List.of(), java.util.Map.of("subjects", 1L))));
      }
      CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

      var request = java.net.http.HttpRequest.newBuilder(s.uri(EXPORT))
          .header("Authorization", "Bearer " + PRIVACY_OFFICER).GET().build();
      var client = java.net.http.HttpClient.newHttpClient();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> client.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
      // The export itself was audited before its first byte.
      try (Stream<StoredAuditEntry> all = log.read(5000)) {
        assertThat(all.map(StoredAuditEntry::entry).map(AuditEntry::action).toList())
            .containsExactly(AuditAction.AUDIT_EXPORT);
      }
    }
  }

  /** The real log, whose reads from sequence 0 fail with an I/O error after {@code failAfter} entries. */
  private record ReadFailsAfter(AuditLog log, int failAfter) implements AuditLog {
    @Override
    public CompletableFuture<nl.hitmachine.service.audit.AuditReceipt> append(AuditEntry entry) {
      return log.append(entry);
    }

    @Override
    public long size() {
      return log.size();
    }

    @Override
    public nl.hitmachine.service.audit.merkle.TreeHead treeHead() {
      return log.treeHead();
    }

    @Override
    public nl.hitmachine.service.audit.merkle.LeafHashes leafHashes() {
      return log.leafHashes();
    }

    @Override
    public Stream<StoredAuditEntry> read(long fromSequence) {
      Stream<StoredAuditEntry> real = log.read(fromSequence);
      if (fromSequence != 0) {
        return real;
      }
      return real.peek(e -> {
        if (e.sequence() == failAfter) {
          throw new java.io.UncheckedIOException(new java.io.IOException("simulated read error"));
        }
      });
    }

    @Override
    public boolean isWritable() {
      return log.isWritable();
    }

    @Override
    public nl.hitmachine.service.audit.AuditVerification verify() {
      return log.verify();
    }

    @Override
    public void close() {
      log.close();
    }
  }
}

package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static nl.hitmachine.service.TestService.WIJKTEAM_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditEntryCodec;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /v1/audit/entries over HTTP: each filter alone and combined, paging that returns every match
 * exactly once, entries in the stored form, every read audited, refusals and bad parameters.
 */
class AuditSearchApiIT {
  private static final String ENTRIES = "/v1/audit/entries";
  /** Kept out of problem details: a "pseudonym" that is almost well-formed. */
  private static final String SECRET_ISH = "t1.SECRETSECRETSECRET";

  @TempDir Path dir;
  private TestService s;
  private final String alice = TestService.pseudonym();
  private final String aliceAlias = TestService.pseudonym();
  private final String bob = TestService.pseudonym();
  private Instant start;
  private Instant middle;

  @BeforeEach
  void start() {
    s = TestService.start(dir);
    start = s.clock.instant();
    lookup(POLITIE_QUERIER, "screening", "P-1", "agent.a", new JsonArray().add(alice));
    lookup(POLITIE_QUERIER, "screening", "P-2", "agent.b", new JsonArray().add(bob));
    middle = s.clock.instant();
    lookup(COORDINATOR, "screening", "VH-1", "c.coordinator", new JsonArray().add(new JsonArray().add(aliceAlias).add(bob)));
    lookup(WIJKTEAM_QUERIER, "hulpverlening", "W-1", "agent.a", new JsonArray().add(bob));
    s.postJson("/v1/lookups", LEERPLICHT, new JsonObject()); // refused: a connector cannot look up
    s.clock.advance(Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private void lookup(String token, String purpose, String caseRef, String requestedBy, JsonArray subjects) {
    JsonObject body = new JsonObject().put("purpose", purpose).put("caseRef", caseRef).put("requestedBy", requestedBy)
        .put("subjects", subjects);
    HttpResponse<String> r = s.postJson("/v1/lookups", token, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    s.clock.advance(Duration.ofMinutes(1));
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private JsonObject search(String query) {
    HttpResponse<String> r = s.get(ENTRIES + query, PRIVACY_OFFICER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return new JsonObject(r.body());
  }

  private static List<Long> sequences(JsonObject page) {
    return page.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getLong("seq")).toList();
  }

  /** The sequences of the stored entries before {@code size} that satisfy {@code p}. */
  private List<Long> expected(long size, Predicate<AuditEntry> p) {
    List<AuditEntry> all = AuditAssertions.entries(s);
    List<Long> sequences = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (p.test(all.get(i))) {
        sequences.add((long) i);
      }
    }
    return sequences;
  }

  @Test
  void eachFilter_selectsExactlyTheMatchingEntries() {
    long size = s.service.auditLog().size();
    assertThat(sequences(search("?action=lookup&agency=politie")))
        .isEqualTo(expected(size, e -> e.action() == AuditAction.LOOKUP && "politie".equals(e.agency())))
        .hasSize(2);
    assertThat(sequences(search("?clientId=vh-coordinator")))
        .isEqualTo(expected(size, e -> "vh-coordinator".equals(e.clientId()))).isNotEmpty();
    assertThat(sequences(search("?requestedBy=agent.a"))).isEqualTo(expected(size, e -> "agent.a".equals(e.requestedBy())))
        .hasSize(2);
    assertThat(sequences(search("?purpose=hulpverlening"))).hasSize(1);
    assertThat(sequences(search("?caseRef=VH-1"))).isEqualTo(expected(size, e -> "VH-1".equals(e.caseRef())));
    assertThat(sequences(search("?outcome=refused&action=lookup")))
        .isEqualTo(expected(size, e -> e.outcome() == AuditOutcome.REFUSED && e.action() == AuditAction.LOOKUP))
        .hasSize(1);
    assertThat(sequences(search("?action=register"))).isEmpty();
    long now = s.service.auditLog().size(); // earlier searches were audited after middle: they match too
    assertThat(sequences(search("?from=" + middle))).isEqualTo(expected(now, e -> !e.time().isBefore(middle)))
        .contains(2L, 3L, 4L, 5L);
    assertThat(sequences(search("?from=" + start + "&to=" + middle)))
        .isEqualTo(expected(size, e -> !e.time().isBefore(start) && e.time().isBefore(middle))).hasSize(2);
    // Subject: by one pseudonym, or by the aliases of one person (any match). (Searches for a subject
    // are audited naming it, so later searches find them too unless restricted to lookups.)
    assertThat(sequences(search("?subject=" + q(bob)))).containsExactly(1L, 2L, 3L);
    assertThat(sequences(search("?subject=" + q(alice) + "&subject=" + q(aliceAlias) + "&action=lookup")))
        .containsExactly(0L, 2L);
    assertThat(sequences(search("?subject=" + q(alice) + "&action=lookup"))).containsExactly(0L);
    assertThat(sequences(search("?subject=" + q(aliceAlias) + "&action=audit-search"))).hasSize(1);
    // Combined: every criterion must hold.
    assertThat(sequences(search("?subject=" + q(bob) + "&agency=politie&requestedBy=agent.b&from=" + start + "&to=" + middle)))
        .hasSize(1);
    assertThat(sequences(search("?subject=" + q(bob) + "&requestedBy=agent.a&purpose=screening"))).isEmpty();
  }

  @Test
  void entries_areRenderedInTheStoredForm_withEntryHash() {
    long size = s.service.auditLog().size();
    JsonObject page = search("");
    assertThat(page.containsKey("next")).isFalse();
    JsonArray entries = page.getJsonArray("entries");
    assertThat(entries).hasSize((int) size);
    try (var stored = ((FileAuditLog) s.service.auditLog()).read(0)) {
      List<StoredAuditEntry> all = stored.limit(size).toList();
      for (int i = 0; i < size; i++) {
        JsonObject rendered = entries.getJsonObject(i).copy();
        assertThat(rendered.remove("entryHash")).isEqualTo(all.get(i).entryHash());
        JsonObject canonical = new JsonObject(new String(AuditEntryCodec.encode(i, all.get(i).entry()), StandardCharsets.UTF_8));
        assertThat(rendered).isEqualTo(canonical);
      }
    }
    JsonObject lookup = entries.getJsonObject(2);
    assertThat(lookup.fieldNames()).contains("seq", "time", "requestId", "clientId", "agency", "roles", "action",
        "outcome", "purpose", "caseRef", "requestedBy", "subjects", "counts", "entryHash");
    assertThat(lookup.getJsonArray("subjects").getJsonObject(0).fieldNames()).contains("pseudonyms", "permitted");
  }

  @Test
  void paging_returnsEveryMatchExactlyOnce_inOrder() {
    for (int i = 0; i < 7; i++) {
      lookup(POLITIE_QUERIER, "screening", "P-" + (10 + i), "agent.c", new JsonArray().add(TestService.pseudonym()));
    }
    long size = s.service.auditLog().size();
    List<Long> all = expected(size, e -> e.action() == AuditAction.LOOKUP && e.outcome() == AuditOutcome.OK);
    List<Long> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = search("?action=lookup&outcome=ok&limit=3" + (cursor == null ? "" : "&after=" + cursor));
      List<Long> got = sequences(page);
      assertThat(got.size()).isLessThanOrEqualTo(3);
      paged.addAll(got);
      cursor = page.getString("next");
      pages++;
      assertThat(pages).isLessThan(20);
    } while (cursor != null);
    // Each page's own audit entry comes after the log the search started on; none is ever matched.
    assertThat(paged).isEqualTo(all);
    assertThat(new HashSet<>(paged)).hasSize(paged.size());
    assertThat(pages).isBetween((all.size() + 2) / 3, (all.size() + 2) / 3 + 1);
    // Default limit holds them all; a cursor at the end gives an empty last page.
    assertThat(sequences(search("?action=lookup&outcome=ok"))).isEqualTo(all);
    assertThat(sequences(search("?after=" + (size + 100)))).isEmpty();
  }

  @Test
  void everyRead_isItsOwnAuditEntry_namingTheSubjectSearchedAndTheCounts() {
    long before = s.service.auditLog().size();
    HttpResponse<String> r = s.get(ENTRIES + "?subject=" + q(alice) + "&subject=" + q(aliceAlias), PRIVACY_OFFICER);
    assertThat(r.statusCode()).isEqualTo(200);
    List<AuditEntry> entries = AuditAssertions.entries(s);
    assertThat(entries).hasSize((int) before + 1);
    AuditEntry e = entries.get((int) before);
    assertThat(e.action()).isEqualTo(AuditAction.AUDIT_SEARCH);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.OK);
    assertThat(e.clientId()).isEqualTo("fg-officer");
    assertThat(e.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(e.counts()).containsEntry("returned", 2L).containsEntry("scanned", before).containsEntry("treeSize", before);
    assertThat(e.subjects()).hasSize(1);
    Set<String> forms = new HashSet<>();
    entries.stream().filter(x -> x.action() == AuditAction.LOOKUP).forEach(x -> x.subjects()
        .forEach(sub -> forms.addAll(sub.auditPseudonyms())));
    assertThat(forms).containsAll(e.subjects().get(0).auditPseudonyms());
    assertThat(e.subjects().get(0).auditPseudonyms()).hasSize(2).allMatch(f -> f.startsWith("a1."));
    assertThat(e.subjects().get(0).permitted()).isTrue();
    assertThat(e.subjects().get(0).disclosed()).isEmpty();

    // The next search finds that read too.
    JsonObject reads = search("?action=audit-search");
    assertThat(sequences(reads)).containsExactly(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/audit/entries", "/v1/audit/export?format=csv", "/v1/audit/subject-report"})
  void nonOfficers_get403_andNoToken_gets401_bothAudited(String path) {
    AuditAction action = path.contains("entries") ? AuditAction.AUDIT_SEARCH
        : path.contains("export") ? AuditAction.AUDIT_EXPORT : AuditAction.AUDIT_SUBJECT_REPORT;
    String full = path + (path.contains("?") ? "&" : "?") + "subject=" + q(alice);
    for (String token : List.of(LEERPLICHT, POLITIE_QUERIER, COORDINATOR)) {
      long before = s.service.auditLog().size();
      HttpResponse<String> r = s.get(full, token);
      assertProblem(r, 403, "forbidden");
      assertThat(r.body()).doesNotContain("\"entries\":").doesNotContain("\"lookups\":");
      AuditEntry e = AuditAssertions.last(s);
      assertThat(s.service.auditLog().size()).isEqualTo(before + 1);
      assertThat(e.action()).isEqualTo(action);
      assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
      assertThat(e.problemType()).isEqualTo("forbidden");
      assertThat(e.clientId()).isNotNull();
    }
    long before = s.service.auditLog().size();
    HttpResponse<String> r = s.get(full, null);
    assertProblem(r, 401, "unauthenticated");
    assertThat(s.service.auditLog().size()).isEqualTo(before + 1);
    AuditEntry e = AuditAssertions.last(s);
    assertThat(e.action()).isEqualTo(action);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(e.clientId()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      ENTRIES + "?subject=" + SECRET_ISH,
      ENTRIES + "?subject=SECRETSECRETSECRET",
      ENTRIES + "?action=SECRETSECRETSECRET",
      ENTRIES + "?outcome=SECRETSECRETSECRET",
      ENTRIES + "?from=SECRETSECRETSECRET",
      ENTRIES + "?to=2026-13-01T00:00:00Z",
      ENTRIES + "?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z",
      ENTRIES + "?agency=a&agency=b",
      ENTRIES + "?caseRef=",
      ENTRIES + "?SECRETSECRETSECRET=1",
      ENTRIES + "?limit=0",
      ENTRIES + "?limit=1001",
      ENTRIES + "?limit=x",
      ENTRIES + "?after=-1",
      ENTRIES + "?after=1&after=2",
      "/v1/audit/export?format=xml",
      "/v1/audit/export?subject=" + SECRET_ISH,
      "/v1/audit/export?limit=5",
      "/v1/audit/subject-report",
      "/v1/audit/subject-report?subject=" + SECRET_ISH,
      "/v1/audit/subject-report?agency=politie&subject=t1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "/v1/audit/subject-report?format=pdf&subject=t1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void badParameters_give400ProblemJson_withoutEchoingValues_andAreAuditedAsInvalid(String path) {
    long before = s.service.auditLog().size();

    HttpResponse<String> r = s.get(path, PRIVACY_OFFICER);

    assertProblem(r, 400, "invalid-request");
    assertThat(r.body()).doesNotContain("SECRET").doesNotContain("AAAAAAAAAA");
    assertThat(s.service.auditLog().size()).isEqualTo(before + 1);
    AuditEntry e = AuditAssertions.last(s);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.INVALID);
    assertThat(e.problemType()).isEqualTo("invalid-request");
    assertThat(e.clientId()).isEqualTo("fg-officer");
    assertThat(e.subjects()).isEmpty();
  }

  @Test
  void unknownAction_namesTheAllowedValues() {
    HttpResponse<String> r = s.get(ENTRIES + "?action=lookups", PRIVACY_OFFICER);
    assertProblem(r, 400, "invalid-request");
    assertThat(new JsonObject(r.body()).getString("detail")).contains("action").contains("lookup, register")
        .contains("audit-subject-report");
  }

  static void assertProblem(HttpResponse<String> r, int status, String slug) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(r.body()).getString("type")).isEqualTo("https://hitmachine.nl/problems/" + slug);
  }
}

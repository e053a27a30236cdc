package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static nl.hitmachine.service.TestService.SCHULDHULP;
import static nl.hitmachine.service.TestService.WIJKTEAM;
import static nl.hitmachine.service.TestService.WIJKTEAM_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subject access report over HTTP: a person looked up by two agencies (once alone, once as one
 * alias-carrying member of a household) and once refused an answer, among lookups of other people.
 * The report lists exactly those lookups, with exactly what each querier was told about this person,
 * and never a pseudonym.
 */
class SubjectReportIT {
  private static final String REPORT = "/v1/audit/subject-report";

  @TempDir Path dir;
  private TestService s;

  // The person, known under two pseudonyms (two kids, say), and other people.
  private final String x1 = TestService.pseudonym();
  private final String x2 = TestService.pseudonym();
  private final String other1 = TestService.pseudonym();
  private final String other2 = TestService.pseudonym();
  private final String other3 = TestService.pseudonym();

  @BeforeEach
  void start() {
    s = TestService.start(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private JsonObject lookup(String token, String purpose, String caseRef, String requestedBy, JsonArray subjects,
      JsonArray households) {
    JsonObject body = new JsonObject().put("purpose", purpose).put("caseRef", caseRef).put("requestedBy", requestedBy)
        .put("subjects", subjects);
    if (households != null) {
      body.put("households", households);
    }
    HttpResponse<String> r = s.postJson("/v1/lookups", token, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    s.clock.advance(Duration.ofMinutes(1));
    return new JsonObject(r.body());
  }

  private static List<String> codes(JsonObject result) {
    return result.getJsonArray("agencies").stream().map(a -> ((JsonObject) a).getString("code")).toList();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record Scenario(JsonObject politie, JsonObject coordinator, JsonObject wijkteam, List<String> toldPolitie,
      List<String> toldCoordinator) {}

  private Scenario lookups(String hostileRequestedBy) {
    s.register(LEERPLICHT, x1, other1);
    s.register(SCHULDHULP, x2);
    s.register(WIJKTEAM, other2);
    s.register(COORDINATOR, x1, other2, other3); // the coordinator's screening list: a legitimate relation

    // Someone else, before: not about the person.
    lookup(POLITIE_QUERIER, "screening", "P-0", "agent.b", new JsonArray().add(other1), null);
    // 1. Politie asks about the person (one pseudonym) and someone else.
    JsonObject politie = lookup(POLITIE_QUERIER, "screening", "P-1", hostileRequestedBy,
        new JsonArray().add(x1).add(other1), null);
    // 2. The coordinator asks about a household; the person is one member, given with both aliases.
    JsonArray households = new JsonArray().add(new JsonObject().put("ref", "H-1")
        .put("members", new JsonArray().add(other2).add(new JsonArray().add(x1).add(x2)).add(other3)));
    JsonObject coordinator = lookup(COORDINATOR, "screening", "VH-7", "c.coordinator", new JsonArray(), households);
    // 3. A wijkteam professional asks without a legitimate relation: not permitted an answer.
    JsonObject wijkteam = lookup(WIJKTEAM_QUERIER, "hulpverlening", "W-3", "w.worker", new JsonArray().add(x2), null);
    // Someone else, after.
    lookup(COORDINATOR, "screening", "VH-8", "c.coordinator", new JsonArray().add(other3), null);

    List<String> toldPolitie = codes(politie.getJsonArray("results").getJsonObject(0));
    JsonArray members = coordinator.getJsonArray("households").getJsonObject(0).getJsonArray("results");
    List<String> toldCoordinator = codes(members.getJsonObject(1));
    assertThat(toldPolitie).contains("leerplicht", "veiligheidshuis").doesNotContain("schuldhulp");
    assertThat(toldCoordinator).contains("leerplicht", "schuldhulp");
    assertThat(codes(members.getJsonObject(0))).contains("wijkteam"); // another member's answer
    assertThat(wijkteam.getJsonArray("results").getJsonObject(0).getBoolean("permitted")).isFalse();
    return new Scenario(politie, coordinator, wijkteam, toldPolitie, toldCoordinator);
  }

  private static long sequence(JsonObject answer) {
    return answer.getJsonObject("receipt").getLong("sequence");
  }

  @Test
  void subjectLookedUpByTwoAgencies_reportListsExactlyThoseLookups_withWhatEachWasTold() {
    Scenario sc = lookups("agent.a");
    long before = s.service.auditLog().size();

    HttpResponse<String> r = s.get(REPORT + "?subject=" + q(x1) + "&subject=" + q(x2), PRIVACY_OFFICER);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject report = new JsonObject(r.body());
    JsonArray lookups = report.getJsonArray("lookups");
    assertThat(lookups).hasSize(3);
    assertThat(report.getInteger("lookupCount")).isEqualTo(3);
    assertThat(report.getLong("treeSize")).isEqualTo(before);
    assertThat(report.getLong("reportSequence")).isEqualTo(before);

    JsonObject politie = lookups.getJsonObject(0);
    assertThat(politie.getLong("sequence")).isEqualTo(sequence(sc.politie()));
    assertThat(politie.getString("agency")).isEqualTo("politie");
    assertThat(politie.getString("clientId")).isEqualTo("politie-querier");
    assertThat(politie.getString("requestedBy")).isEqualTo("agent.a");
    assertThat(politie.getString("purpose")).isEqualTo("screening");
    assertThat(politie.getString("caseRef")).isEqualTo("P-1");
    assertThat(politie.getString("outcome")).isEqualTo("ok");
    assertThat(politie.getBoolean("permitted")).isTrue();
    assertThat(politie.getJsonArray("disclosed").getList()).isEqualTo(sc.toldPolitie());
    assertThat(politie.getString("entryHash")).isEqualTo(sc.politie().getJsonObject("receipt").getString("entryHash"));

    JsonObject coordinator = lookups.getJsonObject(1);
    assertThat(coordinator.getLong("sequence")).isEqualTo(sequence(sc.coordinator()));
    assertThat(coordinator.getString("agency")).isEqualTo("veiligheidshuis");
    assertThat(coordinator.getString("caseRef")).isEqualTo("VH-7");
    assertThat(coordinator.getBoolean("permitted")).isTrue();
    // Only what was told about this person, not about the other household members (wijkteam knows other2).
    assertThat(coordinator.getJsonArray("disclosed").getList()).isEqualTo(sc.toldCoordinator())
        .doesNotContain("wijkteam");

    JsonObject wijkteam = lookups.getJsonObject(2);
    assertThat(wijkteam.getLong("sequence")).isEqualTo(sequence(sc.wijkteam()));
    assertThat(wijkteam.getString("agency")).isEqualTo("wijkteam");
    assertThat(wijkteam.getString("purpose")).isEqualTo("hulpverlening");
    assertThat(wijkteam.getBoolean("permitted")).isFalse();
    assertThat(wijkteam.getJsonArray("disclosed")).isEmpty();

    assertThat(report.getJsonArray("auditReads")).isEmpty();
    assertNoPseudonyms(r.body());

    // The report is audited, naming the person searched for (audit forms), permitted, nothing disclosed.
    AuditEntry audited = AuditAssertions.last(s);
    assertThat(audited.action()).isEqualTo(AuditAction.AUDIT_SUBJECT_REPORT);
    assertThat(audited.outcome()).isEqualTo(AuditOutcome.OK);
    assertThat(audited.clientId()).isEqualTo("fg-officer");
    assertThat(audited.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(audited.counts()).containsEntry("lookups", 3L).containsEntry("auditReads", 0L)
        .containsEntry("treeSize", before);
    assertThat(audited.subjects()).hasSize(1);
    AuditSubject searched = audited.subjects().get(0);
    assertThat(searched.permitted()).isTrue();
    assertThat(searched.disclosed()).isEmpty();
    List<String> lookedUpForms = new ArrayList<>(AuditAssertions.entries(s).get((int) sequence(sc.coordinator()))
        .subjects().get(1).auditPseudonyms());
    assertThat(searched.auditPseudonyms()).containsExactlyInAnyOrderElementsOf(lookedUpForms);
  }

  @Test
  void oneAliasOnly_findsTheLookupsThatNamedIt_andAPeriodNarrowsThem() {
    Scenario sc = lookups("agent.a");

    JsonObject byX2 = new JsonObject(s.get(REPORT + "?subject=" + q(x2), PRIVACY_OFFICER).body());
    assertThat(byX2.getJsonArray("lookups").stream().map(l -> ((JsonObject) l).getLong("sequence")).toList())
        .containsExactly(sequence(sc.coordinator()), sequence(sc.wijkteam()));

    AuditEntry coordinatorEntry = AuditAssertions.entries(s).get((int) sequence(sc.coordinator()));
    String from = coordinatorEntry.time().toString();
    JsonObject period = new JsonObject(s.get(REPORT + "?subject=" + q(x1) + "&subject=" + q(x2) + "&from=" + from,
        PRIVACY_OFFICER).body());
    assertThat(java.time.Instant.parse(period.getString("from"))).isEqualTo(coordinatorEntry.time());
    assertThat(period.getJsonArray("lookups").stream().map(l -> ((JsonObject) l).getLong("sequence")).toList())
        .containsExactly(sequence(sc.coordinator()), sequence(sc.wijkteam()));

    JsonObject nobody = new JsonObject(s.get(REPORT + "?subject=" + q(TestService.pseudonym()), PRIVACY_OFFICER).body());
    assertThat(nobody.getJsonArray("lookups")).isEmpty();
  }

  @Test
  void earlierOfficerReadsAboutThePerson_areListedSeparately() {
    lookups("agent.a");
    HttpResponse<String> search = s.get("/v1/audit/entries?subject=" + q(x1), PRIVACY_OFFICER);
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    long searchSequence = s.service.auditLog().size() - 1;
    s.get("/v1/audit/entries?subject=" + q(other1), PRIVACY_OFFICER); // about someone else
    HttpResponse<String> first = s.get(REPORT + "?subject=" + q(x2), PRIVACY_OFFICER);
    long firstReport = new JsonObject(first.body()).getLong("reportSequence");

    JsonObject report = new JsonObject(s.get(REPORT + "?subject=" + q(x1) + "&subject=" + q(x2), PRIVACY_OFFICER).body());

    JsonArray reads = report.getJsonArray("auditReads");
    assertThat(reads.stream().map(a -> ((JsonObject) a).getLong("sequence")).toList())
        .containsExactly(searchSequence, firstReport);
    assertThat(reads.getJsonObject(0).getString("action")).isEqualTo("audit-search");
    assertThat(reads.getJsonObject(0).getString("clientId")).isEqualTo("fg-officer");
    assertThat(reads.getJsonObject(1).getString("action")).isEqualTo("audit-subject-report");
    assertThat(report.getJsonArray("lookups")).hasSize(3);
  }

  @Test
  void html_isSelfContained_escapesHostileText_andStatesPeriodCountAndTreeSize() {
    lookups("<script>alert('x')</script>&co");
    s.service.checkpoints().publishIfGrown();
    long before = s.service.auditLog().size();

    HttpResponse<String> r = sendAccept(REPORT + "?subject=" + q(x1) + "&subject=" + q(x2),
        "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'unsafe-inline'");
    String html = r.body();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("@media print");
    assertThat(html).doesNotContain("<script").doesNotContain("alert('x')")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co");
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=").doesNotContain("http://").doesNotContain("https://");
    assertThat(html).contains("<dt>Lookups</dt><dd>3</dd>").contains("(tree size " + before + ")")
        .contains("start of the log").contains("tree size " + before + " (covers every entry read)");
    assertNoPseudonyms(html);
    assertThat(AuditAssertions.last(s).action()).isEqualTo(AuditAction.AUDIT_SUBJECT_REPORT);

    HttpResponse<String> viaFormat = s.get(REPORT + "?subject=" + q(x1) + "&format=html", PRIVACY_OFFICER);
    assertThat(viaFormat.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(viaFormat.body()).contains("<dt>Lookups</dt><dd>2</dd>");
    HttpResponse<String> byDefault = s.get(REPORT + "?subject=" + q(x1), PRIVACY_OFFICER);
    assertThat(byDefault.headers().firstValue("Content-Type")).hasValue("application/json");
    HttpResponse<String> jsonPreferred = sendAccept(REPORT + "?subject=" + q(x1), "application/json, text/html;q=0.5");
    assertThat(jsonPreferred.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  private HttpResponse<String> sendAccept(String path, String accept) {
    try {
      var request = java.net.http.HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + PRIVACY_OFFICER)
          .header("Accept", accept).GET().build();
      return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Neither the given pseudonyms nor any audit form (of anyone) appear. */
  private void assertNoPseudonyms(String body) {
    for (String p : List.of(x1, x2, other1, other2, other3)) {
      assertThat(body).doesNotContain(p).doesNotContain(p.substring(3));
    }
    for (AuditEntry e : AuditAssertions.entries(s)) {
      for (AuditSubject subject : e.subjects()) {
        for (String form : subject.auditPseudonyms()) {
          assertThat(body).doesNotContain(form.substring(3));
        }
      }
    }
    assertThat(body).doesNotContain("pseudonym");
  }
}

package nl.hitmachine.service.metrics;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.WIJKTEAM_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.service.HitService;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.ManagementConfig;
import nl.hitmachine.service.config.LookupLimitsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service with its management port: lookups (answered, refused, rate-limited) and
 * registrations move the right counters with the right labels, and no identifier of a person
 * appears anywhere in the scrape.
 */
class MetricsIT {
  private static final String CASE_REF = "VH-CASE-4711";
  private static final String REQUESTED_BY = "j.de.vries.coordinator";

  @TempDir Path dir;
  private TestService s;
  private final List<String> pseudonyms = new ArrayList<>();

  @BeforeEach
  void start() {
    // the coordinator may look up 20 subjects at once, then the bucket is empty (the test clock stands still)
    s = TestService.startWithLimits(dir, TestService.limits(new LookupLimitsConfig(10, 20, 1_000), null, null));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private String pseudonym() {
    String p = TestService.pseudonym();
    pseudonyms.add(p);
    return p;
  }

  private HttpResponse<String> lookup(String token, String purpose, int subjects) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < subjects; i++) {
      list.add(pseudonym());
    }
    return s.postJson("/v1/lookups", token, new JsonObject().put("purpose", purpose).put("caseRef", CASE_REF)
        .put("requestedBy", REQUESTED_BY).put("subjects", list));
  }

  private String scrape() {
    HttpResponse<String> r = s.management("GET", "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(ServiceMetrics.CONTENT_TYPE);
    return r.body();
  }

  @Test
  void lookupsDenialsAndRegistrations_areCountedWithBoundedLabels() {
    String before = scrape();
    assertThat(value(before, "hitmachine_lookup_denials_total", "agency=\"veiligheidshuis\",reason=\"rate-limited\""))
        .as("denial counters exist from the start").isEqualTo(0.0);

    // a registration by leerplicht (ok), and an invalid one
    JsonObject registration = new JsonObject().put("registrations",
        new JsonArray().add(new JsonObject().put("subject", pseudonym()).put("ref", "leerplicht-dossier-99")));
    assertThat(s.postJson("/v1/registrations", LEERPLICHT, registration).statusCode()).isEqualTo(200);
    assertThat(s.postJson("/v1/registrations", LEERPLICHT,
        new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", "not-a-pseudonym"))))
        .statusCode()).isEqualTo(400);

    // answered (20 subjects), rate-limited (1 subject), refused for a purpose the client may not state
    assertThat(lookup(COORDINATOR, "screening", 20).statusCode()).isEqualTo(200);
    assertThat(lookup(COORDINATOR, "screening", 1).statusCode()).isEqualTo(429);
    assertThat(lookup(WIJKTEAM_QUERIER, "screening", 2).statusCode()).isEqualTo(403);
    // the management port serves nothing else, and the API port does not serve metrics
    assertThat(s.management("GET", "/v1/agencies").statusCode()).isEqualTo(404);
    assertThat(s.management("POST", "/metrics").statusCode()).isEqualTo(404);
    assertThat(s.get("/metrics", null).statusCode()).isEqualTo(404);
    // paths no route matches and invented methods do not become label values
    s.get("/v1/registrations/" + pseudonym(), COORDINATOR);
    s.send("BREWCOFFEE", "/v1/lookups", COORDINATOR, null, null);

    String text = scrape();
    assertThat(value(text, "hitmachine_lookups_total", "agency=\"veiligheidshuis\",outcome=\"ok\",problem_type=\"none\""))
        .isEqualTo(1.0);
    assertThat(value(text, "hitmachine_lookups_total",
        "agency=\"veiligheidshuis\",outcome=\"refused\",problem_type=\"rate-limited\"")).isEqualTo(1.0);
    assertThat(value(text, "hitmachine_lookups_total",
        "agency=\"wijkteam\",outcome=\"refused\",problem_type=\"purpose-not-allowed\"")).isEqualTo(1.0);
    assertThat(value(text, "hitmachine_lookup_subjects_total", "agency=\"veiligheidshuis\",outcome=\"ok\""))
        .isEqualTo(20.0);
    assertThat(value(text, "hitmachine_lookup_subjects_total", "agency=\"veiligheidshuis\",outcome=\"refused\""))
        .isEqualTo(1.0);
    assertThat(value(text, "hitmachine_lookup_denials_total", "agency=\"veiligheidshuis\",reason=\"rate-limited\""))
        .isEqualTo(1.0);
    assertThat(value(text, "hitmachine_lookup_denials_total", "agency=\"veiligheidshuis\",reason=\"quota-exceeded\""))
        .isEqualTo(0.0);
    assertThat(value(text, "hitmachine_lookup_duration_seconds_count", "")).isEqualTo(1.0);
    assertThat(text).contains("hitmachine_lookup_duration_seconds_bucket{le=\"0.01\"}");
    assertThat(value(text, "hitmachine_registrations_total", "action=\"register\",agency=\"leerplicht\",outcome=\"ok\""))
        .isEqualTo(1.0);
    assertThat(value(text, "hitmachine_registrations_total",
        "action=\"register\",agency=\"leerplicht\",outcome=\"invalid\"")).isEqualTo(1.0);

    // the audit log: 5 audited calls (2 registrations, 3 lookups), nothing else
    assertThat(value(text, "hitmachine_audit_tree_size", "")).isEqualTo(5.0);
    assertThat(value(text, "hitmachine_audit_commit_entries_sum", "")).isEqualTo(5.0);
    assertThat(value(text, "hitmachine_audit_force_duration_seconds_count", ""))
        .isEqualTo(value(text, "hitmachine_audit_commit_entries_count", "")).isGreaterThanOrEqualTo(1.0);
    assertThat(value(text, "hitmachine_index_registrations", "agency=\"leerplicht\"")).isEqualTo(1.0);
    assertThat(text).contains("hitmachine_index_estimated_subjects ", "hitmachine_index_sst_bytes ",
        "hitmachine_index_memtable_bytes ", "hitmachine_checkpoint_lag_entries ", "hitmachine_checkpoint_lag_seconds ",
        "hitmachine_index_block_cache_hits_total ", "hitmachine_index_block_cache_misses_total ",
        "hitmachine_index_bloom_filter_useful_total ", "hitmachine_index_memtable_hits_total ",
        "hitmachine_index_memtable_misses_total ", "hitmachine_index_write_stall_seconds_total ",
        "hitmachine_index_pending_compaction_bytes ", "hitmachine_index_running_compactions ",
        "hitmachine_http_requests_in_flight ");
    assertThat(value(text, "hitmachine_index_memtable_hits_total", "")
        + value(text, "hitmachine_index_memtable_misses_total", "")).as("the lookup's reads, counted by RocksDB")
        .isGreaterThanOrEqualTo(1.0);
    // HTTP requests by route template, method and status
    assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"429\"[^}]*method=\"POST\"[^}]*route=\"/v1/lookups\"");
    assertThat(text).doesNotContain("BREWCOFFEE").containsPattern("vertx_http_server_requests_total\\{[^}]*method=\"OTHER\"");
    assertThat(text).doesNotContain("/v1/registrations/t1");
    // JVM
    assertThat(text).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads");

    // privacy: no pseudonym (nor its MAC part), user, case reference or connector ref anywhere
    for (String p : pseudonyms) {
      assertThat(text).doesNotContain(p).doesNotContain(p.substring(3, 20));
    }
    assertThat(text).doesNotContain(CASE_REF).doesNotContain(REQUESTED_BY).doesNotContain("leerplicht-dossier-99");
  }

  @Test
  void managementDisabled_startsNoManagementServer() {
    HitServiceConfig c = TestService.config(dir.resolve("disabled"));
    HitServiceConfig off = new HitServiceConfig(c.server(), c.storage(), c.keys(), c.audit(), c.limits(), c.retention(),
        c.lookup(), c.pseudonyms(), c.workers(), c.demo(), c.agencies(), c.purposes(), c.clients(),
        new ManagementConfig(false, "127.0.0.1", 0));
    try (HitService service = HitService.start(off, s.clock)) {
      assertThat(service.managementPort()).isEqualTo(-1);
      assertThat(service.port()).isPositive();
    }
    assertThat(s.service.managementPort()).as("the enabled one listens").isPositive();
  }

  /** The value of the sample {@code name{labels}} (labels as Micrometer sorts them), or NaN if absent. */
  static double value(String text, String name, String labels) {
    String sample = labels.isEmpty() ? name : name + "{" + labels + "}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}

package nl.hitmachine.service;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.hitmachine.service.config.ConfigLoader;
import nl.hitmachine.service.config.HitServiceConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code deploy/} against the real service — there is no Docker engine or Kubernetes
 * cluster here, so this checks what can run in a build: the container configuration loads and
 * validates; every metric name that the Grafana dashboard and the alert rules query is in a real
 * scrape of the running service; promtool accepts the Prometheus configuration, the rules and every
 * dashboard query (skipped without promtool, failing with {@code CI=true}, like {@link
 * nl.hitmachine.service.metrics.PromtoolCheckIT}); {@code systemd-analyze verify} accepts the unit
 * (where it is installed); the Kubernetes manifests, compose file and Dockerfile use the ports,
 * probe paths and directories of that configuration.
 */
class DeployFilesIT {
  private static final Path DEPLOY = Path.of(System.getProperty("hitmachine.root"), "deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Series Prometheus makes itself, not the service. */
  private static final Set<String> SYNTHETIC = Set.of("up");
  private static final Set<String> PROMQL_WORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset");

  private static HitServiceConfig config;
  private static Set<String> scrapedNames;

  @TempDir Path dir;

  @BeforeAll
  static void scrapeARealService(@TempDir Path serviceDir) throws Exception {
    config = new ConfigLoader().load(DEPLOY.resolve("hitmachine.yaml"), Map.of());
    String scrape;
    try (TestService s = TestService.start(serviceDir)) {
      String p = TestService.pseudonym();
      s.register(LEERPLICHT, p);
      assertThat(s.postJson("/v1/lookups", COORDINATOR, new JsonObject().put("purpose", "screening")
          .put("requestedBy", "someone").put("subjects", new JsonArray().add(p))).statusCode()).isEqualTo(200);
      scrape = s.management("GET", "/metrics").body();
    }
    scrapedNames = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void containerConfiguration_loads_andTheConfigMapHoldsTheSameFile() throws Exception {
    assertThat(config.server().tls()).as("mutual TLS in production").isNotNull();
    assertThat(config.server().tls().clientCertificateRequired()).isTrue();
    assertThat(config.logging().json()).isTrue();
    JsonNode configMap = YAML.readTree(DEPLOY.resolve("kubernetes/configmap.yaml").toFile());
    assertThat(configMap.at("/data/hitmachine.yaml").asText())
        .isEqualTo(Files.readString(DEPLOY.resolve("hitmachine.yaml")));
  }

  @Test
  void dashboard_queriesOnlyMetricsOfARealScrape_andValidPromQL() throws Exception {
    JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/dashboards/hitmachine.json").toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.at("/datasource/uid").asText()).isEqualTo(datasourceUid());
      for (JsonNode target : panel.get("targets")) {
        queries.add(target.get("expr").asText());
      }
    }
    Set<String> used = new TreeSet<>();
    queries.forEach(q -> used.addAll(metricNames(q)));
    assertThat(used).as("the dashboard shows what the issue asks for").contains("hitmachine_lookups_total",
        "hitmachine_lookup_duration_seconds_bucket", "hitmachine_registrations_total",
        "hitmachine_audit_commit_entries_sum", "hitmachine_audit_force_duration_seconds_bucket",
        "hitmachine_checkpoint_lag_seconds", "hitmachine_lookup_denials_total", "hitmachine_index_estimated_subjects",
        "hitmachine_index_block_cache_hits_total", "hitmachine_index_block_cache_misses_total", "jvm_memory_used_bytes");
    assertThat(scrapedNames).as("metric names in a real scrape").containsAll(used);

    // every query parses as PromQL: promtool checks them as recording rules ($__rate_interval -> 5m)
    Path promtool = requirePromtool();
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < queries.size(); i++) {
      rules.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
          .append(JSON.writeValueAsString(queries.get(i).replace("$__rate_interval", "5m"))).append('\n');
    }
    Path file = dir.resolve("dashboard-rules.yml");
    Files.writeString(file, rules);
    assertThat(run(promtool.toString(), "check", "rules", file.toString()))
        .contains("SUCCESS: " + queries.size() + " rules found");
  }

  @Test
  void alertRules_passPromtool_andUseOnlyMetricsOfARealScrape() throws Exception {
    JsonNode rules = YAML.readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile());
    Set<String> used = new TreeSet<>();
    int count = 0;
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        used.addAll(metricNames(rule.get("expr").asText()));
        count++;
      }
    }
    used.removeAll(SYNTHETIC);
    assertThat(used).contains("hitmachine_index_block_cache_hits_total", "hitmachine_lookups_total");
    assertThat(scrapedNames).containsAll(used);
    Path promtool = requirePromtool();
    assertThat(run(promtool.toString(), "check", "rules", DEPLOY.resolve("prometheus/alerts.yml").toString()))
        .contains("SUCCESS: " + count + " rules found");
  }

  @Test
  void prometheusConfig_passesPromtool_andScrapesTheManagementPort() throws Exception {
    JsonNode prometheus = YAML.readTree(DEPLOY.resolve("prometheus/prometheus.yml").toFile());
    assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText())
        .isEqualTo("hit-service:" + config.management().port());
    assertThat(prometheus.at("/scrape_configs/0/metrics_path").asText()).isEqualTo("/metrics");
    Path promtool = requirePromtool();
    // the rule file path is the one inside the Prometheus container; point it at the repository's copy
    Path copy = dir.resolve("prometheus.yml");
    Files.writeString(copy, Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"))
        .replace("/etc/prometheus/alerts.yml", DEPLOY.resolve("prometheus/alerts.yml").toString()));
    assertThat(run(promtool.toString(), "check", "config", copy.toString())).contains("SUCCESS");
  }

  @Test
  void kubernetesManifests_useTheConfiguredPortsProbesAndDirectories() throws Exception {
    JsonNode set = YAML.readTree(DEPLOY.resolve("kubernetes/statefulset.yaml").toFile());
    assertThat(set.get("kind").asText()).isEqualTo("StatefulSet");
    assertThat(set.at("/spec/replicas").asInt()).as("one writer per data directory").isEqualTo(1);
    JsonNode pod = set.at("/spec/template/spec");
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
    assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).isGreaterThan(config.server().drainSeconds());
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();
    assertThat(container.at("/resources/limits/cpu").asText()).isNotBlank();
    assertThat(containerPort(container, "api")).isEqualTo(config.server().port());
    assertThat(containerPort(container, "management")).isEqualTo(config.management().port());
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("management");
    }
    assertThat(mountPath(container, "data")).isEqualTo(config.storage().dataDir());
    assertThat(mountPath(container, "backups")).isEqualTo(config.storage().backupDir());
    assertThat(Path.of(config.keys().indexKeyFile()).getParent().toString()).isEqualTo(mountPath(container, "keys"));
    assertThat(mountPath(container, "config") + "/hitmachine.yaml").isEqualTo(env(container, "HITMACHINE_CONFIG"));
    assertThat(set.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("data");

    JsonNode service = YAML.readTree(DEPLOY.resolve("kubernetes/service.yaml").toFile());
    Set<String> targetPorts = new TreeSet<>();
    service.at("/spec/ports").forEach(p -> {
      targetPorts.add(p.get("targetPort").asText());
      assertThat(p.get("port").asInt()).isEqualTo(containerPort(container, p.get("targetPort").asText()));
    });
    assertThat(targetPorts).containsExactly("api", "management");

    JsonNode policy = YAML.readTree(DEPLOY.resolve("kubernetes/networkpolicy.yaml").toFile());
    Set<Integer> allowed = new TreeSet<>();
    policy.at("/spec/ingress").forEach(rule -> rule.get("ports").forEach(p -> allowed.add(p.get("port").asInt())));
    assertThat(allowed).containsExactlyInAnyOrder(config.server().port(), config.management().port());
  }

  @Test
  void compose_runsReadOnly_withTheConfiguredPortsAndHealthcheck() throws Exception {
    JsonNode compose = YAML.readTree(DEPLOY.resolve("compose.yaml").toFile());
    JsonNode service = compose.at("/services/hit-service");
    assertThat(service.get("read_only").asBoolean()).isTrue();
    assertThat(service.get("user").asText()).doesNotStartWith("0").doesNotStartWith("root");
    assertThat(service.at("/healthcheck/test").toString())
        .contains("http://127.0.0.1:" + config.management().port() + "/health/ready");
    assertThat(service.get("ports").toString()).contains(config.server().port() + ":" + config.server().port())
        .contains(config.management().port() + ":" + config.management().port());
    assertThat(service.get("volumes").toString()).contains(":" + config.storage().dataDir() + "\"")
        .contains(":/keys:ro");
    assertThat(service.get("stop_grace_period").asText()).isEqualTo("60s");
    // every file the compose file mounts is in deploy/
    for (String name : List.of("prometheus", "grafana")) {
      for (JsonNode volume : compose.at("/services/" + name + "/volumes")) {
        String host = volume.asText().split(":")[0];
        if (host.startsWith("./")) {
          assertThat(DEPLOY.resolve(host)).as(volume.asText()).exists();
        }
      }
    }
    JsonNode datasource = YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml").toFile());
    assertThat(datasource.at("/datasources/0/url").asText()).isEqualTo("http://prometheus:9090");
  }

  @Test
  void dockerfile_runsAsNonRoot_withVolumesHealthcheckAndNativeAccess() throws Exception {
    String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
    assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$")
        .containsPattern("(?m)^VOLUME \\[.*\"/data\".*\"/keys\".*]$")
        .containsPattern("(?m)^EXPOSE " + config.server().port() + " " + config.management().port() + "$")
        .contains("curl -fsS http://127.0.0.1:" + config.management().port() + "/health/ready")
        .contains("\"--enable-native-access=ALL-UNNAMED\"")
        .contains("COPY hit-service/target/hit-service.jar")
        .contains("COPY deploy/hitmachine.yaml /etc/hitmachine/hitmachine.yaml");
    assertThat(Files.readString(Path.of(System.getProperty("hitmachine.root"), "hit-service/pom.xml")))
        .as("the shaded jar's name").contains("<finalName>hit-service</finalName>");
    assertThat(DeployFilesIT.class.getClassLoader().getResource("librocksdbjni-linux64.so"))
        .as("the native library the Dockerfile unpacks").isNotNull();
  }

  @Test
  void systemdUnit_passesSystemdAnalyzeVerify() throws Exception {
    Optional<Path> analyze = onPath("systemd-analyze");
    Assumptions.assumeTrue(analyze.isPresent(), "systemd-analyze is not installed: the unit is not verified here");
    String unit = Files.readString(DEPLOY.resolve("systemd/hit-service.service"));
    assertThat(unit).contains("ProtectSystem=strict", "NoNewPrivileges=true", "PrivateTmp=true",
        "CapabilityBoundingSet=\n", "ReadWritePaths=/var/lib/hitmachine", "KillSignal=SIGTERM");
    if (!Files.isExecutable(Path.of("/usr/bin/java"))) { // verify checks that ExecStart's binary exists
      unit = unit.replace("/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
    Path copy = dir.resolve("hit-service.service");
    Files.writeString(copy, unit);
    String report = run(analyze.get().toString(), "verify", copy.toString());
    // findings about the unit name it ("hit-service.service: …", "…/hit-service.service:47: …");
    // other lines (e.g. about the host's own units or a missing system bus) are not about this file
    assertThat(report.lines().filter(l -> l.contains("hit-service.service")).toList())
        .as("systemd-analyze verify findings:%n%s", report).isEmpty();
  }

  /** Metric names in a PromQL expression: identifiers outside label matchers, ranges and groupings, not functions. */
  static Set<String> metricNames(String promql) {
    String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?<![0-9.a-zA-Z_:$])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
    while (m.find()) {
      String rest = s.substring(m.end()).stripLeading();
      if (!rest.startsWith("(") && !PROMQL_WORDS.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  @Test
  void metricNames_findsNamesButNotFunctionsLabelsOrNumbers() {
    assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(a_bucket{x=\"y\"}[5m]))) > 0.010 "
        + "+ sum(b_total) / c unless on (agency) d{e=~\"f|g\"} offset 1m > 1e6"))
        .containsExactly("a_bucket", "b_total", "c", "d");
  }

  private static String datasourceUid() throws Exception {
    return YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml").toFile())
        .at("/datasources/0/uid").asText();
  }

  private static int containerPort(JsonNode container, String name) {
    for (JsonNode p : container.get("ports")) {
      if (p.get("name").asText().equals(name)) {
        return p.get("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port " + name);
  }

  private static String mountPath(JsonNode container, String volume) {
    for (JsonNode m : container.get("volumeMounts")) {
      if (m.get("name").asText().equals(volume)) {
        return m.get("mountPath").asText();
      }
    }
    throw new AssertionError("no mount of volume " + volume);
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.get("env")) {
      if (e.get("name").asText().equals(name)) {
        return e.get("value").asText();
      }
    }
    throw new AssertionError("no environment variable " + name);
  }

  private static Path requirePromtool() {
    Optional<Path> promtool = onPath("promtool");
    if (promtool.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("promtool is required in CI (.ci/run installs it: apt-get install prometheus)");
      }
      Assumptions.abort("promtool not on the PATH: install it (apt-get install prometheus) to run this check");
    }
    return promtool.get();
  }

  private static Optional<Path> onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst();
  }

  /** Runs a command, requires exit code 0, returns its output (standard output and error). */
  private String run(String... command) throws Exception {
    Path output = Files.createTempFile(dir, "command", ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    String report = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", command), report).isZero();
    return report;
  }
}

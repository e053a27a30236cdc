package nl.hitmachine.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.connector.MockHitService;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.demo.DemoPopulation;
import nl.hitmachine.connector.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HitConnectTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-02T09:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
  private static final String SCALE = "0.01";
  private static final long SEED = 42;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private MockHitService service;
  /** token -> agency, as the demo credentials file assigns them. */
  private final Map<String, String> agencyOfToken = new HashMap<>();

  @BeforeEach
  void start() throws IOException {
    service = MockHitService.start();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private int run(String... args) {
    return HitConnect.run(CLOCK, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  // ---- keygen ------------------------------------------------------------------------------

  @Test
  void keygen_validKid_writesOwnerOnlyKeyFileAndNeverPrintsTheKey() throws Exception {
    Path file = dir.resolve("keys/fed1.key");

    assertThat(run("keygen", "--kid", "fed1", "--out", file.toString())).isEqualTo(0);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    PseudonymKey key = PseudonymKey.read(file);
    assertThat(key.kid()).isEqualTo("fed1");
    assertThat(key.created()).isEqualTo(LocalDate.of(2026, 2, 2));
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key.secret().toByteArray());
    assertThat(out.toString()).contains("fed1", file.toString(), "600").doesNotContain(encoded);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void keygen_existingFile_exit4AndFileUntouched() throws Exception {
    Path file = dir.resolve("fed1.key");
    Files.writeString(file, "existing");
    assertThat(run("keygen", "--kid", "fed1", "--out", file.toString())).isEqualTo(4);
    assertThat(Files.readString(file)).isEqualTo("existing");
    assertThat(err.toString()).contains("already exists", file.toString());
  }

  @Test
  void keygen_invalidKid_exit2() {
    assertThat(run("keygen", "--kid", "Fed-1", "--out", dir.resolve("k.key").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--kid");
    assertThat(Files.exists(dir.resolve("k.key"))).isFalse();
  }

  @Test
  void usageErrors_exit2() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("keygen", "--kid", "k")).isEqualTo(2);
    assertThat(run("demo")).isEqualTo(2);
    assertThat(run("demo", "load", "--key-dir", dir.toString())).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
  }

  @Test
  void help_andVersion_exit0() {
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out.toString()).contains("keygen", "demo", "Exit codes");
    assertThat(run("--version")).isEqualTo(0);
    assertThat(out.toString()).contains("hitconnect 0.1.0");
  }

  // ---- demo load ---------------------------------------------------------------------------

  private Path credentials(String url, String... agencies) throws IOException {
    StringBuilder b = new StringBuilder("{\"url\":\"" + url + "\",\"clients\":[");
    // A querier-only client first: it must not be picked for pushing.
    b.append("{\"clientId\":\"lp-querier\",\"agency\":\"leerplicht\",\"roles\":[\"querier\"],\"token\":\"wrong-token\"},");
    b.append("{\"clientId\":\"fg\",\"agency\":\"veiligheidshuis\",\"roles\":[\"privacy-officer\"],\"token\":\"fg-token\"},");
    for (String agency : agencies) {
      String token = "tok-" + agency + "-" + agency.length();
      agencyOfToken.put(token, agency);
      List<String> roles = agency.equals("veiligheidshuis") ? List.of("querier", "connector") : List.of("connector");
      b.append("{\"clientId\":\"")
          .append(agency.equals("veiligheidshuis") ? "vh-coordinator" : agency + "-connector")
          .append("\",\"agency\":\"")
          .append(agency)
          .append("\",\"roles\":[\"")
          .append(String.join("\",\"", roles))
          .append("\"],\"token\":\"")
          .append(token)
          .append("\"},");
    }
    b.setLength(b.length() - 1);
    b.append("]}");
    Path file = dir.resolve("credentials.json");
    Files.writeString(file, b);
    return file;
  }

  private static String[] allAgencies() {
    List<String> codes = new ArrayList<>(DemoPopulation.AGENCIES.stream().map(DemoPopulation.Agency::code).toList());
    codes.add("veiligheidshuis");
    return codes.toArray(String[]::new);
  }

  /** Answers a caseload replace like hit-service would on an empty index. */
  private Reply replaceAnswer(Recorded r) {
    String token = r.header("Authorization").substring("Bearer ".length());
    if (!agencyOfToken.containsKey(token)) {
      return Reply.problem(401, "https://hitmachine.nl/problems/unauthenticated", "Unauthenticated", null);
    }
    return Reply.json("{\"added\":" + r.lines().size() + ",\"removed\":0,\"kept\":0}");
  }

  private String[] demoLoad(Path creds, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "demo", "load",
        "--credentials", creds.toString(),
        "--key-dir", dir.resolve("keys").toString(),
        "--seed", String.valueOf(SEED),
        "--today", TODAY.toString(),
        "--out", dir.resolve("out").toString(),
        "--scale", SCALE));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void demoLoad_smallCity_replacesEveryAgencysCaseloadWithItsOwnToken() throws Exception {
    service.handler(this::replaceAnswer);
    Path creds = credentials(service.uri().toString(), allAgencies());

    assertThat(run(demoLoad(creds))).as(err.toString()).isEqualTo(0);

    DemoPopulation city = DemoPopulation.generate(SEED, Double.parseDouble(SCALE), TODAY);
    Map<String, Integer> linesByAgency = new HashMap<>();
    for (Recorded r : service.requests()) {
      assertThat(r.method()).isEqualTo("PUT");
      assertThat(r.path()).isEqualTo("/v1/registrations");
      assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
      String agency = agencyOfToken.get(r.header("Authorization").substring("Bearer ".length()));
      assertThat(agency).isNotNull();
      assertThat(linesByAgency.put(agency, r.lines().size())).as("one replace per agency").isNull();
    }
    for (DemoPopulation.Agency agency : city.agencies()) {
      assertThat(linesByAgency.get(agency.code())).as(agency.code()).isEqualTo(city.caseload(agency.code()).size());
    }
    assertThat(linesByAgency.get("veiligheidshuis")).isEqualTo(city.coordinatorCaseload().size());

    // Only pseudonyms left the connector.
    service.assertNoBodyContains(city.residents().stream().map(r -> r.bsn().digits()).toList());
    Path keyFile = dir.resolve("keys/demo1.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    Pseudonymiser pseudonymiser = Pseudonymiser.of(PseudonymKey.read(keyFile));
    DemoPopulation.Case firstLeerplicht = city.caseload("leerplicht").get(0);
    String leerplichtBody = service.requests().stream()
        .filter(r -> agencyOfToken.get(r.header("Authorization").substring(7)).equals("leerplicht"))
        .findFirst().orElseThrow().lines().get(0);
    assertThat(Json.parse(leerplichtBody.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Map.of(
            "subject", pseudonymiser.pseudonymise(firstLeerplicht.resident().bsn()),
            "validUntil", firstLeerplicht.validUntil().toString(),
            "ref", firstLeerplicht.ref()));

    // The screening list for the coordinator's own use.
    List<String> csv = Files.readAllLines(dir.resolve("out/screening-list.csv"));
    assertThat(csv.get(0)).isEqualTo("household;bsn");
    List<String> expectedRows = new ArrayList<>();
    city.screeningList().forEach(s -> s.members().forEach(m -> expectedRows.add(s.household().id() + ";" + m.bsn().digits())));
    assertThat(csv.subList(1, csv.size())).isEqualTo(expectedRows);

    // Per-agency counts and a curl example for the highest-load screened household.
    String printed = out.toString();
    for (DemoPopulation.Agency agency : city.agencies()) {
      assertThat(printed).containsPattern("(?m)^" + agency.code() + " +" + city.caseload(agency.code()).size() + " ");
    }
    assertThat(printed).contains("curl", "/v1/lookups", "Content-Type: application/json",
        "Authorization: Bearer tok-veiligheidshuis-15");
    Matcher body = Pattern.compile("-d '(\\{.*})'").matcher(printed);
    assertThat(body.find()).isTrue();
    DemoPopulation.ScreeningHousehold top = city.screeningList().get(0);
    assertThat(Json.parse(body.group(1).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Map.of(
            "purpose", "screening",
            "caseRef", "VH-2026-0001",
            "requestedBy", "demo.coordinator",
            "households", List.of(Map.of(
                "ref", top.household().id(),
                "members", top.members().stream().map(m -> pseudonymiser.pseudonymise(m.bsn())).toList()))));
    // ... and the privacy officer's subject access report for its first member.
    assertThat(printed).contains("Authorization: Bearer fg-token", "Accept: text/html",
        "v1/audit/subject-report?subject=" + pseudonymiser.pseudonymise(top.members().get(0).bsn()));
    for (DemoPopulation.Resident r : city.residents()) {
      assertThat(printed).doesNotContain(r.bsn().digits());
    }
  }

  @Test
  void demoLoad_secondRun_reusesTheKeyAndSendsTheSameCaseloads() throws Exception {
    service.handler(this::replaceAnswer);
    Path creds = credentials(service.uri().toString(), allAgencies());
    assertThat(run(demoLoad(creds))).isEqualTo(0);
    List<String> first = service.requests().stream().map(Recorded::bodyText).toList();
    assertThat(run(demoLoad(creds))).isEqualTo(0);
    List<String> second = service.requests().stream().skip(first.size()).map(Recorded::bodyText).toList();
    assertThat(second).isEqualTo(first);
    assertThat(out.toString()).contains("Using federation key demo1");
  }

  @Test
  void demoLoad_urlOption_overridesTheCredentialsUrl() throws Exception {
    service.handler(this::replaceAnswer);
    Path creds = credentials("http://127.0.0.1:" + freePort(), allAgencies());
    assertThat(run(demoLoad(creds, "--url", service.uri().toString()))).as(err.toString()).isEqualTo(0);
    assertThat(service.requests()).hasSize(12);
  }

  @Test
  void demoLoad_serviceRefuses_exit3WithTheProblemAndNoStackTrace() throws Exception {
    service.handler(r -> Reply.problem(403, "https://hitmachine.nl/problems/forbidden", "Forbidden", "role connector required"));
    Path creds = credentials(service.uri().toString(), allAgencies());
    assertThat(run(demoLoad(creds))).isEqualTo(3);
    assertThat(err.toString()).contains("leerplicht", "403", "Forbidden", "role connector required").doesNotContain("\tat ");
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void demoLoad_serviceUnreachable_exit3() throws Exception {
    Path creds = credentials("http://127.0.0.1:" + freePort(), allAgencies());
    assertThat(run(demoLoad(creds))).isEqualTo(3);
    assertThat(err.toString()).contains("cannot push the caseload of leerplicht");
  }

  @Test
  void demoLoad_missingCredentialsFile_exit4() {
    assertThat(run(demoLoad(dir.resolve("nope.json")))).isEqualTo(4);
    assertThat(err.toString()).contains("nope.json");
  }

  @Test
  void demoLoad_credentialsWithoutAnAgencysConnector_exit4BeforeSendingAnything() throws Exception {
    String[] without = java.util.Arrays.stream(allAgencies()).filter(a -> !a.equals("om")).toArray(String[]::new);
    Path creds = credentials(service.uri().toString(), without);
    assertThat(run(demoLoad(creds))).isEqualTo(4);
    assertThat(err.toString()).contains("no client with role connector for: om");
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void demoLoad_keyFileReadableByOthers_exit4WithTheFix() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Path keyFile = keys.resolve("demo1.key");
    PseudonymKey.generate("demo1", CLOCK).write(keyFile);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    Path creds = credentials(service.uri().toString(), allAgencies());
    assertThat(run(demoLoad(creds))).isEqualTo(4);
    assertThat(err.toString()).contains("chmod 600 " + keyFile);
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void demoLoad_badTodayScaleOrUrl_exit2() throws Exception {
    Path creds = credentials(service.uri().toString(), allAgencies());
    String[] args = demoLoad(creds);
    List<String> badDay = new ArrayList<>(List.of(args));
    badDay.set(badDay.indexOf("--today") + 1, "15-01-2026");
    assertThat(run(badDay.toArray(String[]::new))).isEqualTo(2);
    assertThat(run(demoLoad(creds, "--scale", "0"))).isEqualTo(2);
    assertThat(run(demoLoad(creds, "--url", "ftp://example.org"))).isEqualTo(2);
    assertThat(service.requests()).isEmpty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

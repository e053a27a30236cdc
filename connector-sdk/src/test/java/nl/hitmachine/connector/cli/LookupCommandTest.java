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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.Agency;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.LookupResponder;
import nl.hitmachine.connector.MockHitService;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupCommandTest {
  private static final Clock OLD_DAY = Clock.fixed(Instant.parse("2025-06-01T09:00:00Z"), ZoneOffset.UTC);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-02T09:00:00Z"), ZoneOffset.UTC);
  private static final Agency LEERPLICHT = new Agency("leerplicht", "Leerplicht", "onderwijs");
  private static final Agency SCHULDHULP = new Agency("schuldhulp", "Schuldhulp", "financien");
  private static final Agency WIJKTEAM = new Agency("wijkteam", "Wijkteam", "zorg");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<Bsn> people = LookupResponder.bsns(3, 6);
  private MockHitService service;
  private LookupResponder responder;
  private Path keys;
  private Pseudonymiser pseudonymiser;
  private Pseudonymiser oldKeyOnly;

  @BeforeEach
  void start() throws Exception {
    service = MockHitService.start();
    responder = new LookupResponder();
    service.handler(responder);
    keys = Files.createDirectory(dir.resolve("keys"));
    PseudonymKey old = PseudonymKey.generate("old1", OLD_DAY);
    old.write(keys.resolve("old1.key"));
    PseudonymKey.generate("new1", CLOCK).write(keys.resolve("new1.key"));
    pseudonymiser = Pseudonymiser.of(PseudonymKeyRing.load(keys));
    oldKeyOnly = Pseudonymiser.of(old);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private int run(String... args) {
    return HitConnect.run(CLOCK, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private List<String> lookup(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "lookup", "--url", service.uri().toString(), "--token", "tok-vh", "--key-dir", keys.toString(),
        "--purpose", "screening", "--case-ref", "VH-2026-0001", "--requested-by", "j.jansen"));
    args.addAll(List.of(extra));
    return args;
  }

  private int runLookup(String... extra) {
    return run(lookup(extra).toArray(String[]::new));
  }

  private Path screeningList(String... rows) throws IOException {
    Path file = dir.resolve("screening-list.csv");
    Files.writeString(file, "household;bsn\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private void assertNoBsnAnywhere() {
    List<String> digits = people.stream().map(Bsn::digits).toList();
    service.assertNoBodyContains(digits);
    for (String d : digits) {
      assertThat(out.toString()).doesNotContain(d);
      assertThat(err.toString()).doesNotContain(d);
    }
  }

  private static String masked(Bsn bsn) {
    return "******" + bsn.digits().substring(6);
  }

  @Test
  void households_table_membersMaskedWithRowsAgenciesDomainsSignalAndNotKnown() throws Exception {
    responder.know(oldKeyOnly.pseudonymise(people.get(0)), SCHULDHULP)
        .know(pseudonymiser.pseudonymise(people.get(1)), LEERPLICHT, WIJKTEAM);
    Path file = screeningList(
        "H000017;" + people.get(0).digits(),
        "H000018;" + people.get(2).digits(),
        "H000017;" + people.get(1).digits(),
        "H000017;" + people.get(0).digits());

    int code = runLookup("--households", file.toString());

    assertThat(code).as(err.toString()).isZero();
    String table = out.toString();
    assertThat(table)
        .contains("Lookup for case VH-2026-0001 (purpose screening, requested by j.jansen)")
        .contains("Lookup id: lk-1")
        .contains("Household H000017  SIGNAL yes  domains: financien, onderwijs, zorg")
        .contains("  agencies: schuldhulp, leerplicht, wijkteam")
        .containsPattern("row 2 +\\Q" + masked(people.get(0)) + "\\E  schuldhulp\n")
        .containsPattern("row 4 +\\Q" + masked(people.get(1)) + "\\E  leerplicht, wijkteam\n")
        .contains("Household H000018  SIGNAL no  domains: none")
        .containsPattern("row 3 +\\Q" + masked(people.get(2)) + "\\E  not known\n")
        .contains("2 households (1 with SIGNAL), 3 persons asked about, 2 known.");
    assertThat(table.indexOf("H000017")).isLessThan(table.indexOf("H000018"));
    assertThat(err.toString()).contains("row 5: the same person as row 2 of this household; asked once");

    assertThat(service.requests()).hasSize(1);
    Recorded r = service.requests().get(0);
    assertThat(r.header("Authorization")).isEqualTo("Bearer tok-vh");
    Map<String, Object> sent = LookupResponder.body(r);
    assertThat(sent).containsEntry("purpose", "screening").containsEntry("caseRef", "VH-2026-0001")
        .containsEntry("requestedBy", "j.jansen").containsEntry("subjects", List.of());
    assertThat(sent.get("households")).isEqualTo(List.of(
        Map.of("ref", "H000017", "members", List.of(pseudonymiser.aliases(people.get(0)), pseudonymiser.aliases(people.get(1)))),
        Map.of("ref", "H000018", "members", List.of(pseudonymiser.aliases(people.get(2))))));
    assertThat(pseudonymiser.aliases(people.get(0))).hasSize(2).contains(oldKeyOnly.pseudonymise(people.get(0)));
    assertNoBsnAnywhere();
  }

  @Test
  void bsnOptions_json_personsWithPositionsMaskedAndWithheld() throws Exception {
    responder.know(pseudonymiser.pseudonymise(people.get(0)), LEERPLICHT).withhold(pseudonymiser.pseudonymise(people.get(2)));

    int code = runLookup("--bsn", people.get(0).digits(), "--bsn", people.get(1).digits(),
        "--bsn", people.get(0).digits(), "--bsn", people.get(2).digits(), "--format", "json");

    assertThat(code).as(err.toString()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.parse(out.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(json).containsEntry("caseRef", "VH-2026-0001").containsEntry("lookupIds", List.of("lk-1"))
        .containsEntry("households", List.of());
    assertThat(json.get("persons")).isEqualTo(List.of(
        Map.of("bsnOption", 1L, "bsn", masked(people.get(0)), "known", true, "permitted", true,
            "agencies", List.of(Map.of("code", "leerplicht", "name", "Leerplicht", "domain", "onderwijs"))),
        Map.of("bsnOption", 2L, "bsn", masked(people.get(1)), "known", false, "permitted", true, "agencies", List.of()),
        Map.of("bsnOption", 4L, "bsn", masked(people.get(2)), "known", false, "permitted", false, "agencies", List.of())));
    assertThat(err.toString()).contains("--bsn 3: the same person as --bsn 1; asked once");
    assertThat((List<?>) LookupResponder.body(service.requests().get(0)).get("subjects")).hasSize(3);
    assertNoBsnAnywhere();
  }

  @Test
  void bsnOptions_table_notKnownAndWithheldAreAnswersToo() {
    responder.withhold(pseudonymiser.pseudonymise(people.get(1)));
    assertThat(runLookup("--bsn", people.get(0).digits(), "--bsn", people.get(1).digits())).isZero();
    assertThat(out.toString())
        .contains("Persons")
        .containsPattern("--bsn 1 +\\Q" + masked(people.get(0)) + "\\E  not known\n")
        .containsPattern("--bsn 2 +\\Q" + masked(people.get(1)) + "\\E  no answer \\(no legitimate relation\\)\n");
    assertNoBsnAnywhere();
  }

  @Test
  void invalidRows_reportedByRowAndReason_nothingSent_exit5() throws Exception {
    String wrongCheck = people.get(1).digits().substring(0, 8) + ((people.get(1).digits().charAt(8) - '0' + 1) % 10);
    Path file = screeningList(
        "H1;" + people.get(0).digits(),
        "H1;" + wrongCheck,
        people.get(2).digits() + ";" + people.get(3).digits(),
        "H2",
        "H2;" + people.get(4).digits());

    int code = runLookup("--households", file.toString(), "--bsn", "12x");

    assertThat(code).isEqualTo(HitConnect.INVALID_INPUT);
    assertThat(service.requests()).isEmpty();
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains("row 3: invalid BSN: the check digit does not match")
        .contains("row 4: household ref must not be a BSN")
        .contains("row 5: too few fields")
        .contains("--bsn 1: invalid BSN: contains a character other than a digit")
        .contains("4 invalid input rows; nothing was sent")
        .doesNotContain(wrongCheck)
        .doesNotContain("12x");
    assertNoBsnAnywhere();
  }

  @Test
  void skipInvalid_looksUpTheValidRowsOnly() throws Exception {
    Path file = screeningList("H1;" + people.get(0).digits(), "H1;000000000", "H2;" + people.get(1).digits());

    int code = runLookup("--households", file.toString(), "--skip-invalid");

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("row 3: invalid BSN: all digits are zero");
    assertThat(LookupResponder.body(service.requests().get(0)).get("households")).isEqualTo(List.of(
        Map.of("ref", "H1", "members", List.of(pseudonymiser.aliases(people.get(0)))),
        Map.of("ref", "H2", "members", List.of(pseudonymiser.aliases(people.get(1))))));
    assertThat(out.toString()).contains("Household H1", "Household H2");
  }

  @Test
  void credentialsFileAndTokenFile_supplyUrlAndToken() throws Exception {
    Path creds = dir.resolve("credentials.json");
    Files.writeString(creds, "{\"url\":\"" + service.uri() + "\",\"clients\":["
        + "{\"clientId\":\"leerplicht-connector\",\"agency\":\"leerplicht\",\"roles\":[\"connector\"],\"token\":\"tok-lp\"},"
        + "{\"clientId\":\"vh-coordinator\",\"agency\":\"veiligheidshuis\",\"roles\":[\"querier\",\"connector\"],\"token\":\"tok-coord\"}]}");
    assertThat(run("lookup", "--credentials", creds.toString(), "--client", "vh-coordinator", "--key-dir", keys.toString(),
        "--purpose", "screening", "--case-ref", "VH-1", "--requested-by", "j", "--bsn", people.get(0).digits()))
        .as(err.toString()).isZero();
    assertThat(service.requests().get(0).header("Authorization")).isEqualTo("Bearer tok-coord");

    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "tok-from-file\n");
    assertThat(run("lookup", "--url", service.uri().toString(), "--token-file", tokenFile.toString(), "--key-dir", keys.toString(),
        "--purpose", "screening", "--case-ref", "VH-1", "--requested-by", "j", "--bsn", people.get(0).digits()))
        .isZero();
    assertThat(service.requests().get(1).header("Authorization")).isEqualTo("Bearer tok-from-file");
    assertThat(out.toString()).doesNotContain("tok-");
    assertThat(run("lookup", "--credentials", creds.toString(), "--client", "nobody", "--key-dir", keys.toString(),
        "--purpose", "screening", "--case-ref", "VH-1", "--requested-by", "j", "--bsn", people.get(0).digits()))
        .isEqualTo(HitConnect.IO);
  }

  @Test
  void serviceRefusesOrIsUnreachable_exit3WithoutStackTraceOrBsn() throws Exception {
    service.handler(r -> Reply.problem(403, "https://hitmachine.nl/problems/purpose-not-allowed", "Purpose not allowed",
        "purpose screening is not configured for this querier"));
    assertThat(runLookup("--bsn", people.get(0).digits())).isEqualTo(HitConnect.SERVICE);
    assertThat(err.toString()).contains("403", "Purpose not allowed").doesNotContain("\tat ");

    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> args = lookup("--bsn", people.get(0).digits());
    args.set(args.indexOf("--url") + 1, "http://127.0.0.1:" + port);
    assertThat(run(args.toArray(String[]::new))).isEqualTo(HitConnect.SERVICE);
    assertThat(err.toString()).contains("cannot look up at http://127.0.0.1:" + port);
    assertNoBsnAnywhere();
  }

  @Test
  void usageAndFileProblems() throws Exception {
    assertThat(runLookup()).as("no --bsn or --households").isEqualTo(HitConnect.USAGE);
    assertThat(run("lookup", "--url", service.uri().toString(), "--token", "t", "--key-dir", keys.toString(),
        "--case-ref", "VH-1", "--requested-by", "j", "--bsn", people.get(0).digits())).as("no --purpose").isEqualTo(HitConnect.USAGE);
    List<String> caseRefIsBsn = lookup("--bsn", people.get(1).digits());
    caseRefIsBsn.set(caseRefIsBsn.indexOf("--case-ref") + 1, people.get(0).digits());
    assertThat(run(caseRefIsBsn.toArray(String[]::new))).isEqualTo(HitConnect.USAGE);
    assertThat(err.toString()).contains("--case-ref must not be a BSN");
    assertThat(runLookup("--token-file", dir.resolve("t").toString(), "--bsn", people.get(0).digits()))
        .as("two token sources").isEqualTo(HitConnect.USAGE);
    assertThat(runLookup("--format", "xml", "--bsn", people.get(0).digits())).isEqualTo(HitConnect.USAGE);
    assertThat(runLookup("--households", dir.resolve("missing.csv").toString())).isEqualTo(HitConnect.IO);
    Path noHeader = dir.resolve("no-header.csv");
    Files.writeString(noHeader, "H1;" + people.get(0).digits() + "\n");
    assertThat(runLookup("--households", noHeader.toString())).isEqualTo(HitConnect.IO);
    assertThat(err.toString()).contains("header naming the columns household and bsn");
    assertThat(service.requests()).isEmpty();
    assertNoBsnAnywhere();
  }
}

package nl.hitmachine.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.MockHitService;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-02T09:00:00Z"), ZoneOffset.UTC);
  private static final Charset CP1252 = Charset.forName("windows-1252");

  // Valid BSNs (11-check holds); 012345672 has a leading zero.
  private static final String A = "111222333";
  private static final String B = "123456782";
  private static final String C = "012345672";
  private static final String D = "999999990";
  /** Fails the 11-check: last digit of B changed. */
  private static final String BAD_CHECK = "123456783";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private MockHitService service;
  private Path keyDir;
  private Path tokenFile;
  private Pseudonymiser pseudonymiser;

  @BeforeEach
  void start() throws IOException {
    service = MockHitService.start();
    keyDir = Files.createDirectories(dir.resolve("keys"));
    PseudonymKey key = PseudonymKey.generate("k1", CLOCK);
    key.write(keyDir.resolve("k1.key"));
    pseudonymiser = Pseudonymiser.of(key);
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "connector-token-1\n");
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private int run(String... args) {
    return HitConnect.run(CLOCK, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private Path csv(String name, Charset charset, boolean bom, String... lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (bom) {
      bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    bytes.write(String.join("\r\n", lines).concat("\r\n").getBytes(charset));
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private String[] push(Path csv, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "push",
        "--url", service.uri().toString(),
        "--token-file", tokenFile.toString(),
        "--key-dir", keyDir.toString(),
        "--csv", csv.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static Reply upserted(Recorded r) {
    return Reply.json("{\"upserted\":" + registrations(r).size() + "}");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> registrations(Recorded r) {
    return (List<Map<String, Object>>) ((Map<String, Object>) json(r.body())).get("registrations");
  }

  private static Object json(byte[] body) {
    try {
      return Json.parse(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String p(String bsn) {
    return pseudonymiser.pseudonymise(Bsn.parse(bsn));
  }

  private void assertNoBsnAnywhere(String... bsns) {
    List<String> forbidden = new ArrayList<>();
    for (String bsn : bsns) {
      forbidden.add(bsn);
      forbidden.add(bsn.replaceFirst("^0", ""));
    }
    service.assertNoBodyContains(forbidden);
    for (String f : forbidden) {
      assertThat(out.toString()).doesNotContain(f);
      assertThat(err.toString()).doesNotContain(f);
    }
  }

  // ---- mapping, encodings, dates -------------------------------------------------------------

  @Test
  void register_windows1252Semicolons_mapsColumnsByHeaderNameCaseInsensitivelyAndSendsOnlyPseudonyms() throws Exception {
    service.handler(PushCommandTest::upserted);
    Path file = csv("export.csv", CP1252, false,
        "Naam; bsn ;Dossier nr;EINDDATUM",
        "Zoë Çelik;1112.22.333;LP-1;31-12-2026",
        "Sanne Jansen-Brouwër;12345678 2;LP-2;",
        "Noël de Vries;12345672;;01-03-2027");

    int code = run(push(file, "--encoding", "windows-1252", "--bsn-column", "BSN",
        "--valid-until-column", "einddatum", "--date-format", "dd-MM-yyyy", "--ref-column", " dossier NR "));

    assertThat(code).as(err.toString()).isEqualTo(0);
    assertThat(service.requests()).hasSize(1);
    Recorded r = service.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/registrations");
    assertThat(r.header("Authorization")).isEqualTo("Bearer connector-token-1");
    assertThat(registrations(r)).containsExactly(
        Map.of("subject", p(A), "validUntil", "2026-12-31", "ref", "LP-1"),
        Map.of("subject", p(B), "ref", "LP-2"),
        Map.of("subject", p(C), "validUntil", "2027-03-01"));
    assertThat(out.toString()).contains("Read 3 rows", "3 valid", "0 invalid", "Sent 3 registrations", "upserted 3");
    assertThat(err.toString()).isEmpty(); // not a terminal: no progress
    assertNoBsnAnywhere(A, B, C);
  }

  @Test
  void utf8ByteOrderMark_isSkippedSoTheFirstHeaderNameMatches() throws Exception {
    service.handler(PushCommandTest::upserted);
    Path file = csv("bom.csv", StandardCharsets.UTF_8, true, "BSN;Einddatum", A + ";2026-06-30");

    assertThat(run(push(file, "--bsn-column", "bsn", "--valid-until-column", "Einddatum"))).as(err.toString()).isEqualTo(0);

    assertThat(registrations(service.requests().get(0)))
        .containsExactly(Map.of("subject", p(A), "validUntil", "2026-06-30"));
  }

  @Test
  void utf8ByteOrderMark_withWindows1252Given_isReadAsUtf8WithANote() throws Exception {
    service.handler(PushCommandTest::upserted);
    Path file = csv("bom.csv", StandardCharsets.UTF_8, true, "Naam;BSN", "Zoë;" + A);
    assertThat(run(push(file, "--bsn-column", "BSN", "--encoding", "windows-1252"))).isEqualTo(0);
    assertThat(err.toString()).contains("byte order mark", "UTF-8");
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void windows1252File_readAsUtf8_exit4WithAHintAndNothingSent() throws Exception {
    Path file = csv("export.csv", CP1252, false, "Naam;BSN", "Jan;" + A, "Zoë Çelik;" + B);
    assertThat(run(push(file, "--bsn-column", "BSN"))).isEqualTo(4);
    assertThat(err.toString()).contains("not valid UTF-8", "--encoding windows-1252");
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void otherDelimiter_tab() throws Exception {
    service.handler(PushCommandTest::upserted);
    Path file = csv("export.tsv", StandardCharsets.UTF_8, false, "id\tBSN", "1\t" + A);
    assertThat(run(push(file, "--bsn-column", "BSN", "--delimiter", "tab"))).as(err.toString()).isEqualTo(0);
    assertThat(registrations(service.requests().get(0))).containsExactly(Map.of("subject", p(A)));
  }

  @Test
  void duplicateBsns_areCountedAndAllSentInOrderSoTheLaterRowWins() throws Exception {
    service.handler(PushCommandTest::upserted);
    Path file = csv("dup.csv", StandardCharsets.UTF_8, false,
        "BSN;Ref", A + ";R-1", B + ";R-2", "1112.22.333;R-3");
    assertThat(run(push(file, "--bsn-column", "BSN", "--ref-column", "Ref"))).isEqualTo(0);
    assertThat(out.toString()).contains("1 duplicate BSNs");
    assertThat(registrations(service.requests().get(0)))
        .extracting(m -> m.get("ref"))
        .containsExactly("R-1", "R-2", "R-3");
  }

  @Test
  void moreRowsThanOneBatch_areSentInBatchesOfTenThousand() throws Exception {
    service.handler(PushCommandTest::upserted);
    List<String> lines = new ArrayList<>(List.of("BSN"));
    List<String> bsns = validBsns(10_001);
    lines.addAll(bsns);
    Path file = csv("big.csv", StandardCharsets.UTF_8, false, lines.toArray(String[]::new));

    assertThat(run(push(file, "--bsn-column", "BSN"))).as(err.toString()).isEqualTo(0);

    assertThat(service.requests()).extracting(r -> registrations(r).size()).containsExactly(10_000, 1);
    assertThat(out.toString()).contains("Sent 10,001 registrations", "upserted 10,001");
    service.assertNoBodyContains(bsns);
  }

  private static List<String> validBsns(int count) {
    List<String> out = new ArrayList<>();
    for (int prefix = 10_000_000; out.size() < count; prefix++) {
      String candidate = prefix + "0";
      for (int check = 0; check <= 9; check++) {
        String bsn = prefix + String.valueOf(check);
        if (Bsn.isValid(bsn)) {
          out.add(bsn);
          break;
        }
      }
      assertThat(candidate).hasSize(9);
    }
    return out;
  }

  // ---- invalid rows ----------------------------------------------------------------------------

  private Path fileWithInvalidRows() throws IOException {
    return csv("mixed.csv", StandardCharsets.UTF_8, false,
        "BSN;Einddatum;Dossier",
        A + ";31-12-2026;LP-1",                  // row 1: valid
        BAD_CHECK + ";31-12-2026;LP-2",          // row 2: 11-check
        B + ";31-02-2026;LP-3",                  // row 3: no such date
        C + ";31-12-2026;" + D,                  // row 4: ref is a BSN
        "12AB;;LP-5",                            // row 5: not digits
        D + ";31-12-2026;" + "X".repeat(65),     // row 6: ref too long
        B,                                       // row 7: missing columns
        B + ";01-01-2026;LP-8",                  // row 8: in the past (today is 2026-02-02)
        D + ";;LP-9");                           // row 9: valid
  }

  private String[] mixed(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of(push(fileWithInvalidRows(),
        "--bsn-column", "BSN", "--valid-until-column", "Einddatum", "--date-format", "dd-MM-yyyy", "--ref-column", "Dossier")));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void invalidRows_areReportedWithRowNumberAndReasonAndNothingIsSent_exit5() throws Exception {
    service.handler(PushCommandTest::upserted);

    assertThat(run(mixed())).isEqualTo(5);

    assertThat(service.requests()).isEmpty();
    String e = err.toString();
    assertThat(e).contains("row 2 (line 3): BSN: invalid BSN: the check digit does not match (11-check) [CHECK_DIGIT]");
    assertThat(e).contains("row 3 (line 4): Einddatum: not a date of the form dd-MM-yyyy");
    assertThat(e).contains("row 4 (line 5): Dossier: looks like a BSN");
    assertThat(e).contains("row 5 (line 6): BSN: invalid BSN: contains a character other than a digit, space, dot or dash [NOT_DIGITS]");
    assertThat(e).contains("row 6 (line 7): Dossier: longer than 64 characters");
    assertThat(e).contains("row 7 (line 8): missing column Einddatum (the row has 1 fields); missing column Dossier");
    assertThat(e).contains("row 8 (line 9): Einddatum: the end date lies in the past");
    assertThat(e).doesNotContain("row 1 ", "row 9 ");
    assertThat(e).contains("7 invalid rows; nothing was sent", "--skip-invalid");
    assertThat(e).containsPattern("Invalid rows by reason:\\n +1  BSN: invalid BSN: the check digit");
    assertThat(out.toString()).contains("Read 9 rows", "2 valid", "7 invalid");
    assertNoBsnAnywhere(A, B, C, D, BAD_CHECK);
  }

  @Test
  void invalidRows_withSkipInvalid_sendTheValidRows() throws Exception {
    service.handler(PushCommandTest::upserted);

    assertThat(run(mixed("--skip-invalid"))).as(err.toString()).isEqualTo(0);

    assertThat(service.requests()).hasSize(1);
    assertThat(registrations(service.requests().get(0))).containsExactly(
        Map.of("subject", p(A), "validUntil", "2026-12-31", "ref", "LP-1"),
        Map.of("subject", p(D), "ref", "LP-9"));
    assertThat(err.toString()).contains("row 2 (line 3)");
    assertThat(out.toString()).contains("Sent 2 registrations");
    assertNoBsnAnywhere(A, B, C, D, BAD_CHECK);
  }

  @Test
  void dryRun_checksOnlyAndNeedsNoServiceTokenOrKey() throws Exception {
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "BSN", A, B);
    assertThat(run("push", "--dry-run", "--csv", file.toString(), "--bsn-column", "BSN")).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("2 valid", "0 invalid", "Dry run: nothing was sent");
    assertThat(service.requests()).isEmpty();

    assertThat(run(mixed("--dry-run"))).isEqualTo(5);
    assertThat(service.requests()).isEmpty();
  }

  // ---- replace ---------------------------------------------------------------------------------

  @Test
  void replace_streamsTheValidRowsAsNdjsonWithPut() throws Exception {
    service.handler(r -> Reply.json("{\"added\":2,\"removed\":5,\"kept\":1}"));
    Path file = csv("all.csv", CP1252, false,
        "Dossier;BSN;Einddatum;Naam", "WT-1;" + A + ";2026-12-31;Çelik", "WT-2;" + B + ";;Müller", "WT-3;" + C + ";2027-01-31;Öz");

    int code = run(push(file, "--replace", "--encoding", "windows-1252", "--bsn-column", "BSN",
        "--valid-until-column", "Einddatum", "--ref-column", "Dossier"));

    assertThat(code).as(err.toString()).isEqualTo(0);
    assertThat(service.requests()).hasSize(1);
    Recorded r = service.requests().get(0);
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.path()).isEqualTo("/v1/registrations");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
    assertThat(r.lines()).extracting(l -> json(l.getBytes(StandardCharsets.UTF_8))).containsExactly(
        Map.of("subject", p(A), "validUntil", "2026-12-31", "ref", "WT-1"),
        Map.of("subject", p(B), "ref", "WT-2"),
        Map.of("subject", p(C), "validUntil", "2027-01-31", "ref", "WT-3"));
    assertThat(out.toString()).contains("Sent 3 registrations as the complete caseload", "added 2, removed 5, kept 1");
    assertNoBsnAnywhere(A, B, C);
  }

  @Test
  void replace_withNoValidRows_refusesToEmptyTheCaseload_exit4() throws Exception {
    Path file = csv("bad.csv", StandardCharsets.UTF_8, false, "BSN", BAD_CHECK);
    assertThat(run(push(file, "--replace", "--skip-invalid", "--bsn-column", "BSN"))).isEqualTo(4);
    assertThat(err.toString()).contains("no valid rows", "refusing to replace");
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void replace_refusedLine_exit3WithTheRowAndNothingChanged() throws Exception {
    service.handler(r -> new Reply(400, "application/problem+json",
        "{\"type\":\"https://hitmachine.nl/problems/invalid-registrations\",\"title\":\"Invalid registrations\",\"status\":400,"
            + "\"errors\":[{\"line\":2,\"detail\":\"validUntil is beyond the maximum retention\"}]}", Map.of()));
    Path file = csv("all.csv", StandardCharsets.UTF_8, false, "BSN;Einde", A + ";2026-03-01", B + ";2029-01-01");
    assertThat(run(push(file, "--replace", "--bsn-column", "BSN", "--valid-until-column", "Einde"))).isEqualTo(3);
    assertThat(err.toString()).contains("row 2: refused by hit-service: validUntil is beyond the maximum retention", "nothing was changed");
  }

  // ---- service, usage and file errors ------------------------------------------------------------

  @Test
  void register_refusedItem_exit3NamingTheRow() throws Exception {
    service.handler(r -> new Reply(400, "application/problem+json",
        "{\"type\":\"https://hitmachine.nl/problems/invalid-registrations\",\"title\":\"Invalid registrations\",\"status\":400,"
            + "\"errors\":[{\"index\":1,\"detail\":\"validUntil is beyond the maximum retention\"}]}", Map.of()));
    Path file = csv("x.csv", StandardCharsets.UTF_8, false, "BSN", "x", A, B);
    assertThat(run(push(file, "--bsn-column", "BSN", "--skip-invalid"))).isEqualTo(3);
    // index 1 of the batch is data row 3 (row 1 was skipped as invalid)
    assertThat(err.toString()).contains("row 3: refused by hit-service", "Invalid registrations");
  }

  @Test
  void serviceUnreachable_exit3() throws Exception {
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "BSN", A);
    List<String> args = new ArrayList<>(List.of(push(file, "--bsn-column", "BSN")));
    args.set(args.indexOf("--url") + 1, "http://127.0.0.1:" + freePort());
    assertThat(run(args.toArray(String[]::new))).isEqualTo(3);
    assertThat(err.toString()).contains("cannot push");
  }

  @Test
  void missingColumn_exit2ListingTheHeaderNamesFound() throws Exception {
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "Burgerservicenummer;Einddatum", A + ";");
    assertThat(run(push(file, "--bsn-column", "BSN", "--ref-column", "Dossier"))).isEqualTo(2);
    assertThat(err.toString()).contains(
        "no column 'BSN' (--bsn-column)", "no column 'Dossier' (--ref-column)", "'Burgerservicenummer', 'Einddatum'");
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void usageErrors_exit2() throws Exception {
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "BSN", A);
    assertThat(run(push(file))).isEqualTo(2); // no --bsn-column
    assertThat(run(push(file, "--bsn-column", "BSN", "--encoding", "klingon-8"))).isEqualTo(2);
    assertThat(run(push(file, "--bsn-column", "BSN", "--delimiter", ";;"))).isEqualTo(2);
    assertThat(run(push(file, "--bsn-column", "BSN", "--valid-until-column", "BSN", "--date-format", "dd-MM-yyyyy{"))).isEqualTo(2);
    assertThat(run(push(file, "--bsn-column", "BSN", "--token", "also-a-token"))).isEqualTo(2); // two token sources
    assertThat(run("push", "--csv", file.toString(), "--bsn-column", "BSN", "--token", "t")).isEqualTo(2); // no url, no key dir
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void clientCertificateOptions_areChecked() throws Exception {
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "BSN", A);
    Path cert = dir.resolve("client.p12");
    Files.write(cert, new byte[] {1, 2, 3});
    Path password = dir.resolve("client.pass");
    Files.writeString(password, "secret\n");
    String[] noToken = {"push", "--key-dir", keyDir.toString(), "--csv", file.toString(), "--bsn-column", "BSN"};
    // --client-cert without its password file, and over plain http: usage errors.
    assertThat(run(concat(noToken, "--url", "https://127.0.0.1:1", "--client-cert", cert.toString()))).isEqualTo(2);
    Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(run(concat(noToken, "--url", service.uri().toString(), "--client-cert", cert.toString(),
        "--client-cert-password-file", password.toString()))).isEqualTo(2);
    // A password file others may read is refused; an unreadable PKCS#12 too; neither message shows the password.
    Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run(concat(noToken, "--url", "https://127.0.0.1:1", "--client-cert", cert.toString(),
        "--client-cert-password-file", password.toString()))).isEqualTo(4);
    assertThat(err.toString()).contains("chmod 600");
    Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(run(concat(noToken, "--url", "https://127.0.0.1:1", "--client-cert", cert.toString(),
        "--client-cert-password-file", password.toString()))).isEqualTo(4);
    assertThat(err.toString()).contains("client.p12").doesNotContain("secret");
    assertThat(service.requests()).isEmpty();
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void missingCsvOrKeyDir_exit4() throws Exception {
    assertThat(run(push(dir.resolve("nope.csv"), "--bsn-column", "BSN"))).isEqualTo(4);
    assertThat(err.toString()).contains("nope.csv");
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "BSN", A);
    List<String> args = new ArrayList<>(List.of(push(file, "--bsn-column", "BSN")));
    args.set(args.indexOf("--key-dir") + 1, dir.resolve("no-keys").toString());
    assertThat(run(args.toArray(String[]::new))).isEqualTo(4);
    Path empty = csv("empty.csv", StandardCharsets.UTF_8, false, "");
    Files.write(empty, new byte[0]);
    assertThat(run(push(empty, "--bsn-column", "BSN"))).isEqualTo(4);
    assertThat(err.toString()).contains("no header line");
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void credentialsAndClient_useThatClientsTokenAndUrl() throws Exception {
    service.handler(PushCommandTest::upserted);
    Path creds = dir.resolve("credentials.json");
    Files.writeString(creds, "{\"url\":\"" + service.uri() + "\",\"clients\":["
        + "{\"clientId\":\"ggz-connector\",\"agency\":\"ggz\",\"roles\":[\"connector\"],\"token\":\"ggz-token\"},"
        + "{\"clientId\":\"om-connector\",\"agency\":\"om\",\"roles\":[\"connector\"],\"token\":\"om-token\"}]}");
    Path file = csv("ok.csv", StandardCharsets.UTF_8, false, "BSN", A);

    assertThat(run("push", "--credentials", creds.toString(), "--client", "om-connector", "--key-dir", keyDir.toString(),
        "--csv", file.toString(), "--bsn-column", "BSN")).as(err.toString()).isEqualTo(0);
    assertThat(service.requests().get(0).header("Authorization")).isEqualTo("Bearer om-token");

    assertThat(run("push", "--credentials", creds.toString(), "--client", "nobody", "--key-dir", keyDir.toString(),
        "--csv", file.toString(), "--bsn-column", "BSN")).isEqualTo(4);
    assertThat(err.toString()).contains("has no client nobody");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

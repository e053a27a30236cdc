package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.cli.HitConnect;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Nijmegen flow through the real {@code hitconnect} CLI against the real service:
 * three agencies push their CSV exports, one replaces its caseload, the coordinator registers and
 * screens its household list, and the answers are checked.
 */
class HitConnectE2EIT {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run hitconnect(Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = HitConnect.run(clock, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static List<String> validBsns(int n) {
    List<String> out = new ArrayList<>();
    for (long candidate = 200_000_000L; out.size() < n; candidate += 13) {
      if (Bsn.isValid(Long.toString(candidate))) {
        out.add(Long.toString(candidate));
      }
    }
    return out;
  }

  /** A case-system export: ;-separated, windows-1252, Dutch headers, dotted BSNs. */
  private Path export(String name, List<String> bsns) throws Exception {
    StringBuilder csv = new StringBuilder("BSN;Einddatum;Dossiernummer;Naam\r\n");
    int i = 0;
    for (String bsn : bsns) {
      String dotted = bsn.substring(0, 4) + "." + bsn.substring(4, 6) + "." + bsn.substring(6);
      csv.append(dotted).append(";30-06-2027;").append(name.toUpperCase()).append("-").append(++i).append(";Jansen-Brouwër\r\n");
    }
    Path file = dir.resolve(name + ".csv");
    Files.write(file, csv.toString().getBytes(WINDOWS_1252));
    return file;
  }

  private Run push(TestService s, Clock clock, String token, Path csv, Path keys, boolean replace) {
    List<String> args = new ArrayList<>(List.of("push", "--url", "http://127.0.0.1:" + s.service.port(), "--token", token,
        "--key-dir", keys.toString(), "--csv", csv.toString(), "--encoding", "windows-1252",
        "--bsn-column", "BSN", "--valid-until-column", "Einddatum", "--date-format", "dd-MM-yyyy", "--ref-column", "Dossiernummer"));
    if (replace) {
      args.add("--replace");
    }
    return hitconnect(clock, args.toArray(String[]::new));
  }

  @Test
  void agenciesPushCoordinatorScreens_throughTheCli_answersAreRight() throws Exception {
    List<String> bsn = validBsns(9);
    Path keys = Files.createDirectory(dir.resolve("keys"));
    try (TestService s = TestService.start(dir.resolve("service"))) {
      Clock clock = s.clock;
      PseudonymKey.generate("fed1", clock, new SecureRandom()).write(keys.resolve("fed1.key"));

      // Household A: bsn 0,1,2. Household B: bsn 3,4. Others: 5..8.
      Run r = push(s, clock, TestService.LEERPLICHT, export("leerplicht", List.of(bsn.get(0), bsn.get(5), bsn.get(6))), keys, true);
      assertThat(r.exit()).as(r.err()).isZero();
      r = push(s, clock, TestService.SCHULDHULP, export("schuldhulp", List.of(bsn.get(1), bsn.get(3))), keys, false);
      assertThat(r.exit()).as(r.err()).isZero();
      r = push(s, clock, TestService.POLITIE, export("politie", List.of(bsn.get(2), bsn.get(7))), keys, false);
      assertThat(r.exit()).as(r.err()).isZero();
      // leerplicht's next full sync: 6 has left, 3 came in.
      r = push(s, clock, TestService.LEERPLICHT, export("leerplicht-2", List.of(bsn.get(0), bsn.get(5), bsn.get(3))), keys, true);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("1").containsIgnoringCase("removed");

      // The coordinator registers its screening list (legitimate relation), then screens it.
      r = push(s, clock, TestService.COORDINATOR, export("screening-registrations", bsn.subList(0, 5)), keys, true);
      assertThat(r.exit()).as(r.err()).isZero();
      Path list = dir.resolve("screening-list.csv");
      Files.writeString(list, "household;bsn\nA;" + bsn.get(0) + "\nA;" + bsn.get(1) + "\nA;" + bsn.get(2)
          + "\nB;" + bsn.get(3) + "\nB;" + bsn.get(4) + "\n", StandardCharsets.UTF_8);
      r = hitconnect(clock, "lookup", "--url", "http://127.0.0.1:" + s.service.port(), "--token", TestService.COORDINATOR,
          "--key-dir", keys.toString(), "--purpose", "screening", "--case-ref", "VH-2026-0001",
          "--requested-by", "demo.coordinator", "--households", list.toString(), "--format", "json");
      assertThat(r.exit()).as(r.err()).isZero();
      JsonArray households = new JsonObject(r.out().strip()).getJsonArray("households");
      JsonObject a = households.getJsonObject(0);
      JsonObject b = households.getJsonObject(1);
      assertThat(a.getString("ref")).isEqualTo("A");
      assertThat(a.getJsonArray("domains")).containsExactlyInAnyOrder("onderwijs", "financien", "veiligheid");
      assertThat(a.getBoolean("signal")).isTrue();
      assertThat(b.getJsonArray("domains")).containsExactlyInAnyOrder("onderwijs", "financien");
      assertThat(b.getBoolean("signal")).isFalse();
      assertThat(b.getJsonArray("members").getJsonObject(1).getBoolean("known")).isFalse();

      // Nothing the CLI printed, and nothing the service stored in its audit log, holds a BSN.
      for (String number : bsn) {
        assertThat(r.out()).doesNotContain(number);
        for (Path f : Files.walk(dir.resolve("service/data/audit")).filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain(number);
        }
      }
    }
  }

  @Test
  void push_invalidRow_sendsNothingAndNamesTheRow() throws Exception {
    List<String> bsn = validBsns(2);
    Path keys = Files.createDirectory(dir.resolve("keys"));
    try (TestService s = TestService.start(dir.resolve("service"))) {
      PseudonymKey.generate("fed1", s.clock, new SecureRandom()).write(keys.resolve("fed1.key"));
      String wrong = bsn.get(1).substring(0, 8) + ((bsn.get(1).charAt(8) - '0' + 1) % 10);
      long auditBefore = s.service.auditLog().size();
      Run r = push(s, s.clock, TestService.LEERPLICHT, export("bad", List.of(bsn.get(0), wrong)), keys, false);
      assertThat(r.exit()).isEqualTo(HitConnect.INVALID_INPUT);
      assertThat(r.err()).contains("row 2").doesNotContain(wrong).doesNotContain(wrong.substring(0, 4));
      assertThat(s.service.auditLog().size()).isEqualTo(auditBefore); // nothing reached the service
      assertThat(s.service.index().registrationCounts().getOrDefault("leerplicht", 0L)).isZero();
    }
  }
}

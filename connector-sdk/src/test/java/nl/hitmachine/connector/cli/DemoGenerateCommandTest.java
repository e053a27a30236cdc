package nl.hitmachine.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.MockHitService;
import nl.hitmachine.connector.MockHitService.Reply;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.demo.DemoPopulation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGenerateCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T09:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final double SCALE = 0.02;

  @TempDir Path dir;
  private Path out;
  private DemoPopulation city;
  private final StringWriter stdout = new StringWriter();
  private final StringWriter stderr = new StringWriter();

  private int run(String... args) {
    return HitConnect.run(CLOCK, new PrintWriter(stdout, true), new PrintWriter(stderr, true), args);
  }

  @BeforeEach
  void generate() {
    out = dir.resolve("demo-data");
    assertThat(run("demo", "generate", "--out", out.toString(), "--seed", "42", "--scale", String.valueOf(SCALE),
        "--today", TODAY.toString())).as(stderr.toString()).isEqualTo(0);
    city = DemoPopulation.generate(42, SCALE, TODAY);
  }

  private static List<String> agencies() {
    List<String> codes = new ArrayList<>(DemoPopulation.AGENCIES.stream().map(DemoPopulation.Agency::code).toList());
    codes.add(DemoPopulation.COORDINATOR_AGENCY);
    return codes;
  }

  @Test
  void caseloadFiles_areWindows1252WithDutchHeadersAndEveryCaseInRealWorldBsnForms() throws Exception {
    boolean sawNonAscii = false;
    boolean sawDots = false;
    boolean sawEightDigits = false;
    for (String agency : agencies()) {
      Path file = out.resolve("caseload-" + agency + ".csv");
      byte[] bytes = Files.readAllBytes(file);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      String text = strict(CP1252, bytes); // every byte is windows-1252
      for (byte b : bytes) {
        sawNonAscii |= b < 0; // e.g. 0xEB for ë: one byte, not UTF-8's two
      }
      List<String> lines = List.of(text.split("\r\n"));
      assertThat(lines.get(0)).isEqualTo("BSN;Einddatum;Dossiernummer;Naam");
      List<DemoPopulation.Case> cases =
          agency.equals(DemoPopulation.COORDINATOR_AGENCY) ? city.coordinatorCaseload() : city.caseload(agency);
      assertThat(lines).hasSize(cases.size() + 1);
      for (int i = 0; i < cases.size(); i++) {
        String[] fields = lines.get(i + 1).split(";", -1);
        DemoPopulation.Case c = cases.get(i);
        assertThat(Bsn.parse(fields[0])).isEqualTo(c.resident().bsn());
        sawDots |= fields[0].contains(".");
        sawEightDigits |= fields[0].length() == 8;
        assertThat(fields[1]).matches("\\d\\d-\\d\\d-\\d{4}");
        assertThat(fields[2]).isEqualTo(c.ref());
        assertThat(fields[3]).isEqualTo(city.name(c.resident()));
      }
    }
    assertThat(sawNonAscii).as("some names have letters outside ASCII").isTrue();
    assertThat(sawDots).isTrue();
    assertThat(sawEightDigits).isTrue();
    // Read as UTF-8 the files are not valid: the encoding really is windows-1252.
    byte[] all = allCaseloadBytes();
    assertThatThrownBy(() -> strict(StandardCharsets.UTF_8, all)).isInstanceOf(CharacterCodingException.class);
  }

  private byte[] allCaseloadBytes() throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (String agency : agencies()) {
      b.write(Files.readAllBytes(out.resolve("caseload-" + agency + ".csv")));
    }
    return b.toByteArray();
  }

  private static String strict(Charset charset, byte[] bytes) throws CharacterCodingException {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  @Test
  void screeningList_andReadme() throws Exception {
    List<String> csv = Files.readAllLines(out.resolve("screening-list.csv"));
    assertThat(csv.get(0)).isEqualTo("household;bsn");
    List<String> expected = new ArrayList<>();
    city.screeningList().forEach(s -> s.members().forEach(m -> expected.add(s.household().id() + ";" + m.bsn().digits())));
    assertThat(csv.subList(1, csv.size())).isEqualTo(expected);

    String readme = Files.readString(out.resolve("README.txt"));
    assertThat(readme).contains("SYNTHETIC", "never mix", "hitconnect keygen --kid demo1");
    for (String agency : agencies()) {
      assertThat(readme).contains("--csv " + out.resolve("caseload-" + agency + ".csv"));
    }
    assertThat(readme).contains("--client leerplicht-connector", "--client vh-coordinator");
  }

  /** The push command README.txt gives for a file, split into arguments as a shell would. */
  private List<String> readmeCommand(String agency) throws IOException {
    Matcher m = Pattern.compile("(?m)^  hitconnect (push .*--csv " + Pattern.quote(out.resolve("caseload-" + agency + ".csv").toString()) + " .*)$")
        .matcher(Files.readString(out.resolve("README.txt")));
    assertThat(m.find()).as("README command for " + agency).isTrue();
    List<String> args = new ArrayList<>();
    for (String word : m.group(1).split(" ")) {
      args.add(word.startsWith("'") && word.endsWith("'") ? word.substring(1, word.length() - 1) : word);
    }
    return args;
  }

  @Test
  void everyFile_passesPushDryRunWithTheReadmeCommand_withZeroInvalidRows() throws Exception {
    for (String agency : agencies()) {
      List<String> args = readmeCommand(agency);
      args.add("--dry-run");
      stdout.getBuffer().setLength(0);
      assertThat(run(args.toArray(String[]::new))).as(agency + ": " + stderr).isEqualTo(0);
      int rows = agency.equals(DemoPopulation.COORDINATOR_AGENCY)
          ? city.coordinatorCaseload().size() : city.caseload(agency).size();
      assertThat(stdout.toString()).contains("Read " + rows + " rows", rows + " valid", " 0 invalid", "0 duplicate BSNs");
    }
    assertThat(stderr.toString()).isEmpty();
  }

  @Test
  void readmeCommand_pushesTheCaseloadToTheService_withOnlyPseudonyms() throws Exception {
    try (MockHitService service = MockHitService.start()) {
      service.handler(r -> Reply.json("{\"added\":" + r.lines().size() + ",\"removed\":0,\"kept\":0}"));
      Path creds = dir.resolve("credentials.json");
      Files.writeString(creds, "{\"url\":\"" + service.uri() + "\",\"clients\":["
          + "{\"clientId\":\"ggz-connector\",\"agency\":\"ggz\",\"roles\":[\"connector\"],\"token\":\"ggz-token\"}]}");
      Path keys = Files.createDirectories(dir.resolve("keys"));
      PseudonymKey.generate("demo1", CLOCK).write(keys.resolve("demo1.key"));
      List<String> args = readmeCommand("ggz");
      args.set(args.indexOf("--url") + 1, service.uri().toString());
      args.set(args.indexOf("--credentials") + 1, creds.toString());
      args.set(args.indexOf("--key-dir") + 1, keys.toString());

      assertThat(run(args.toArray(String[]::new))).as(stderr.toString()).isEqualTo(0);

      assertThat(service.requests()).hasSize(1);
      assertThat(service.requests().get(0).method()).isEqualTo("PUT");
      assertThat(service.requests().get(0).header("Authorization")).isEqualTo("Bearer ggz-token");
      assertThat(service.requests().get(0).lines()).hasSize(city.caseload("ggz").size());
      List<String> forbidden = new ArrayList<>();
      city.residents().forEach(r -> {
        forbidden.add(r.bsn().digits());
        forbidden.add(r.bsn().digits().substring(1));
      });
      service.assertNoBodyContains(forbidden);
    }
  }

  @Test
  void sameSeed_givesTheSameFiles() throws Exception {
    byte[] first = allCaseloadBytes();
    assertThat(run("demo", "generate", "--out", out.toString(), "--seed", "42", "--scale", String.valueOf(SCALE),
        "--today", TODAY.toString())).isEqualTo(0);
    assertThat(allCaseloadBytes()).isEqualTo(first);
  }

  @Test
  void badScale_exit2() {
    assertThat(run("demo", "generate", "--out", dir.resolve("x").toString(), "--scale", "0")).isEqualTo(2);
    assertThat(run("demo", "generate")).isEqualTo(2);
    assertThat(Files.exists(dir.resolve("x"))).isFalse();
  }
}

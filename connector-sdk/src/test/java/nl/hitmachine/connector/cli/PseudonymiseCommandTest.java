package nl.hitmachine.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.SecretBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiseCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-02T09:00:00Z"), ZoneOffset.UTC);
  /** The key of the first pseudonym vector in testdata/pseudonyms/vectors.json. */
  private static final PseudonymKey V1 =
      new PseudonymKey("v1", SecretBytes.copyOf(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")), LocalDate.of(2025, 1, 1));
  private static final String V1_OF_123456782 = "v1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA";
  private static final PseudonymKey NEW = PseudonymKey.generate("k2026a", CLOCK);

  @TempDir Path dir;
  private Path keys;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void keys() throws Exception {
    keys = Files.createDirectory(dir.resolve("keys"));
    V1.write(keys.resolve("v1.key"));
  }

  private int run(String... args) {
    return HitConnect.run(CLOCK, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private int runWithStdin(String stdin, String... args) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void stdin_onePerLine_knownAnswerVectorAndOneLinePerRowInOrder() {
    Bsn other = Bsn.parse("111222333");
    int code = runWithStdin("123456782\n1112.22.333\n 12345678-2 \n", "pseudonymise", "--key-dir", keys.toString());

    assertThat(code).as(err.toString()).isZero();
    String otherPseudonym = Pseudonymiser.of(V1).pseudonymise(other);
    assertThat(out.toString()).isEqualTo(V1_OF_123456782 + "\n" + otherPseudonym + "\n" + V1_OF_123456782 + "\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void invalidRows_emptyOutputLineAndReportedByRowNumberWithoutTheBsn_exit5() {
    String input = "123456782\n123456789\n12a456782\n\n111222333\n";

    int code = runWithStdin(input, "pseudonymise", "--key-dir", keys.toString());

    assertThat(code).isEqualTo(HitConnect.INVALID_INPUT);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo(V1_OF_123456782);
    assertThat(lines.subList(1, 4)).containsOnly("");
    assertThat(lines.get(4)).isEqualTo(Pseudonymiser.of(V1).pseudonymise(Bsn.parse("111222333")));
    assertThat(err.toString())
        .contains("row 2: invalid BSN: the check digit does not match")
        .contains("row 3: invalid BSN: contains a character other than a digit")
        .contains("row 4: invalid BSN: empty")
        .contains("3 invalid rows")
        .doesNotContain("123456789")
        .doesNotContain("12a456782");
  }

  @Test
  void skipInvalid_sameOutputButExit0() {
    assertThat(runWithStdin("123456789\n123456782\n", "pseudonymise", "--key-dir", keys.toString(), "--skip-invalid"))
        .isZero();
    assertThat(out.toString()).isEqualTo("\n" + V1_OF_123456782 + "\n");
    assertThat(err.toString()).contains("row 1: invalid BSN").doesNotContain("123456789");
  }

  @Test
  void csvColumn_windows1252_allKids_printsEveryAliasPrimaryFirst() throws Exception {
    NEW.write(keys.resolve("k2026a.key"));
    Path csv = dir.resolve("export.csv");
    Files.write(csv, "Naam;\"BSN\";Einde\n\"Jos\u00e9 de Vries\";123456782;2026-12-31\nRen\u00e9e;\"1112.22.333\";\nKees;123;\n"
        .getBytes(Charset.forName("windows-1252")));

    int code = run("pseudonymise", "--key-dir", keys.toString(), "--in", csv.toString(), "--column", "bsn",
        "--delimiter", ";", "--encoding", "windows-1252", "--all-kids");

    assertThat(code).isEqualTo(HitConnect.INVALID_INPUT);
    Pseudonymiser both = Pseudonymiser.of(PseudonymKeyRing.load(keys));
    assertThat(both.keyRing().primary().kid()).isEqualTo("k2026a");
    assertThat(out.toString().lines().toList())
        .containsExactly(
            String.join(",", both.aliases(Bsn.parse("123456782"))),
            String.join(",", both.aliases(Bsn.parse("111222333"))),
            "");
    assertThat(out.toString()).contains(V1_OF_123456782);
    assertThat(err.toString()).contains("row 4: invalid BSN: the check digit").doesNotContain("Kees");
  }

  @Test
  void kid_pseudonymisesUnderThatKeyInsteadOfThePrimary() throws Exception {
    NEW.write(keys.resolve("k2026a.key"));
    Path list = dir.resolve("list.txt");
    Files.writeString(list, "123456782\n");
    assertThat(run("pseudonymise", "--key-dir", keys.toString(), "--in", list.toString())).isZero();
    assertThat(out.toString()).startsWith("k2026a.").doesNotContain(V1_OF_123456782);
    out.getBuffer().setLength(0);
    assertThat(run("pseudonymise", "--key-dir", keys.toString(), "--in", list.toString(), "--kid", "v1")).isZero();
    assertThat(out.toString()).isEqualTo(V1_OF_123456782 + "\n");
  }

  @Test
  void problems_missingColumnOrFileOrBadEncoding_exit4_conflictingOptions_exit2() throws Exception {
    Path csv = dir.resolve("export.csv");
    Files.writeString(csv, "naam;nummer\nx;123456782\n");
    assertThat(run("pseudonymise", "--key-dir", keys.toString(), "--in", csv.toString(), "--column", "bsn")).isEqualTo(4);
    assertThat(err.toString()).contains("no column bsn");
    assertThat(run("pseudonymise", "--key-dir", keys.toString(), "--in", dir.resolve("nope").toString())).isEqualTo(4);
    Path latin = dir.resolve("latin.csv");
    Files.write(latin, "naam;bsn\nRen\u00e9e;123456782\n".getBytes(Charset.forName("windows-1252")));
    assertThat(run("pseudonymise", "--key-dir", keys.toString(), "--in", latin.toString(), "--column", "bsn")).isEqualTo(4);
    assertThat(err.toString()).contains("line 2", "--encoding").doesNotContain("123456782");
    assertThat(run("pseudonymise", "--key-dir", keys.toString(), "--kid", "v1", "--all-kids")).isEqualTo(2);
    assertThat(run("pseudonymise", "--key-dir", dir.resolve("nokeys").toString(), "--in", csv.toString())).isEqualTo(4);
  }
}

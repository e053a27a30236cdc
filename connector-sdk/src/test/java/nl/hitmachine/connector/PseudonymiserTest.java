package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {
  private static final PseudonymKey V1 =
      new PseudonymKey(
          "v1",
          SecretBytes.copyOf(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")),
          LocalDate.of(2025, 1, 1));
  private static final PseudonymKey K2026A =
      new PseudonymKey(
          "k2026a",
          SecretBytes.copyOf(HexFormat.of().parseHex("34a5df80049f57c9c1e5c01697bf382f6851eb37f6f95f89e8d6cfd93b75cb68")),
          LocalDate.of(2026, 1, 1));
  private static final Bsn BSN = Bsn.parse("123456782");

  @Test
  void pseudonymise_primaryKey_kidDotAnd43Base64UrlCharacters() {
    String p = Pseudonymiser.of(V1).pseudonymise(BSN);
    // Also in testdata/pseudonyms/vectors.json ("plain 9 digits").
    assertThat(p).isEqualTo("v1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA").matches("v1\\.[A-Za-z0-9_-]{43}");
  }

  @Test
  void aliases_twoActiveKeys_primaryFirstThenEachKeysPseudonym() {
    Pseudonymiser both = Pseudonymiser.of(PseudonymKeyRing.of(K2026A, V1));
    assertThat(both.aliases(BSN))
        .containsExactly(Pseudonymiser.of(K2026A).pseudonymise(BSN), Pseudonymiser.of(V1).pseudonymise(BSN));
    assertThat(both.pseudonymise(BSN)).startsWith("k2026a.");
    assertThat(both.pseudonymise(BSN, "v1")).isEqualTo(Pseudonymiser.of(V1).pseudonymise(BSN));
  }

  @Test
  void pseudonymise_unknownKid_rejected() {
    assertThatThrownBy(() -> Pseudonymiser.of(V1).pseudonymise(BSN, "zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zz");
  }

  @Test
  void pseudonymise_differentBsns_differentPseudonyms() {
    Pseudonymiser p = Pseudonymiser.of(V1);
    assertThat(p.pseudonymise(Bsn.parse("111222333"))).isNotEqualTo(p.pseudonymise(BSN));
  }

  @Test
  void pseudonymise_manyThreadsAtOnce_sameAnswersAsOneThread() throws Exception {
    Pseudonymiser shared = Pseudonymiser.of(PseudonymKeyRing.of(V1, K2026A));
    List<Bsn> bsns = new ArrayList<>();
    for (int prefix = 10_000_000; bsns.size() < 2_000; prefix += 7_919) {
      for (int d = 0; d <= 9; d++) {
        if (Bsn.isValid(prefix + "" + d)) {
          bsns.add(Bsn.parse(prefix + "" + d));
        }
      }
    }
    List<List<String>> expected = new ArrayList<>();
    Pseudonymiser reference = Pseudonymiser.of(PseudonymKeyRing.of(V1, K2026A));
    for (Bsn b : bsns) {
      expected.add(reference.aliases(b));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<List<String>>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<List<String>> out = new ArrayList<>();
                  for (Bsn b : bsns) {
                    out.add(shared.aliases(b));
                  }
                  return out;
                }));
      }
      for (Future<List<List<String>>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void isPseudonym_wellFormedOnly() {
    assertThat(Pseudonymiser.isPseudonym("v1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA")).isTrue();
    assertThat(Pseudonymiser.isPseudonym("abcdefghij012345.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA")).isTrue();
    assertThat(Pseudonymiser.isPseudonym("123456782")).isFalse();
    assertThat(Pseudonymiser.isPseudonym("V1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA")).isFalse();
    assertThat(Pseudonymiser.isPseudonym("v1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVSh")).isFalse();
    assertThat(Pseudonymiser.isPseudonym("v1.0vWIVwiG83aDMpZcabV+XyjakqEnoOKdhZSvX7ZVShA")).isFalse();
    assertThat(Pseudonymiser.isPseudonym("abcdefghij0123456.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA")).isFalse();
    assertThat(Pseudonymiser.isPseudonym(null)).isFalse();
  }

  @Test
  void toString_showsKidsOnly() {
    assertThat(Pseudonymiser.of(V1).toString()).contains("v1").doesNotContain("000102");
  }
}

package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PseudonymKeyerTest {
  // Known answers computed independently with Python's hmac/hashlib/base64:
  //   index key = bytes 0x00..0x1f, audit key = bytes 0x20..0x3f
  //   p = "demo1." + base64url_nopad(sha256("x"))
  //   hmac_sha256(index key, "hitmachine:index:v1:" + p).hex()
  //   "a1." + base64url_nopad(hmac_sha256(audit key, "hitmachine:audit:v1:" + p))
  private static final String PSEUDONYM = "demo1.LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE";
  private static final String INDEX_FORM = "34f6fe9cb3edea44d40196a2dc197e6236d141827a545bdf089a0a8926fdb3d5";
  private static final String AUDIT_FORM = "a1.LZZ5vy7_pK8m106QdCiuD2HJpYGHkkUhGcenAVs5lRM";

  private static ServerKey key(int first) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (first + i);
    }
    return ServerKey.of(b);
  }

  private final PseudonymKeyer keyer = new PseudonymKeyer(key(0), key(32));

  @Test
  void indexForm_knownAnswer_matches() {
    assertThat(HexFormat.of().formatHex(keyer.indexForm(PSEUDONYM))).isEqualTo(INDEX_FORM);
  }

  @Test
  void auditForm_knownAnswer_matches() {
    assertThat(keyer.auditForm(PSEUDONYM)).isEqualTo(AUDIT_FORM);
  }

  @Test
  void forms_differentKeysOrLabels_cannotBeJoined() {
    String indexB64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(keyer.indexForm(PSEUDONYM));
    assertThat(keyer.auditForm(PSEUDONYM)).doesNotContain(indexB64);
  }

  @Test
  void constructor_sameKeyTwice_isRefused() {
    assertThatThrownBy(() -> new PseudonymKeyer(key(0), key(0))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serverKey_toString_neverPrintsBytes() {
    assertThat(key(65).toString()).doesNotContain("65").doesNotContain("41").contains("redacted");
  }
}

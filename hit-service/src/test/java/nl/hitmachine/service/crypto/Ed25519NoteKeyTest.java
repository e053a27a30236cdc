package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ed25519NoteKeyTest {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * RFC 8032 section 7.1, "Test Vectors for Ed25519", TEST 1 (empty message), TEST 2 (one byte) and
   * TEST 3 (two bytes): secret key, public key, message, signature. An empty message is written as
   * "-". Cross-checked against an independent implementation (OpenSSL through pyca/cryptography).
   */
  @ParameterizedTest(name = "RFC 8032 7.1 {0}")
  @CsvSource({
      "TEST 1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
          + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, -,"
          + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
      "TEST 2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
          + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
          + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
      "TEST 3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
          + " fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
          + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  })
  void sign_rfc8032Vector_givesPublishedPublicKeyAndSignature(
      String test, String secretHex, String publicHex, String messageHex, String signatureHex) {
    byte[] message = messageHex.equals("-") ? new byte[0] : HEX.parseHex(messageHex);
    Ed25519NoteKey key = Ed25519NoteKey.fromSeed("rfc8032.example/test", HEX.parseHex(secretHex));

    assertThat(HEX.formatHex(key.publicKey())).isEqualTo(publicHex);
    byte[] signature = key.sign(message);
    assertThat(HEX.formatHex(signature)).isEqualTo(signatureHex);
    assertThat(key.verifier().verifies(message, signature)).isTrue();

    byte[] flipped = signature.clone();
    flipped[17] ^= 0x01;
    assertThat(key.verifier().verifies(message, flipped)).isFalse();
  }

  @Test
  void keyId_peterNeumannSeed_isReferenceKeyIdAndVerifierKey() {
    // golang.org/x/mod/sumdb/note note_test.go: skey PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALV...
    // and vkey PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW.
    byte[] typed = Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    assertThat(typed[0]).isEqualTo((byte) 0x01);
    Ed25519NoteKey key = Ed25519NoteKey.fromSeed("PeterNeumann", Arrays.copyOfRange(typed, 1, 33));

    assertThat(key.keyId()).isEqualTo(0xc74f20a3);
    assertThat(key.verifierKey()).isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  }

  @Test
  void toString_anyKey_namesKeyButNoKeyBytes() {
    byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    Ed25519NoteKey key = Ed25519NoteKey.fromSeed("hitmachine.example/audit", seed);

    assertThat(key.toString())
        .contains("hitmachine.example/audit").contains("redacted")
        .doesNotContain(HEX.formatHex(seed)).doesNotContain(Base64.getEncoder().encodeToString(seed))
        .doesNotContain(Base64.getEncoder().encodeToString(key.publicKey()));
  }

  @Test
  void generate_twice_givesDifferentKeysThatRoundTripTheirSeed() {
    Ed25519NoteKey a = Ed25519NoteKey.generate("hitmachine.example/audit", new SecureRandom());
    Ed25519NoteKey b = Ed25519NoteKey.generate("hitmachine.example/audit", new SecureRandom());

    assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
    assertThat(Ed25519NoteKey.fromSeed(a.name(), a.seed())).isEqualTo(a);
  }

  @Test
  void fromSeed_invalidNameOrSeed_isRefused() {
    byte[] seed = new byte[32];
    for (String bad : new String[] {"", "a b", "a+b", "a\u00a0b", "a\tb", "a\u2003b"}) {
      assertThatThrownBy(() -> Ed25519NoteKey.fromSeed(bad, seed)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Ed25519NoteKey.fromSeed("ok", new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
  }
}

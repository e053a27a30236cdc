package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
  @Test
  void copyOf_laterChangeToArray_doesNotChangeSecret() {
    byte[] bytes = {1, 2, 3};
    SecretBytes secret = SecretBytes.copyOf(bytes);
    bytes[0] = 9;
    assertThat(secret.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void toByteArray_changedCopy_doesNotChangeSecret() {
    SecretBytes secret = SecretBytes.copyOf(new byte[] {1, 2, 3});
    secret.toByteArray()[0] = 9;
    assertThat(secret.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void equals_sameBytes_equalAndSameHash() {
    assertThat(SecretBytes.copyOf(new byte[] {1, 2, 3}))
        .isEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 3}))
        .hasSameHashCodeAs(SecretBytes.copyOf(new byte[] {1, 2, 3}));
  }

  @Test
  void equals_differentBytesOrLength_notEqual() {
    assertThat(SecretBytes.copyOf(new byte[] {1, 2, 3})).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 4}));
    assertThat(SecretBytes.copyOf(new byte[] {1, 2, 3})).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2}));
  }

  @Test
  void toString_randomSecret_neverPrintsBytes() {
    SecretBytes secret = SecretBytes.random(32, new SecureRandom());
    String hex = HexFormat.of().formatHex(secret.toByteArray());
    assertThat(secret.toString()).isEqualTo("SecretBytes[32 bytes, redacted]").doesNotContain(hex.substring(0, 8));
  }

  @Test
  void random_twoDraws_differ() {
    SecureRandom random = new SecureRandom();
    assertThat(SecretBytes.random(32, random)).isNotEqualTo(SecretBytes.random(32, random));
  }
}

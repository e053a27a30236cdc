package nl.hitmachine.portal.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void verify_theRightPassword_matches_andAWrongOneDoesNot() {
    String hash = PasswordHash.hash("correct horse".toCharArray(), random, 1_000);
    assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct");
    assertThat(PasswordHash.verify("correct horse".toCharArray(), hash)).isTrue();
    assertThat(PasswordHash.verify("correct horsf".toCharArray(), hash)).isFalse();
  }

  @Test
  void hash_twice_givesDifferentSalts() {
    assertThat(PasswordHash.hash("x".toCharArray(), random, 1_000)).isNotEqualTo(PasswordHash.hash("x".toCharArray(), random, 1_000));
  }

  @Test
  void verify_aMalformedHash_isFalse() {
    assertThat(PasswordHash.verify("x".toCharArray(), "plain")).isFalse();
    assertThat(PasswordHash.verify("x".toCharArray(), "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
    assertThat(PasswordHash.verify("x".toCharArray(), "pbkdf2-sha256$10$!!$AAAA")).isFalse();
  }
}

package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;

import nl.hitmachine.service.audit.AuditReceipt;
import org.junit.jupiter.api.Test;

class LookupAnswerTest {
  private static String idOf(long sequence) {
    return LookupAnswer.lookupIdOf(new AuditReceipt(sequence, "ab".repeat(32), sequence + 1));
  }

  @Test
  void lookupId_isLAndTheAuditSequenceZeroPaddedToTwelveDigits() {
    assertThat(idOf(0)).isEqualTo("L000000000000");
    assertThat(idOf(42)).isEqualTo("L000000000042");
    assertThat(idOf(999_999_999_999L)).isEqualTo("L999999999999");
  }

  @Test
  void lookupId_ofALongerSequence_keepsAllDigits() {
    assertThat(idOf(1_234_567_890_123L)).isEqualTo("L1234567890123");
  }
}

package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymFormatTest {
  private static final String GOOD = "demo1.LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE";
  private final PseudonymFormat any = new PseudonymFormat(Set.of());

  @Test
  void problem_wellFormed_isNull() {
    assertThat(any.problem(GOOD)).isNull();
  }

  @Test
  void problem_malformed_namesRuleWithoutEchoingValue() {
    for (Object bad : new Object[] {null, 42, "", "123456782", "Demo1." + GOOD.substring(6), "demo1." + GOOD.substring(7),
        GOOD + "A", GOOD.substring(0, GOOD.length() - 1) + "B", GOOD.replace('-', '+'), "averyveryverylongkid." + GOOD.substring(6)}) {
      String problem = any.problem(bad);
      assertThat(problem).as(String.valueOf(bad)).isNotNull();
      if (bad instanceof String s && !s.isEmpty()) {
        assertThat(problem).doesNotContain(s);
      }
    }
  }

  @Test
  void problem_unacceptedKid_isRefused() {
    assertThat(new PseudonymFormat(Set.of("demo2")).problem(GOOD)).contains("kid");
    assertThat(new PseudonymFormat(Set.of("demo1")).problem(GOOD)).isNull();
  }
}

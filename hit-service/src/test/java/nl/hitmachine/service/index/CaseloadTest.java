package nl.hitmachine.service.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CaseloadTest {
  private static SubjectKey key(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return SubjectKey.wrap(b);
  }

  @Test
  void build_randomOrderWithDuplicates_sortsAndKeepsLastEntry() {
    Random r = new Random(7);
    List<SubjectKey> keys = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      keys.add(key(r));
    }
    TreeMap<SubjectKey, String> expected = new TreeMap<>();
    Caseload.Builder builder = Caseload.builder();
    for (int i = 0; i < 10_000; i++) {
      SubjectKey k = keys.get(r.nextInt(keys.size()));
      String ref = "R" + i;
      builder.add(new RegistrationWrite(k, LocalDate.of(2027, 1, 1).plusDays(i % 300), ref));
      expected.put(k, ref);
    }
    Caseload c = builder.build();
    assertThat(c.size()).isEqualTo(expected.size());
    int i = 0;
    for (var e : expected.entrySet()) {
      assertThat(c.subject(i)).isEqualTo(e.getKey());
      assertThat(c.ref(i)).isEqualTo(e.getValue());
      int n = Integer.parseInt(e.getValue().substring(1));
      assertThat(c.validUntil(i)).isEqualTo(LocalDate.of(2027, 1, 1).plusDays(n % 300));
      i++;
    }
  }

  @Test
  void build_empty_isEmpty() {
    assertThat(Caseload.builder().build().size()).isZero();
  }
}

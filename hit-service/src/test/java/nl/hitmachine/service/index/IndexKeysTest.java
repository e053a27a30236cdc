package nl.hitmachine.service.index;

import static nl.hitmachine.service.index.TestSubjects.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexKeysTest {

  @Test
  void expiry_keysOfDifferentDays_sortByDayIncludingNegativeDays() {
    byte[] subject = subject(1).bytes();
    int[] days = {Integer.MIN_VALUE, -40_000, -1, 0, 1, 20_000, Integer.MAX_VALUE};
    List<byte[]> keys = new ArrayList<>();
    for (int i = days.length - 1; i >= 0; i--) {
      keys.add(IndexKeys.expiry(days[i], 7, subject));
    }

    keys.sort(Arrays::compareUnsigned);

    assertThat(keys)
        .extracting(IndexKeys::expiryDay)
        .containsExactly(Arrays.stream(days).boxed().toArray(Integer[]::new));
  }

  @Test
  void expiry_key_decodesDayAgencyAndSubject() {
    SubjectKey s = subject(3);

    byte[] key = IndexKeys.expiry(20_123, 65_535, s.bytes());

    assertThat(key).hasSize(IndexKeys.EXPIRY_LENGTH);
    assertThat(IndexKeys.expiryDay(key)).isEqualTo(20_123);
    assertThat(IndexKeys.expiryAgency(key)).isEqualTo(65_535);
    assertThat(IndexKeys.subjectOfExpiry(key)).isEqualTo(s.bytes());
    assertThat(Arrays.compareUnsigned(key, IndexKeys.expiryDayStart(20_123))).isPositive();
    assertThat(Arrays.compareUnsigned(key, IndexKeys.expiryDayStart(20_124))).isNegative();
  }

  @Test
  void agencySubject_keysOfOneAgency_sortBySubjectLikeCaseload() {
    List<SubjectKey> subjects = TestSubjects.subjects(0, 50);
    List<byte[]> keys = new ArrayList<>();
    for (SubjectKey s : subjects) {
      keys.add(IndexKeys.agencySubject(258, s));
    }

    keys.sort(Arrays::compareUnsigned);

    assertThat(keys).allSatisfy(k -> assertThat(IndexKeys.hasAgencyPrefix(k, 258)).isTrue());
    assertThat(keys).noneSatisfy(k -> assertThat(IndexKeys.hasAgencyPrefix(k, 2)).isTrue());
    assertThat(keys)
        .extracting(k -> SubjectKey.wrap(IndexKeys.subjectOfAgencySubject(k)))
        .isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(IndexKeys.agencySubject(258, subjects.get(0)))
        .isEqualTo(IndexKeys.agencySubject(258, subjects.get(0).bytes()))
        .startsWith(IndexKeys.agencyPrefix(258));
  }

  @Test
  void u16_outOfRange_isRejected() {
    assertThatThrownBy(() -> IndexKeys.agencyPrefix(65_536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IndexKeys.agencyPrefix(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metaKeys_roundTripAgencyCodeAndCountId() {
    byte[] agency = IndexKeys.metaAgency("veiligheidshuis-nijmegen");
    byte[] count = IndexKeys.metaCount(513);

    assertThat(IndexKeys.startsWith(agency, IndexKeys.META_AGENCY_PREFIX)).isTrue();
    assertThat(IndexKeys.agencyCodeOfMeta(agency)).isEqualTo("veiligheidshuis-nijmegen");
    assertThat(IndexKeys.getU16(count, IndexKeys.META_COUNT_PREFIX.length)).isEqualTo(513);
    assertThat(IndexKeys.getLong(IndexKeys.longValue(-2L))).isEqualTo(-2L);
    assertThat(IndexKeys.getLong(IndexKeys.longValue(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void requireAgencyCode_acceptsOnlyShortLowercaseCodes() {
    assertThat(IndexKeys.requireAgencyCode("om-0")).isEqualTo("om-0");
    for (String bad : new String[] {null, "", "OM", "a_b", "é", "a".repeat(33)}) {
      assertThatThrownBy(() -> IndexKeys.requireAgencyCode(bad))
          .as("code %s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}

package nl.hitmachine.service.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import nl.hitmachine.service.index.RegistrationCodec.SubjectEntries;
import org.junit.jupiter.api.Test;

class RegistrationCodecTest {
  private static final Map<Integer, String> CODES = Map.of(1, "a", 2, "b", 300, "c");
  private static final int DAY = 20_000;

  @Test
  void encodeEntries_thenDecodeActive_returnsActiveOnesInAgencyOrder() {
    SubjectEntries entries = RegistrationCodec.decodeEntries(null);
    entries.put(300, DAY + 5, RegistrationCodec.refBytes("c-ref"));
    entries.put(1, DAY, null);
    entries.put(2, DAY - 1, RegistrationCodec.refBytes("expired"));

    byte[] value = RegistrationCodec.encodeEntries(entries);

    assertThat(RegistrationCodec.decodeActive(value, DAY, CODES::get))
        .containsExactly(
            new Registration("a", LocalDate.ofEpochDay(DAY), null),
            new Registration("c", LocalDate.ofEpochDay(DAY + 5), "c-ref"));
    assertThat(RegistrationCodec.decodeEntries(value).entries())
        .extracting(RegistrationCodec.Entry::agencyId)
        .containsExactly(1, 2, 300);
  }

  @Test
  void subjectEntries_putExistingAndRemove_replaceAndDropTheAgencysEntry() {
    SubjectEntries entries = RegistrationCodec.decodeEntries(null);
    assertThat(entries.isDirty()).isFalse();
    entries.put(2, DAY, null);
    entries.put(2, DAY + 1, RegistrationCodec.refBytes("x"));

    assertThat(entries.entries()).hasSize(1);
    assertThat(entries.find(2).day()).isEqualTo(DAY + 1);
    assertThat(entries.remove(1)).isNull();
    assertThat(entries.remove(2).day()).isEqualTo(DAY + 1);
    assertThat(entries.isEmpty()).isTrue();
    assertThat(entries.isDirty()).isTrue();
  }

  @Test
  void refs_emptyAndAbsent_areDistinct() {
    SubjectEntries entries = RegistrationCodec.decodeEntries(null);
    entries.put(1, DAY, RegistrationCodec.refBytes(""));
    entries.put(2, DAY, null);

    byte[] value = RegistrationCodec.encodeEntries(entries);

    assertThat(RegistrationCodec.decodeActive(value, DAY, CODES::get))
        .extracting(Registration::ref)
        .containsExactly("", null);
  }

  @Test
  void agencyValue_equalityDependsOnDayAndRef() {
    byte[] ref = RegistrationCodec.refBytes("r");
    byte[] value = RegistrationCodec.encodeAgencyValue(DAY, ref);

    assertThat(RegistrationCodec.agencyValueDay(value)).isEqualTo(DAY);
    assertThat(RegistrationCodec.agencyValueEquals(value, DAY, ref)).isTrue();
    assertThat(RegistrationCodec.agencyValueEquals(value, DAY + 1, ref)).isFalse();
    assertThat(RegistrationCodec.agencyValueEquals(value, DAY, null)).isFalse();
    assertThat(RegistrationCodec.agencyValueEquals(value, DAY, RegistrationCodec.refBytes("s")))
        .isFalse();
  }

  @Test
  void decode_truncatedValue_failsWithoutLeakingBytes() {
    SubjectEntries entries = RegistrationCodec.decodeEntries(null);
    entries.put(1, DAY, RegistrationCodec.refBytes("abcdef"));
    byte[] value = RegistrationCodec.encodeEntries(entries);
    byte[] truncated = Arrays.copyOf(value, value.length - 2);

    assertThatThrownBy(() -> RegistrationCodec.decodeActive(truncated, DAY, CODES::get))
        .isInstanceOf(IndexUnavailableException.class)
        .hasMessage("index holds a truncated registration value");
    assertThatThrownBy(() -> RegistrationCodec.decodeEntries(truncated))
        .isInstanceOf(IndexUnavailableException.class);
  }

  @Test
  void decodeActive_unknownAgencyId_fails() {
    SubjectEntries entries = RegistrationCodec.decodeEntries(null);
    entries.put(9, DAY, null);

    assertThatThrownBy(
            () ->
                RegistrationCodec.decodeActive(
                    RegistrationCodec.encodeEntries(entries), DAY, CODES::get))
        .isInstanceOf(IndexUnavailableException.class);
  }

  @Test
  void refBytes_longestRefOfThreeByteCharacters_fitsTheLengthByte() {
    byte[] bytes = RegistrationCodec.refBytes("€".repeat(RegistrationWrite.MAX_REF_LENGTH));

    assertThat(bytes).hasSize(RegistrationCodec.MAX_REF_BYTES);
    assertThat(RegistrationCodec.MAX_REF_BYTES).isLessThan(RegistrationCodec.NO_REF);
    assertThat(RegistrationCodec.refBytes(null)).isNull();
  }
}

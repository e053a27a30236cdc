package nl.hitmachine.service.index;

import static nl.hitmachine.service.index.TestSubjects.TODAY;
import static nl.hitmachine.service.index.TestSubjects.caseload;
import static nl.hitmachine.service.index.TestSubjects.subject;
import static nl.hitmachine.service.index.TestSubjects.subjects;
import static nl.hitmachine.service.index.TestSubjects.write;
import static nl.hitmachine.service.index.TestSubjects.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbHitIndexTest {
  private static final Clock CLOCK =
      Clock.fixed(
          TODAY.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant(),
          ZoneId.of("Europe/Amsterdam"));
  private static final LocalDate NEXT_YEAR = TODAY.plusYears(1);

  @TempDir Path dir;
  private RocksDbHitIndex index;

  @BeforeEach
  void open() {
    index = RocksDbHitIndex.open(dir, CLOCK);
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void upsert_newSubject_lookupReturnsItWithRef() {
    SubjectKey s = subject(1);

    int upserted = index.upsert("leerplicht", List.of(write(s, NEXT_YEAR, "case-17"))).join();

    assertThat(upserted).isEqualTo(1);
    assertThat(lookupOne(s)).containsExactly(new Registration("leerplicht", NEXT_YEAR, "case-17"));
  }

  @Test
  void upsert_withoutRef_lookupReturnsNullRefAndEmptyRefStaysEmpty() {
    index
        .upsert("a", List.of(write(subject(1), NEXT_YEAR, null), write(subject(2), NEXT_YEAR, "")))
        .join();

    assertThat(lookupOne(subject(1))).containsExactly(new Registration("a", NEXT_YEAR, null));
    assertThat(lookupOne(subject(2))).containsExactly(new Registration("a", NEXT_YEAR, ""));
  }

  @Test
  void upsert_multiByteRefOfMaximumLength_roundTrips() {
    String ref = "\uD83D\uDE00".repeat(RegistrationWrite.MAX_REF_LENGTH / 2); // 32 emoji, 128 bytes
    String ref2 = "é".repeat(RegistrationWrite.MAX_REF_LENGTH);

    index
        .upsert("a", List.of(write(subject(1), NEXT_YEAR, ref), write(subject(2), NEXT_YEAR, ref2)))
        .join();

    assertThat(lookupOne(subject(1))).extracting(Registration::ref).containsExactly(ref);
    assertThat(lookupOne(subject(2))).extracting(Registration::ref).containsExactly(ref2);
  }

  @Test
  void remove_registeredSubject_lookupReturnsNothingAndCountIsExisting() {
    index.upsert("leerplicht", writes(0, 3)).join();

    int removed = index.remove("leerplicht", List.of(subject(0), subject(1), subject(99))).join();

    assertThat(removed).isEqualTo(2);
    assertThat(lookupOne(subject(0))).isEmpty();
    assertThat(lookupOne(subject(1))).isEmpty();
    assertThat(lookupOne(subject(2))).hasSize(1);
    assertThat(index.registrationCounts()).containsEntry("leerplicht", 1L);
    assertThat(index.keyCountsByScan())
        .containsEntry("subjects", 1L)
        .containsEntry("agency_subjects", 1L)
        .containsEntry("expiry", 1L);
  }

  @Test
  void remove_otherAgencysSubject_removesNothing() {
    index.upsert("leerplicht", writes(0, 1)).join();

    int removed = index.remove("schuldhulp", List.of(subject(0))).join();

    assertThat(removed).isZero();
    assertThat(lookupOne(subject(0)))
        .extracting(Registration::agency)
        .containsExactly("leerplicht");
  }

  @Test
  void remove_sameSubjectTwiceInOneCall_countsOnce() {
    index.upsert("a", writes(0, 1)).join();

    assertThat(index.remove("a", List.of(subject(0), subject(0))).join()).isEqualTo(1);
  }

  @Test
  void upsert_twoAgenciesSameSubject_lookupReturnsBoth() {
    SubjectKey s = subject(1);
    index.upsert("schuldhulp", List.of(write(s, NEXT_YEAR, "s-1"))).join();
    index.upsert("leerplicht", List.of(write(s, NEXT_YEAR.plusDays(1), "l-1"))).join();

    assertThat(lookupOne(s))
        .containsExactlyInAnyOrder(
            new Registration("schuldhulp", NEXT_YEAR, "s-1"),
            new Registration("leerplicht", NEXT_YEAR.plusDays(1), "l-1"));

    index.remove("schuldhulp", List.of(s)).join();
    assertThat(lookupOne(s))
        .containsExactly(new Registration("leerplicht", NEXT_YEAR.plusDays(1), "l-1"));
  }

  @Test
  void upsert_existingRegistration_updatesValidUntilAndRefAndMovesExpiry() {
    SubjectKey s = subject(1);
    LocalDate soon = TODAY.plusDays(10);
    index.upsert("a", List.of(write(s, soon, "old"))).join();

    int upserted = index.upsert("a", List.of(write(s, NEXT_YEAR, "new"))).join();

    assertThat(upserted).isEqualTo(1);
    assertThat(lookupOne(s)).containsExactly(new Registration("a", NEXT_YEAR, "new"));
    assertThat(index.registrationCounts()).containsEntry("a", 1L);
    assertThat(index.keyCountsByScan()).containsEntry("expiry", 1L);
    // The old expiry key is gone: purging past the old date removes nothing.
    assertThat(index.purgeExpired(soon.plusDays(1)).join()).isZero();
    assertThat(lookupOne(s)).hasSize(1);
  }

  @Test
  void upsert_sameSubjectTwiceInOneCall_laterWriteWins() {
    SubjectKey s = subject(1);

    int upserted =
        index
            .upsert("a", List.of(write(s, TODAY.plusDays(1), "first"), write(s, NEXT_YEAR, "last")))
            .join();

    assertThat(upserted).isEqualTo(2);
    assertThat(lookupOne(s)).containsExactly(new Registration("a", NEXT_YEAR, "last"));
    assertThat(index.registrationCounts()).containsEntry("a", 1L);
    assertThat(index.keyCountsByScan()).containsEntry("expiry", 1L);
  }

  @Test
  void upsert_identicalToStored_completesWithoutWriting() {
    index.upsert("a", writes(0, 10)).join();
    long before = index.commitCount();

    assertThat(index.upsert("a", writes(0, 10)).join()).isEqualTo(10);

    assertThat(index.commitCount()).isEqualTo(before);
    assertThat(index.upsert("a", writes(0, 11)).join()).isEqualTo(11);
    assertThat(index.commitCount()).isEqualTo(before + 1);
    assertThat(index.registrationCounts()).containsEntry("a", 11L);
  }

  @Test
  void lookup_batch_returnsResultsInRequestOrderIncludingUnknownAndRepeatedSubjects() {
    index.upsert("a", writes(0, 3)).join();
    index.upsert("b", writes(1, 2)).join();

    List<List<Registration>> results =
        index.lookup(List.of(subject(2), subject(77), subject(1), subject(2)), TODAY);

    assertThat(results).hasSize(4);
    assertThat(results.get(0)).extracting(Registration::agency).containsExactly("a");
    assertThat(results.get(1)).isEmpty();
    assertThat(results.get(2)).extracting(Registration::agency).containsExactlyInAnyOrder("a", "b");
    assertThat(results.get(3)).isEqualTo(results.get(0));
    assertThat(index.lookup(List.of(), TODAY)).isEmpty();
  }

  @Test
  void lookup_expiredRegistration_isNotReturnedBeforePurge() {
    SubjectKey s = subject(1);
    index.upsert("a", List.of(write(s, TODAY, "last-day"))).join();
    index.upsert("b", List.of(write(s, TODAY.minusDays(1), "gone"))).join();

    assertThat(lookupOne(s)).containsExactly(new Registration("a", TODAY, "last-day"));
    assertThat(index.lookup(List.of(s), TODAY.plusDays(1)).get(0)).isEmpty();
    // Expired but unpurged registrations are still stored and counted.
    assertThat(index.registrationCounts()).containsEntry("a", 1L).containsEntry("b", 1L);
  }

  @Test
  void purgeExpired_removesExpiredFromAllColumnFamiliesAndKeepsActive() {
    // Subject 0: only expired; subject 1: expired for a, active for b; subject 2: active.
    index
        .upsert(
            "a",
            List.of(
                write(subject(0), TODAY.minusDays(5), "x"),
                write(subject(1), TODAY.minusDays(1), "y"),
                write(subject(2), TODAY, "z")))
        .join();
    index
        .upsert(
            "b",
            List.of(
                write(subject(0), TODAY.minusDays(2), null), write(subject(1), NEXT_YEAR, null)))
        .join();

    long purged = index.purgeExpired(TODAY).join();

    assertThat(purged).isEqualTo(3);
    assertThat(index.lookup(List.of(subject(0), subject(1), subject(2)), TODAY.minusYears(1)))
        .containsExactly(
            List.of(),
            List.of(new Registration("b", NEXT_YEAR, null)),
            List.of(new Registration("a", TODAY, "z")));
    assertThat(index.keyCountsByScan())
        .containsEntry("subjects", 2L)
        .containsEntry("agency_subjects", 2L)
        .containsEntry("expiry", 2L);
    assertThat(index.registrationCounts()).containsEntry("a", 1L).containsEntry("b", 1L);
    assertThat(index.registrationCountsByScan()).isEqualTo(index.registrationCounts());
    assertThat(index.purgeExpired(TODAY).join()).isZero();

    // A replace after the purge sees only what is left: subject 2 kept, subject 0 added again.
    ReplaceResult result = index.replace("a", caseload(List.of(write(2), write(0)))).join();
    assertThat(result).isEqualTo(new ReplaceResult(1, 0, 1));
    assertThat(index.registrationCounts()).containsEntry("a", 2L);
  }

  @Test
  void purgeExpiredNow_fixedClock_purgesBeforeTheClocksDay() {
    index
        .upsert(
            "a",
            List.of(write(subject(0), TODAY.minusDays(1), null), write(subject(1), TODAY, null)))
        .join();

    assertThat(index.purgeExpiredNow().join()).isEqualTo(1);
  }

  @Test
  void replace_mixedCaseload_addsRemovesAndKeepsExactlyTheRightSubjects() {
    index.upsert("a", writes(0, 10)).join();
    List<RegistrationWrite> caseload = new ArrayList<>();
    for (int n = 5; n < 15; n++) { // 5..9 kept, 10..14 added, 0..4 removed
      caseload.add(write(subject(n), NEXT_YEAR.plusDays(n), "new-" + n));
    }

    ReplaceResult result = index.replace("a", caseload(caseload)).join();

    assertThat(result).isEqualTo(new ReplaceResult(5, 5, 5));
    List<List<Registration>> after = index.lookup(subjects(0, 15), TODAY);
    for (int n = 0; n < 15; n++) {
      if (n < 5) {
        assertThat(after.get(n)).as("subject %d", n).isEmpty();
      } else {
        assertThat(after.get(n))
            .as("subject %d", n)
            .containsExactly(new Registration("a", NEXT_YEAR.plusDays(n), "new-" + n));
      }
    }
    assertThat(index.registrationCounts()).containsEntry("a", 10L);
    assertThat(index.keyCountsByScan())
        .containsEntry("subjects", 10L)
        .containsEntry("agency_subjects", 10L)
        .containsEntry("expiry", 10L);
  }

  @Test
  void replace_oneAgency_neverTouchesAnotherAgencysRegistrations() {
    index.upsert("a", writes(0, 10)).join();
    index.upsert("b", writes(5, 20)).join();

    ReplaceResult result = index.replace("a", caseload(writes(8, 12))).join();

    assertThat(result).isEqualTo(new ReplaceResult(2, 8, 2));
    List<List<Registration>> after = index.lookup(subjects(0, 20), TODAY);
    for (int n = 0; n < 20; n++) {
      List<String> expected = new ArrayList<>();
      if (n >= 8 && n < 12) {
        expected.add("a");
      }
      if (n >= 5) {
        expected.add("b");
      }
      assertThat(after.get(n))
          .as("subject %d", n)
          .extracting(Registration::agency)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(index.registrationCounts()).containsEntry("a", 4L).containsEntry("b", 15L);
    assertThat(index.registrationCountsByScan()).isEqualTo(index.registrationCounts());
  }

  @Test
  void replace_emptyCaseload_removesAllOfTheAgency() {
    index.upsert("a", writes(0, 50)).join();
    index.upsert("b", writes(0, 1)).join();

    ReplaceResult result = index.replace("a", Caseload.builder().build()).join();

    assertThat(result).isEqualTo(new ReplaceResult(0, 50, 0));
    assertThat(index.registrationCounts()).containsEntry("a", 0L).containsEntry("b", 1L);
    assertThat(index.keyCountsByScan())
        .containsEntry("subjects", 1L)
        .containsEntry("agency_subjects", 1L)
        .containsEntry("expiry", 1L);
  }

  @Test
  void replace_unknownAgencyWithEmptyCaseload_changesNothing() {
    long before = index.commitCount();

    assertThat(index.replace("nobody", Caseload.builder().build()).join())
        .isEqualTo(new ReplaceResult(0, 0, 0));
    assertThat(index.commitCount()).isEqualTo(before);
    assertThat(index.registrationCounts()).doesNotContainKey("nobody");
  }

  @Test
  void replace_unchangedCaseload_keepsAllWithoutWriting() {
    index.replace("a", caseload(writes(0, 100))).join();
    long before = index.commitCount();

    ReplaceResult result = index.replace("a", caseload(writes(0, 100))).join();

    assertThat(result).isEqualTo(new ReplaceResult(0, 0, 100));
    assertThat(index.commitCount()).isEqualTo(before);
  }

  @Test
  void replace_keptSubjectWithNewValidUntil_movesItsExpiry() {
    index.replace("a", caseload(List.of(write(subject(1), TODAY.plusDays(1), "r")))).join();

    ReplaceResult result =
        index.replace("a", caseload(List.of(write(subject(1), NEXT_YEAR, "r")))).join();

    assertThat(result).isEqualTo(new ReplaceResult(0, 0, 1));
    assertThat(index.purgeExpired(TODAY.plusDays(2)).join()).isZero();
    assertThat(lookupOne(subject(1))).containsExactly(new Registration("a", NEXT_YEAR, "r"));
    assertThat(index.keyCountsByScan()).containsEntry("expiry", 1L);
  }

  @Test
  void replace_largerThanOneReadChunk_countsAndStoresEverything() {
    index.upsert("a", writes(0, 6_000)).join();

    ReplaceResult result = index.replace("a", caseload(writes(3_000, 12_000))).join();

    assertThat(result).isEqualTo(new ReplaceResult(6_000, 3_000, 3_000));
    assertThat(index.registrationCounts()).containsEntry("a", 9_000L);
    assertThat(index.keyCountsByScan())
        .containsEntry("subjects", 9_000L)
        .containsEntry("agency_subjects", 9_000L)
        .containsEntry("expiry", 9_000L);
    assertThat(index.lookup(subjects(2_999, 3_001), TODAY))
        .extracting(List::size)
        .containsExactly(0, 1);
  }

  @Test
  void registrationCounts_afterMixedWrites_matchAScan() {
    index.upsert("a", writes(0, 30)).join();
    index.upsert("b", writes(10, 40)).join();
    index.remove("a", subjects(0, 5)).join();
    index.replace("b", caseload(writes(35, 45))).join();

    assertThat(index.registrationCounts()).isEqualTo(Map.of("a", 25L, "b", 10L));
    assertThat(index.registrationCountsByScan()).isEqualTo(index.registrationCounts());
  }

  @Test
  void upsert_commitFails_everyRequestOfTheGroupFailsAndNothingIsApplied() throws Exception {
    index.upsert("a", writes(0, 1)).join();
    CountDownLatch resume = new CountDownLatch(1);
    index.pauseWriter(resume).join();
    index.failNextCommit();
    CompletableFuture<Integer> first = index.upsert("a", writes(1, 5));
    CompletableFuture<Integer> second = index.upsert("new-agency", writes(0, 2));
    CompletableFuture<Integer> third = index.remove("a", List.of(subject(0)));
    resume.countDown();

    for (CompletableFuture<Integer> f : List.of(first, second, third)) {
      assertThatThrownBy(f::join)
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(IndexUnavailableException.class)
          .cause()
          .hasMessageContaining("failed");
    }
    assertThat(index.isWritable()).isFalse();
    assertThat(index.lookup(subjects(0, 5), TODAY))
        .extracting(List::size)
        .containsExactly(1, 0, 0, 0, 0);
    assertThat(index.registrationCounts()).isEqualTo(Map.of("a", 1L));
    assertThat(index.agencyIdOf("new-agency")).isEmpty();

    // The next write succeeds, reuses the id the failed batch never stored, and heals the flag.
    assertThat(index.upsert("new-agency", writes(0, 2)).join()).isEqualTo(2);
    assertThat(index.isWritable()).isTrue();
    assertThat(index.agencyIdOf("new-agency")).hasValue(2);
    assertThat(lookupOne(subject(0)))
        .extracting(Registration::agency)
        .containsExactlyInAnyOrder("a", "new-agency");
  }

  @Test
  void anyMethod_indexClosed_throwsIllegalState() {
    index.close();
    index.close(); // idempotent

    assertThat(index.isWritable()).isFalse();
    assertThatThrownBy(() -> index.lookup(List.of(subject(1)), TODAY))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.upsert("a", writes(0, 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.upsert("a", List.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.remove("a", List.of(subject(1))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.replace("a", Caseload.builder().build()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> index.purgeExpired(TODAY)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(index::registrationCounts).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_withWritesQueued_completesThemBeforeClosing() {
    CountDownLatch resume = new CountDownLatch(1);
    index.pauseWriter(resume).join();
    CompletableFuture<Integer> queued = index.upsert("a", writes(0, 10));
    Thread closer = new Thread(index::close);
    closer.start();
    resume.countDown();

    assertThat(queued.join()).isEqualTo(10);
    index.close();
    try (RocksDbHitIndex reopened = RocksDbHitIndex.open(dir, CLOCK)) {
      assertThat(reopened.registrationCounts()).containsEntry("a", 10L);
    }
  }

  @Test
  void upsert_invalidAgencyCode_throwsIllegalArgument() {
    for (String bad : List.of("", "Upper", "with space", "x".repeat(33), "dot.ted")) {
      assertThatThrownBy(() -> index.upsert(bad, writes(0, 1)))
          .as("agency %s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(index.upsert("a-1-" + "x".repeat(28), writes(0, 1)).join()).isEqualTo(1);
  }

  @Test
  void upsert_commitFails_messageHasNoSubjectKey() {
    index.failNextCommit();
    SubjectKey s = subject(1);

    Throwable failure =
        index.upsert("a", List.of(write(s, NEXT_YEAR, null))).handle((ok, e) -> e).join();

    assertThat(failure.getCause()).isInstanceOf(IndexUnavailableException.class);
    assertThat(failure.getCause().getMessage()).doesNotContain(s.toHex());
  }

  private List<Registration> lookupOne(SubjectKey subject) {
    return index.lookup(List.of(subject), TODAY).get(0);
  }
}

package nl.hitmachine.service.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Deterministic, well-spread subject keys and small builders for the index tests. */
final class TestSubjects {
  static final LocalDate TODAY = LocalDate.of(2025, 3, 1);

  private TestSubjects() {}

  /** The subject key for a label: SHA-256 of it, so keys are spread like real HMACs. */
  static SubjectKey subject(String label) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return SubjectKey.wrap(sha.digest(label.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static SubjectKey subject(int n) {
    return subject("subject-" + n);
  }

  static RegistrationWrite write(SubjectKey subject, LocalDate validUntil, String ref) {
    return new RegistrationWrite(subject, validUntil, ref);
  }

  static RegistrationWrite write(int n) {
    return new RegistrationWrite(subject(n), TODAY.plusYears(1), "ref-" + n);
  }

  /** Writes for subjects {@code from} (inclusive) to {@code to} (exclusive). */
  static List<RegistrationWrite> writes(int from, int to) {
    List<RegistrationWrite> writes = new ArrayList<>(to - from);
    for (int n = from; n < to; n++) {
      writes.add(write(n));
    }
    return writes;
  }

  static List<SubjectKey> subjects(int from, int to) {
    List<SubjectKey> subjects = new ArrayList<>(to - from);
    for (int n = from; n < to; n++) {
      subjects.add(subject(n));
    }
    return subjects;
  }

  static Caseload caseload(List<RegistrationWrite> writes) {
    Caseload.Builder builder = Caseload.builder();
    writes.forEach(builder::add);
    return builder.build();
  }
}

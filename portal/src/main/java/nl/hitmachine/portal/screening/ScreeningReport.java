package nl.hitmachine.portal.screening;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one screening found, as the portal shows and exports it: no full BSN, only row numbers and
 * masked BSNs. Kept in the user's session only (in memory), never written to disk.
 *
 * @param purpose the purpose code stated
 * @param caseRef the case reference stated
 * @param requestedBy the signed-in person the lookup was made for
 * @param madeAt when the answer came
 * @param lookupIds the service's lookup ids (audit entries)
 * @param households per household, in list order (empty for a single-person screening)
 * @param persons single persons asked about (empty for a household list)
 * @param skipped rows of the upload that were left out because they are invalid
 */
public record ScreeningReport(
    String purpose,
    String caseRef,
    String requestedBy,
    Instant madeAt,
    List<String> lookupIds,
    List<HouseholdRow> households,
    List<MemberRow> persons,
    List<RowProblem> skipped) {
  public ScreeningReport {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(caseRef, "caseRef");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(madeAt, "madeAt");
    lookupIds = List.copyOf(lookupIds);
    households = List.copyOf(households);
    persons = List.copyOf(persons);
    skipped = List.copyOf(skipped);
  }

  /** What the answer said about one person. */
  public enum Status {
    /** Known to at least one agency (other than none). */
    KNOWN,
    /** Known to no agency: an answer too. */
    NOT_KNOWN,
    /** No answer: the legitimate-relation rule withheld it. */
    NO_ANSWER
  }

  /**
   * One member or single person.
   *
   * @param row the row number in the upload, or 0 for a BSN typed in
   * @param maskedBsn the BSN as {@link MaskedBsn} shows it
   * @param status the answer
   * @param agencies the names of the agencies that know the person
   */
  public record MemberRow(int row, String maskedBsn, Status status, List<String> agencies) {
    public MemberRow {
      agencies = List.copyOf(agencies);
    }
  }

  /**
   * One household.
   *
   * @param ref the household reference of the list
   * @param signal whether its members together are known in at least the service's threshold of domains
   * @param domains the domains (leefgebieden) the members are known in
   * @param agencies the names of the agencies that know any member
   * @param members one row per member
   */
  public record HouseholdRow(String ref, boolean signal, List<String> domains, List<String> agencies, List<MemberRow> members) {
    public HouseholdRow {
      domains = List.copyOf(domains);
      agencies = List.copyOf(agencies);
      members = List.copyOf(members);
    }
  }

  public long signalCount() {
    return households.stream().filter(HouseholdRow::signal).count();
  }

  public int memberCount() {
    return households.stream().mapToInt(h -> h.members().size()).sum() + persons.size();
  }
}

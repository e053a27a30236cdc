package nl.hitmachine.service.hit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A subject access report: who looked up one person (given as one or more of their pseudonyms),
 * when, why, and what they were told; and which privacy-officer reads of the audit log searched
 * for the person. Holds no pseudonym in any form.
 *
 * @param from the period's start (inclusive), or {@code null} for the start of the log
 * @param to the period's end (exclusive), or {@code null} for the time of generation
 * @param generatedAt when the report was made
 * @param treeSize the audit entries {@code 0 .. treeSize-1} were read for the report
 * @param latestCheckpointTreeSize the tree size of the latest signed checkpoint when the report was
 *     made, or {@code null} when none was published yet
 * @param reportSequence the sequence number of the report's own audit entry
 * @param lookups the lookups that named the person, in log order
 * @param auditReads the privacy-officer reads that searched for the person, in log order
 */
public record SubjectAccessReport(
    Instant from,
    Instant to,
    Instant generatedAt,
    long treeSize,
    Long latestCheckpointTreeSize,
    long reportSequence,
    List<Lookup> lookups,
    List<AuditRead> auditReads) {

  public SubjectAccessReport {
    Objects.requireNonNull(generatedAt, "generatedAt");
    lookups = List.copyOf(lookups);
    auditReads = List.copyOf(auditReads);
  }

  /**
   * One lookup that named the person.
   *
   * @param sequence the lookup's audit entry
   * @param entryHash the entry's chain hash (hex)
   * @param permitted whether the querier was permitted an answer about the person
   * @param disclosed what the answer disclosed about the person (agency codes, or the protected
   *     placeholder); empty when not known to anyone or not permitted
   */
  public record Lookup(
      long sequence,
      String entryHash,
      Instant time,
      String agency,
      String clientId,
      String requestedBy,
      String purpose,
      String caseRef,
      String outcome,
      boolean permitted,
      List<String> disclosed) {
    public Lookup {
      disclosed = List.copyOf(disclosed);
    }
  }

  /** One privacy-officer read of the audit log that searched for the person. */
  public record AuditRead(
      long sequence, String entryHash, Instant time, String agency, String clientId, String action, String outcome) {}
}

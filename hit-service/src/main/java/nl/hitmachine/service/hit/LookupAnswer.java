package nl.hitmachine.service.hit;

import java.util.List;
import nl.hitmachine.service.audit.AuditReceipt;

/**
 * A lookup's answer, released only with the receipt of its durable audit entry.
 *
 * @param lookupId identifies the lookup (derived from its audit sequence number)
 * @param receipt the audit entry's sequence number and chain hash
 */
public record LookupAnswer(
    String lookupId, AuditReceipt receipt, List<SubjectResult> results, List<HouseholdResult> households) {
  public LookupAnswer {
    results = List.copyOf(results);
    households = List.copyOf(households);
  }

  static String lookupIdOf(AuditReceipt receipt) {
    String digits = Long.toString(receipt.sequence()); // "L" + at least 12 digits, zero-padded
    return digits.length() >= 12 ? "L" + digits : "L" + "0".repeat(12 - digits.length()) + digits;
  }
}

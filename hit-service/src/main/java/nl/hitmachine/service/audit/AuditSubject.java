package nl.hitmachine.service.audit;

import java.util.List;
import java.util.Objects;

/**
 * One subject of a lookup, as the audit log records it.
 *
 * @param auditPseudonyms the audit form of each pseudonym given for the subject (keyed with the
 *     audit key, which differs from the index key, so an export cannot be joined to the index)
 * @param permitted whether the querier was allowed an answer about this subject
 * @param disclosed what the answer disclosed: agency codes, or the placeholder for a protected
 *     source; empty when not known or not permitted
 */
public record AuditSubject(List<String> auditPseudonyms, boolean permitted, List<String> disclosed) {
  public AuditSubject {
    auditPseudonyms = List.copyOf(Objects.requireNonNull(auditPseudonyms, "auditPseudonyms"));
    disclosed = List.copyOf(Objects.requireNonNull(disclosed, "disclosed"));
    if (auditPseudonyms.isEmpty()) {
      throw new IllegalArgumentException("auditPseudonyms must not be empty");
    }
  }
}

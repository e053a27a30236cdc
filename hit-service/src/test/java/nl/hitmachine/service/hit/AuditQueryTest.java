package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.crypto.ServerKey;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private static final String P1 = "t1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final String P2 = "t2.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";
  private static final PseudonymKeyer KEYER = new PseudonymKeyer(key(1), key(2));
  private static final PseudonymFormat FORMAT = new PseudonymFormat(Set.of());

  private static ServerKey key(int b) {
    byte[] k = new byte[ServerKey.LENGTH];
    Arrays.fill(k, (byte) b);
    return ServerKey.of(k);
  }

  private static AuditQuery parse(Map<String, List<String>> params) {
    return AuditQuery.parse(params, Set.of(), FORMAT, KEYER);
  }

  private static AuditEntry lookupOf(List<AuditSubject> subjects) {
    AuditEntry e = AuditEntries.lookup(1);
    return new AuditEntry(e.time(), e.requestId(), e.clientId(), e.agency(), e.roles(), e.action(), e.outcome(),
        e.problemType(), e.purpose(), e.caseRef(), e.requestedBy(), subjects, e.counts());
  }

  @Test
  void parse_allCriteria_matchesOnlyWhenEveryOneHolds() {
    AuditEntry e = AuditEntries.lookup(3); // client-vh, VHGLD, wso, case-3, coordinator-7, lookup, ok
    Map<String, List<String>> all = Map.of(
        "from", List.of(e.time().toString()), "to", List.of(e.time().plusMillis(1).toString()),
        "clientId", List.of("client-vh"), "agency", List.of("VHGLD"), "requestedBy", List.of("coordinator-7"),
        "purpose", List.of("wso"), "caseRef", List.of("case-3"), "action", List.of("lookup"),
        "outcome", List.of("ok"));
    assertThat(parse(all).matches(e)).isTrue();
    for (String name : all.keySet()) {
      var changed = new java.util.HashMap<>(all);
      changed.put(name, List.of(name.equals("action") ? "register" : name.equals("outcome") ? "refused"
          : name.equals("from") ? e.time().plusMillis(1).toString()
          : name.equals("to") ? e.time().toString() : "other"));
      if (name.equals("from")) {
        changed.put("to", List.of(e.time().plusMillis(2).toString()));
      }
      if (name.equals("to")) {
        changed.put("from", List.of(e.time().minusMillis(1).toString()));
      }
      assertThat(parse(changed).matches(e)).as(name).isFalse();
    }
    assertThat(AuditQuery.ALL.matches(e)).isTrue();
  }

  @Test
  void subject_matchesAnyAliasOfAnySubject_andSelectsOnlyTheMatchingSubjects() {
    String form1 = KEYER.auditForm(P1);
    String form2 = KEYER.auditForm(P2);
    AuditSubject other = new AuditSubject(List.of("a1.other"), true, List.of("wijkteam"));
    AuditSubject person = new AuditSubject(List.of("a1.unrelated", form2), false, List.of());
    AuditEntry e = lookupOf(List.of(other, person));

    AuditQuery byAliases = parse(Map.of("subject", List.of(P1, P2)));
    assertThat(byAliases.subjects()).containsExactlyInAnyOrder(form1, form2);
    assertThat(byAliases.matches(e)).isTrue();
    assertThat(byAliases.matchingSubjects(e)).containsExactly(person);
    assertThat(parse(Map.of("subject", List.of(P1))).matches(e)).isFalse();
    assertThat(byAliases.matches(lookupOf(List.of()))).isFalse();
    assertThat(byAliases.auditedSubjects()).singleElement()
        .satisfies(s -> assertThat(s.auditPseudonyms()).containsExactlyInAnyOrder(form1, form2))
        .satisfies(s -> assertThat(s.permitted()).isTrue());
  }

  @Test
  void parse_invalidPseudonym_is400_withoutTheValue() {
    String almost = "t1.SECRETSECRETSECRETSECRETSECRETSECRETSECRETS"; // 44 characters after the kid
    assertThatThrownBy(() -> parse(Map.of("subject", List.of(P1, almost))))
        .isInstanceOfSatisfying(ProblemException.class, p -> {
          assertThat(p.type()).isEqualTo(ProblemType.INVALID_REQUEST);
          assertThat(p.detail()).contains("subject (value 2)").doesNotContain("SECRET").doesNotContain(P1);
        });
  }

  @Test
  void parse_rejectsRepeatedUnknownEmptyAndBadValues_namingTheRule() {
    assertInvalid(Map.of("agency", List.of("a", "b")), "agency must be given at most once");
    assertInvalid(Map.of("agencyy", List.of("a")), "unknown query parameter");
    assertInvalid(Map.of("caseRef", List.of("")), "caseRef must not be empty");
    assertInvalid(Map.of("caseRef", List.of("x".repeat(257))), "at most 256");
    assertInvalid(Map.of("from", List.of("yesterday")), "from must be an ISO-8601 instant");
    assertInvalid(Map.of("from", List.of("2026-01-02T00:00:00Z"), "to", List.of("2026-01-01T00:00:00Z")),
        "from must be before to");
    assertInvalid(Map.of("action", List.of("peek")), "lookup, register, remove, replace");
    assertInvalid(Map.of("outcome", List.of("meh")), "ok, refused, invalid, failed");
    assertInvalid(Map.of("subject", java.util.Collections.nCopies(21, P1)), "at most 20 times");
    assertThat(AuditQuery.parse(Map.of("limit", List.of("5")), Set.of("limit"), FORMAT, KEYER))
        .isEqualTo(AuditQuery.ALL);
    assertThat(parse(Map.of("from", List.of("2026-01-01T00:00:00Z"))).from())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(parse(Map.of("action", List.of("audit-subject-report"), "outcome", List.of("invalid"))))
        .satisfies(q -> assertThat(q.action()).isEqualTo(AuditAction.AUDIT_SUBJECT_REPORT))
        .satisfies(q -> assertThat(q.outcome()).isEqualTo(AuditOutcome.INVALID));
  }

  private static void assertInvalid(Map<String, List<String>> params, String detail) {
    assertThatThrownBy(() -> parse(params)).isInstanceOfSatisfying(ProblemException.class, p -> {
      assertThat(p.type()).isEqualTo(ProblemType.INVALID_REQUEST);
      assertThat(p.detail()).contains(detail);
    });
  }
}

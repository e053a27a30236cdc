package nl.hitmachine.portal.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import nl.hitmachine.connector.AuditQuery;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.portal.review.CheckpointCheck.Checkpoint;
import nl.hitmachine.portal.review.CheckpointCheck.InvalidCheckpointException;

/**
 * The privacy officer's reads of the audit log, with the portal's privacy-officer credentials: audit
 * search, anomaly report, subject access report (a BSN typed in is pseudonymised here under every
 * active kid; only the pseudonyms are sent) and the verification status of the latest checkpoint.
 * Answers are returned as plain maps and lists for the templates. Blocking: call on a worker thread.
 */
public final class PrivacyReview {
  private final HitmachineClient officer;
  private final Pseudonymiser pseudonymiser;
  private final CheckpointCheck checkpoints;
  private final Clock clock;
  private final AtomicReference<Verification> last = new AtomicReference<>();

  /**
   * The outcome of the latest checkpoint check.
   *
   * @param checkedAt when
   * @param verified whether the signature held
   * @param checkpoint the checkpoint, when verified
   * @param problem what failed, when not
   * @param grewFrom the tree size of the previously verified checkpoint, or -1
   */
  public record Verification(Instant checkedAt, boolean verified, Checkpoint checkpoint, String problem, long grewFrom) {}

  public PrivacyReview(HitmachineClient officer, Pseudonymiser pseudonymiser, CheckpointCheck checkpoints, Clock clock) {
    this.officer = officer;
    this.pseudonymiser = pseudonymiser;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  /** One page of the audit search: {@code entries} (maps with a {@code subjectCount}) and {@code next}. */
  public Map<String, Object> search(AuditQuery query) throws IOException {
    JsonObject page = new JsonObject(officer.auditEntries(query));
    List<Object> entries = new ArrayList<>();
    for (Object o : page.getJsonArray("entries", new JsonArray())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) plain(o);
      Object subjects = e.get("subjects");
      e.put("subjectCount", subjects instanceof List<?> l ? l.size() : 0);
      e.remove("subjects"); // audit forms of pseudonyms: nothing a person can read
      Object roles = e.get("roles");
      e.put("rolesText", roles instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : "");
      entries.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entries", entries);
    out.put("next", page.getValue("next") == null ? null : String.valueOf(page.getValue("next")));
    return out;
  }

  /** The anomaly report for [from, to). */
  public Map<String, Object> anomalies(Instant from, Instant to) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) plain(new JsonObject(officer.auditAnomalies(from, to)));
    return report;
  }

  /** The subject access report for a BSN typed in, pseudonymised here under every active kid. */
  public Map<String, Object> subjectReport(Bsn bsn, Instant from, Instant to) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> report =
        (Map<String, Object>) plain(new JsonObject(officer.subjectReport(pseudonymiser.aliases(bsn), from, to)));
    return report;
  }

  /** Fetches the latest signed checkpoint and checks its signature; remembered as the last result. */
  public Verification verifyLatest() throws IOException {
    Verification previous = last.get();
    long before = previous != null && previous.verified() ? previous.checkpoint().treeSize() : -1;
    Verification v;
    try {
      Checkpoint c = checkpoints.verify(officer.auditCheckpoint());
      if (before > c.treeSize()) {
        v = new Verification(clock.instant(), false, c, "checkpoint_shrank", before);
      } else {
        v = new Verification(clock.instant(), true, c, null, before);
      }
    } catch (InvalidCheckpointException e) {
      v = new Verification(clock.instant(), false, null, "checkpoint_invalid", before);
    }
    last.set(v);
    return v;
  }

  /** The result of the last check, if any. */
  public Optional<Verification> lastVerification() {
    return Optional.ofNullable(last.get());
  }

  /** Vert.x JSON to plain maps and lists, for the templates. */
  static Object plain(Object o) {
    if (o instanceof JsonObject j) {
      Map<String, Object> m = new LinkedHashMap<>();
      j.forEach(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    if (o instanceof JsonArray a) {
      List<Object> l = new ArrayList<>();
      a.forEach(x -> l.add(plain(x)));
      return l;
    }
    if (o instanceof Map<?, ?> m) {
      return plain(new JsonObject(castMap(m)));
    }
    if (o instanceof List<?> l) {
      return plain(new JsonArray(new ArrayList<>(l)));
    }
    return o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}

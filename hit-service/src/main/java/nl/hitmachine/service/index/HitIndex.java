package nl.hitmachine.service.index;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The hit index: per subject, the agencies that currently have a registration.
 *
 * <p>Plain synchronous Java, no event-loop types. Reads are blocking and must run on a worker
 * pool. Writes return a future that completes only once the change is durable (WAL synced); writes
 * from concurrent callers are group-committed. Every write call is atomic: it is applied whole or
 * not at all. A failed write completes exceptionally with {@link IndexUnavailableException}.
 */
public interface HitIndex extends AutoCloseable {

  /**
   * Returns, for each key in order, the registrations active on {@code today} (validUntil on or
   * after today). Expired registrations are never returned, purged or not.
   */
  List<List<Registration>> lookup(List<SubjectKey> subjects, LocalDate today);

  /** Inserts or updates the agency's registrations of these subjects. Completes with the count. */
  CompletableFuture<Integer> upsert(String agency, List<RegistrationWrite> writes);

  /**
   * Removes the agency's registrations of these subjects. Completes with the number that existed.
   */
  CompletableFuture<Integer> remove(String agency, List<SubjectKey> subjects);

  /**
   * Makes {@code caseload} the agency's complete set of registrations: adds what is new, removes
   * what is absent, updates validUntil/ref of what is kept — in one atomic, durable write.
   */
  CompletableFuture<ReplaceResult> replace(String agency, Caseload caseload);

  /** Deletes every registration whose validUntil is before {@code today}. Returns the count. */
  CompletableFuture<Long> purgeExpired(LocalDate today);

  /** Number of stored registrations per agency (expired but not yet purged ones included). */
  Map<String, Long> registrationCounts();

  /** True while the index is open and its last durable write did not fail. */
  boolean isWritable();

  /** Flushes and closes; idempotent. Calls after close fail with IllegalStateException. */
  @Override
  void close();
}

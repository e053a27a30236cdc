/**
 * Metrics: the Prometheus registry, the meters, and the management HTTP server that serves
 * {@code GET /metrics}. The only package (besides the wiring in {@code HitService}) that uses
 * Micrometer; the use cases, the audit log, the checkpoints and the index report through small
 * interfaces of their own ({@code hit.CallObserver}, {@code audit.AuditCommitListener},
 * {@code CheckpointPublisher.onPublished}, {@code RocksDbHitIndex.statistics()}).
 *
 * <p>Privacy: every label value comes from a fixed set (agency codes from the configuration,
 * actions, outcomes, problem types, route templates); no subject, pseudonym, user, case reference
 * or request id is ever a label.
 */
package nl.hitmachine.service.metrics;

/**
 * Readiness: whether hit-service can answer right now (started, not shutting down, index and audit
 * log writable, enough free disk). Plain Java, no Vert.x types; the HTTP edge serves it as
 * {@code GET /health/ready}.
 */
package nl.hitmachine.service.health;

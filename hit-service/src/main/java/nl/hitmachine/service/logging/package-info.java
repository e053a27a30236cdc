/**
 * Log output that must not hold up a request: {@link LineWriter} hands finished lines to one
 * background thread. Plain Java, no Vert.x types.
 */
package nl.hitmachine.service.logging;

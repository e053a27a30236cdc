/**
 * Offline command-line tools of hit-service ({@code hitmachine audit verify}). They read files
 * only, need no secret and do not start the service; nothing in the service depends on them.
 */
package nl.hitmachine.service.tools;

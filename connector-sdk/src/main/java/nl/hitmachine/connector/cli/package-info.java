/**
 * {@code hitconnect}, the connector command line. A consumer of the public SDK API only (never of
 * {@code nl.hitmachine.connector.internal}).
 */
package nl.hitmachine.connector.cli;

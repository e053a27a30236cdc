/**
 * {@code hitmachine pki}: the command line of the development CA ({@code java -jar hit-service.jar
 * pki ...}). A thin consumer of {@link nl.hitmachine.service.pki}; it maps {@link
 * nl.hitmachine.service.pki.PkiException} kinds to exit codes and never prints key material or
 * passwords.
 */
package nl.hitmachine.service.pki.cli;

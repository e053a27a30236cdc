package nl.hitmachine.connector.cli;

import java.time.LocalDate;
import nl.hitmachine.connector.Bsn;

/** One data row of a caseload export, checked. */
sealed interface CaseloadRow {
  /** 1-based number of the data row (the header not counted). */
  long row();

  /** The file line the row ends on. */
  long line();

  /**
   * A row that can be sent.
   *
   * @param validUntil the end date, or null for the service default
   * @param ref the case reference, or null
   */
  record Valid(long row, long line, Bsn bsn, LocalDate validUntil, String ref) implements CaseloadRow {}

  /**
   * A row that cannot be sent.
   *
   * @param reason why; never contains the row's values
   */
  record Invalid(long row, long line, String reason) implements CaseloadRow {}
}

package nl.hitmachine.service.hit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.index.Caseload;

/**
 * Collects the lines of one full-caseload replace as they stream in, validating each. Not
 * thread-safe: feed it from one thread at a time (the edge hands it line batches in order).
 * Nothing reaches the index unless every line is valid.
 */
public final class CaseloadIntake {
  /** Errors reported at most; further bad lines are counted, not listed. */
  static final int MAX_REPORTED_ERRORS = 100;

  private final Caller caller;
  private final Agency agency;
  private final RegistrationRules rules;
  private final LocalDate today;
  private final int maxLines;
  private final Caseload.Builder caseload = Caseload.builder();
  private final List<ItemError> errors = new ArrayList<>();
  private long badLines;
  private long lines;

  CaseloadIntake(Caller caller, Agency agency, RegistrationRules rules, LocalDate today, int maxLines) {
    this.caller = caller;
    this.agency = agency;
    this.rules = rules;
    this.today = today;
    this.maxLines = maxLines;
  }

  Caller caller() {
    return caller;
  }

  Agency agency() {
    return agency;
  }

  /**
   * Accepts the next line's fields.
   *
   * @throws ProblemException 413 when the line count goes over the limit
   */
  public void accept(long line, RegistrationItem item) {
    countLine();
    if (badLines > 0) {
      // Already failed: keep validating to report more lines, but stop building.
      try {
        rules.toWrite(item, agency, today);
      } catch (RegistrationRules.InvalidItem e) {
        invalid(line, e.getMessage());
      }
      return;
    }
    try {
      caseload.add(rules.toWrite(item, agency, today));
    } catch (RegistrationRules.InvalidItem e) {
      invalid(line, e.getMessage());
    }
  }

  /** Records a line the edge could not parse (not JSON, not an object). */
  public void reject(long line, String detail) {
    countLine();
    invalid(line, detail);
  }

  private void invalid(long line, String detail) {
    badLines++;
    if (errors.size() < MAX_REPORTED_ERRORS) {
      errors.add(ItemError.atLine(line, detail));
    }
  }

  private void countLine() {
    lines++;
    if (lines > maxLines) {
      throw ProblemException.tooLarge("a caseload may have at most " + maxLines + " lines; nothing was changed");
    }
  }

  public long lines() {
    return lines;
  }

  public boolean failed() {
    return badLines > 0;
  }

  ProblemException problem() {
    String more = badLines > errors.size() ? " (first " + errors.size() + " listed)" : "";
    return ProblemException.invalid(badLines + " line(s) are not valid" + more + "; nothing was changed", errors);
  }

  Caseload build() {
    return caseload.build();
  }
}

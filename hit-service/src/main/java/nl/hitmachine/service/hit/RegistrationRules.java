package nl.hitmachine.service.hit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import nl.hitmachine.service.index.RegistrationWrite;
import nl.hitmachine.service.index.SubjectKey;
import nl.hitmachine.service.crypto.PseudonymKeyer;

/**
 * Validates one registration item for an agency and turns it into an index write: the subject
 * re-keyed, validUntil resolved against the agency's retention, the ref checked. Error texts name
 * the rule, never the value.
 */
final class RegistrationRules {
  /** 8 or 9 digits, possibly with separators: what a BSN looks like. */
  private static final Pattern BSN_LIKE = Pattern.compile("[0-9][0-9 .\\-]{6,12}[0-9]");

  private final PseudonymFormat format;
  private final PseudonymKeyer keyer;

  RegistrationRules(PseudonymFormat format, PseudonymKeyer keyer) {
    this.format = format;
    this.keyer = keyer;
  }

  /** Thrown for an invalid item; the message is safe to return and log. */
  static final class InvalidItem extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidItem(String message) {
      super(message, null, false, false);
    }
  }

  RegistrationWrite toWrite(RegistrationItem item, Agency agency, LocalDate today) throws InvalidItem {
    if (item.unknownField() != null) {
      throw new InvalidItem("unknown field '" + item.unknownField() + "' (known: subject, validUntil, ref)");
    }
    String problem = format.problem(item.subject());
    if (problem != null) {
      throw new InvalidItem("subject " + problem);
    }
    LocalDate validUntil = validUntil(item.validUntil(), agency, today);
    String ref = ref(item.ref());
    return new RegistrationWrite(SubjectKey.wrap(keyer.indexForm((String) item.subject())), validUntil, ref);
  }

  SubjectKey subjectKey(Object subject) throws InvalidItem {
    String problem = format.problem(subject);
    if (problem != null) {
      throw new InvalidItem("subject " + problem);
    }
    return SubjectKey.wrap(keyer.indexForm((String) subject));
  }

  private static LocalDate validUntil(Object value, Agency agency, LocalDate today) throws InvalidItem {
    LocalDate max = today.plusMonths(agency.maxRetentionMonths());
    if (value == null) {
      return today.plusMonths(agency.defaultRetentionMonths());
    }
    if (!(value instanceof String s)) {
      throw new InvalidItem("validUntil must be a date string YYYY-MM-DD");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidItem("validUntil must be a date YYYY-MM-DD");
    }
    if (date.isBefore(today)) {
      throw new InvalidItem("validUntil is in the past");
    }
    if (date.isAfter(max)) {
      throw new InvalidItem(
          "validUntil is beyond this agency's maximum retention of " + agency.maxRetentionMonths() + " months");
    }
    return date;
  }

  private static String ref(Object value) throws InvalidItem {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw new InvalidItem("ref must be a string");
    }
    if (s.isEmpty() || s.length() > RegistrationWrite.MAX_REF_LENGTH) {
      throw new InvalidItem("ref must be 1-" + RegistrationWrite.MAX_REF_LENGTH + " characters");
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidItem("ref must not contain control characters");
    }
    if (BSN_LIKE.matcher(s).matches()) {
      throw new InvalidItem("ref must not look like a BSN (an opaque case handle is expected)");
    }
    return s;
  }
}

package nl.hitmachine.portal.users;

import java.util.Locale;

/** What a portal user may do. */
public enum Role {
  /** Screening: look up persons and households (the coordinator, partner professionals). */
  SCREENING,
  /** Privacy review: audit search, anomalies, subject access reports, verification status. */
  PRIVACY;

  /** The name in the users file: {@code screening} or {@code privacy}. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a users-file name. */
  public static Role fromFileName(String name) {
    for (Role r : values()) {
      if (r.fileName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role (expected screening or privacy)");
  }
}

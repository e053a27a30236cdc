package nl.hitmachine.service.auth;

import java.util.Locale;

/** What a client may do. */
public enum Role {
  /** Pushes its own agency's registrations. */
  CONNECTOR,
  /** Asks whether subjects are known, stating a purpose. */
  QUERIER,
  /** Reads and verifies the audit log. */
  PRIVACY_OFFICER,
  /** Operates the service. */
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Role fromWireName(String name) {
    return Role.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}

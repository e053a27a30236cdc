package nl.hitmachine.service.config;

import java.util.List;

/**
 * One API client.
 *
 * @param id client id (appears in the audit log)
 * @param agency the agency it acts for; taken from here, never from a request
 * @param roles connector, querier, privacy-officer, admin
 * @param purposes purpose codes it may state in lookups
 * @param tokenSha256 lower-case hex SHA-256 of its bearer token (the token itself is never stored)
 * @param lookupLimits this client's lookup rate limit and daily quota, each value overriding {@code
 *     limits.lookups}; {@code null} for the defaults
 * @param certificateSubject the subject distinguished name (RFC 2253) of its client certificate
 *     under mutual TLS, or {@code null}; compared as an X.500 name (order of RDNs matters, case and
 *     string encoding do not)
 */
public record ClientConfig(
    String id,
    String agency,
    List<String> roles,
    List<String> purposes,
    String tokenSha256,
    LookupLimitsConfig lookupLimits,
    String certificateSubject) {
  public ClientConfig {
    roles = roles == null ? List.of() : List.copyOf(roles);
    purposes = purposes == null ? List.of() : List.copyOf(purposes);
  }

  /** A client without a client certificate. */
  public ClientConfig(String id, String agency, List<String> roles, List<String> purposes, String tokenSha256,
      LookupLimitsConfig lookupLimits) {
    this(id, agency, roles, purposes, tokenSha256, lookupLimits, null);
  }

  /** A client on the default lookup limits. */
  public ClientConfig(String id, String agency, List<String> roles, List<String> purposes, String tokenSha256) {
    this(id, agency, roles, purposes, tokenSha256, null);
  }
}

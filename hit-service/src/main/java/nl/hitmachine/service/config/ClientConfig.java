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
 */
public record ClientConfig(
    String id,
    String agency,
    List<String> roles,
    List<String> purposes,
    String tokenSha256,
    LookupLimitsConfig lookupLimits) {
  public ClientConfig {
    roles = roles == null ? List.of() : List.copyOf(roles);
    purposes = purposes == null ? List.of() : List.copyOf(purposes);
  }

  /** A client on the default lookup limits. */
  public ClientConfig(String id, String agency, List<String> roles, List<String> purposes, String tokenSha256) {
    this(id, agency, roles, purposes, tokenSha256, null);
  }
}

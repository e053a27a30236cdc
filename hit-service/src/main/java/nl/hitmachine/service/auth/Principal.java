package nl.hitmachine.service.auth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated client. Its agency and roles come from its credentials and the configuration,
 * never from a request body.
 *
 * @param clientId the configured client id
 * @param agency the agency it acts for
 * @param roles what it may do
 * @param purposes purpose codes it may state in lookups
 */
public record Principal(String clientId, String agency, Set<Role> roles, Set<String> purposes) {
  public Principal {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(agency, "agency");
    roles = Set.copyOf(roles);
    purposes = Set.copyOf(purposes);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public List<String> roleNames() {
    return roles.stream().map(Role::wireName).sorted().toList();
  }
}

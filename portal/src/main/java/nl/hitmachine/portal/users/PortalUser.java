package nl.hitmachine.portal.users;

import java.util.Objects;
import java.util.Set;

/**
 * A signed-in person. {@code name} becomes {@code requestedBy} in every lookup made on their behalf.
 *
 * @param username the sign-in name
 * @param name the person's name as shown and audited (1 to 128 characters)
 * @param roles what they may do
 */
public record PortalUser(String username, String name, Set<Role> roles) {
  public PortalUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(name, "name");
    if (!username.matches("[A-Za-z0-9._@+-]{1,128}")) {
      throw new IllegalArgumentException("username must be 1 to 128 of A-Z a-z 0-9 . _ @ + -");
    }
    if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("name must be 1 to 128 characters without control characters");
    }
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a user needs at least one role");
    }
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}

package nl.hitmachine.portal.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's local user list, for the demo and for partners without an identity provider. A UTF-8
 * text file, one user per line, {@code #} comments:
 *
 * <pre>
 * username:roles:name:hash
 * coordinator:screening:Demo Coördinator:pbkdf2-sha256$600000$…$…
 * </pre>
 *
 * {@code roles} is a comma-separated list of {@code screening} and {@code privacy}; {@code hash} is
 * a {@link PasswordHash}. A line that does not parse stops the start with its line number.
 */
public final class LocalUsers {
  private record Entry(PortalUser user, String hash) {}

  private final Map<String, Entry> users;
  /** A hash to check against when the user does not exist, so both cases take as long. */
  private final String decoy;

  private LocalUsers(Map<String, Entry> users, String decoy) {
    this.users = Map.copyOf(users);
    this.decoy = decoy;
  }

  public static LocalUsers load(Path file) throws IOException {
    Map<String, Entry> users = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String decoy = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(":", 4);
      try {
        if (f.length != 4 || !PasswordHash.isHash(f[3])) {
          throw new IllegalArgumentException("expected username:roles:name:hash");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : f[1].split(",")) {
          roles.add(Role.fromFileName(r.strip()));
        }
        PortalUser user = new PortalUser(f[0], f[2], roles);
        if (users.put(user.username(), new Entry(user, f[3])) != null) {
          throw new IllegalArgumentException("username listed twice");
        }
        decoy = decoy == null ? f[3] : decoy;
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (users.isEmpty()) {
      throw new IOException(file + " lists no users");
    }
    return new LocalUsers(users, decoy);
  }

  /** The user if the password matches. Slow (PBKDF2): call on a worker thread. */
  public Optional<PortalUser> authenticate(String username, char[] password) {
    Entry e = users.get(username);
    boolean ok = PasswordHash.verify(password, e == null ? decoy : e.hash());
    return ok && e != null ? Optional.of(e.user()) : Optional.empty();
  }

  /** The user by name (for a one-time demo sign-in). */
  public Optional<PortalUser> find(String username) {
    return Optional.ofNullable(users.get(username)).map(Entry::user);
  }

  /** One users-file line. */
  public static String line(PortalUser user, String hash) {
    StringBuilder roles = new StringBuilder();
    for (Role r : user.roles()) {
      roles.append(roles.isEmpty() ? "" : ",").append(r.fileName());
    }
    if (user.name().contains(":")) {
      throw new IllegalArgumentException("name must not contain ':' in a users file");
    }
    return user.username() + ":" + roles + ":" + user.name() + ":" + hash;
  }
}

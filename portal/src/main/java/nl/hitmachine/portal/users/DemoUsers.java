package nl.hitmachine.portal.users;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The demo's two users, made at first start: {@code coordinator} (screening) and {@code privacy}
 * (privacy review). Their random passwords are written once to {@code demo-passwords.txt} (mode 600,
 * for the person running the demo) and only their hashes to the users file.
 */
public final class DemoUsers {
  public static final PortalUser COORDINATOR = new PortalUser("coordinator", "Demo Coordinator", Set.of(Role.SCREENING));
  public static final PortalUser PRIVACY_OFFICER = new PortalUser("privacy", "Demo Privacy Officer", Set.of(Role.PRIVACY));
  public static final String USERS_FILE = "users.txt";
  public static final String PASSWORDS_FILE = "demo-passwords.txt";

  private DemoUsers() {}

  /** Creates the users and passwords files in {@code dir} unless the users file exists; returns the users file. */
  public static Path ensure(Path dir, SecureRandom random) throws IOException {
    Path users = dir.resolve(USERS_FILE);
    if (Files.exists(users)) {
      return users;
    }
    Files.createDirectories(dir);
    List<String> userLines = new ArrayList<>(List.of("# Hitmachine portal demo users: username:roles:name:hash (PBKDF2)"));
    List<String> passwordLines = new ArrayList<>(List.of("# Demo sign-ins for the Hitmachine portal (generated at first start)"));
    for (PortalUser u : List.of(COORDINATOR, PRIVACY_OFFICER)) {
      String password = randomPassword(random);
      userLines.add(LocalUsers.line(u, PasswordHash.hash(password.toCharArray(), random)));
      passwordLines.add(u.username() + " " + password);
    }
    writePrivate(dir.resolve(PASSWORDS_FILE), passwordLines);
    writePrivate(users, userLines);
    return users;
  }

  /** The demo password of {@code username} from the passwords file, or null. */
  public static String password(Path dir, String username) throws IOException {
    Path f = dir.resolve(PASSWORDS_FILE);
    if (!Files.exists(f)) {
      return null;
    }
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      String[] p = line.split(" ", 2);
      if (p.length == 2 && p[0].equals(username)) {
        return p[1];
      }
    }
    return null;
  }

  private static String randomPassword(SecureRandom random) {
    String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        b.append('-');
      }
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static void writePrivate(Path file, List<String> lines) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}

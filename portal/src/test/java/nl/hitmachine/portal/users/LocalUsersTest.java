package nl.hitmachine.portal.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUsersTest {
  @TempDir Path dir;

  @Test
  void demoUsers_areMadeOnce_withPrivateFiles_andSignIn() throws Exception {
    Path users = DemoUsers.ensure(dir, new SecureRandom());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DemoUsers.PASSWORDS_FILE)))).isEqualTo("rw-------");
    String password = DemoUsers.password(dir, "coordinator");
    assertThat(Files.readString(users)).doesNotContain(password);
    String before = Files.readString(users);
    DemoUsers.ensure(dir, new SecureRandom());
    assertThat(Files.readString(users)).isEqualTo(before);

    LocalUsers list = LocalUsers.load(users);
    assertThat(list.authenticate("coordinator", password.toCharArray())).contains(DemoUsers.COORDINATOR);
    assertThat(list.authenticate("coordinator", "wrong".toCharArray())).isEmpty();
    assertThat(list.authenticate("nobody", password.toCharArray())).isEmpty();
    assertThat(list.find("privacy").orElseThrow().roles()).containsExactly(Role.PRIVACY);
  }

  @Test
  void load_aBadLine_namesItsLineNumber() throws Exception {
    Path f = dir.resolve("users.txt");
    String hash = PasswordHash.hash("pw".toCharArray(), new SecureRandom(), 1_000);
    Files.writeString(f, "# users\n" + LocalUsers.line(new PortalUser("a", "A", Set.of(Role.SCREENING)), hash) + "\nb:admin:B:" + hash + "\n");
    assertThatThrownBy(() -> LocalUsers.load(f)).hasMessageContaining("line 3").hasMessageContaining("unknown role");
  }

  @Test
  void oneTimeSignIn_isValidOnce_andExpires() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    OneTimeSignIn once = new OneTimeSignIn(clock, new SecureRandom());
    String token = once.issue("coordinator", Duration.ofMinutes(5));
    assertThat(once.redeem(token)).contains("coordinator");
    assertThat(once.redeem(token)).isEmpty();
    assertThat(once.redeem("guess")).isEmpty();
    assertThat(once.redeem(null)).isEmpty();

    Instant[] now = {Instant.parse("2026-11-23T09:00:00Z")};
    Clock moving = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    OneTimeSignIn expiring = new OneTimeSignIn(moving, new SecureRandom());
    String late = expiring.issue("coordinator", Duration.ofMinutes(5));
    now[0] = now[0].plus(Duration.ofMinutes(6));
    assertThat(expiring.redeem(late)).isEmpty();
  }
}

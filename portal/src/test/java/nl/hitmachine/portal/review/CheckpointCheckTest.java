package nl.hitmachine.portal.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Signed notes made here with the JDK's Ed25519 in the C2SP format (key id = SHA-256(name ‖ LF ‖
 * 0x01 ‖ key)[:4]); the real service's notes are checked end to end in {@code PortalBrowserIT}.
 */
class CheckpointCheckTest {
  private static final String NAME = "hitmachine.test/audit";

  private record Signer(KeyPair keys, byte[] raw, byte[] id) {
    static Signer generate() throws Exception {
      KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] encoded = keys.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((NAME + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 1);
      return new Signer(keys, raw, Arrays.copyOf(sha.digest(raw), 4));
    }

    String verifierKey() {
      byte[] typed = new byte[33];
      typed[0] = 1;
      System.arraycopy(raw, 0, typed, 1, 32);
      return "# comment\n" + NAME + "+" + HexFormat.of().formatHex(id) + "+" + Base64.getEncoder().encodeToString(typed) + "\n";
    }

    String note(String body) throws Exception {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(keys.getPrivate());
      ed.update(body.getBytes(StandardCharsets.UTF_8));
      byte[] sig = ed.sign();
      byte[] line = new byte[68];
      System.arraycopy(id, 0, line, 0, 4);
      System.arraycopy(sig, 0, line, 4, 64);
      return body + "\n\u2014 " + NAME + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }
  }

  @RepeatedTest(20) // key bytes vary: a '+' or '/' in the base64 key must not matter
  void verify_aNoteSignedByTheKey_givesItsSizeAndRoot() throws Exception {
    Signer s = Signer.generate();
    CheckpointCheck.Checkpoint c = CheckpointCheck.of(s.verifierKey()).verify(s.note(NAME + "\n42\nqXh1t1mN4u0GZ3a8m4m0Y1oT4Gx3K0cJzS8s3FzV9yE=\n"));
    assertThat(c).isEqualTo(new CheckpointCheck.Checkpoint(NAME, 42, "qXh1t1mN4u0GZ3a8m4m0Y1oT4Gx3K0cJzS8s3FzV9yE="));
  }

  @Test
  void verify_aChangedBody_orAnotherKey_isInvalid() throws Exception {
    Signer s = Signer.generate();
    String note = s.note(NAME + "\n42\nqXh1t1mN4u0GZ3a8m4m0Y1oT4Gx3K0cJzS8s3FzV9yE=\n");
    CheckpointCheck check = CheckpointCheck.of(s.verifierKey());
    assertThatThrownBy(() -> check.verify(note.replace("\n42\n", "\n43\n"))).isInstanceOf(CheckpointCheck.InvalidCheckpointException.class);
    assertThatThrownBy(() -> CheckpointCheck.of(Signer.generate().verifierKey()).verify(note))
        .isInstanceOf(CheckpointCheck.InvalidCheckpointException.class);
    assertThatThrownBy(() -> check.verify("no blank line")).isInstanceOf(CheckpointCheck.InvalidCheckpointException.class);
  }

  @Test
  void of_aKeyWhoseIdDoesNotMatch_isRefused() throws Exception {
    Signer s = Signer.generate();
    String wrongId = s.verifierKey().replace("+" + HexFormat.of().formatHex(s.id()) + "+", "+00000000+");
    assertThatThrownBy(() -> CheckpointCheck.of(wrongId)).isInstanceOf(IllegalArgumentException.class);
  }
}

package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final String ORIGIN = "hitmachine.example/audit";

  private static byte[] root() {
    byte[] root = new byte[32];
    for (int i = 0; i < root.length; i++) {
      root[i] = (byte) (i * 7 + 1);
    }
    return root;
  }

  @Test
  void body_anyCheckpoint_isExactlyOriginSizeAndPaddedBase64RootEachEndingInNewline() {
    Checkpoint checkpoint = new Checkpoint(ORIGIN, 20852163, root());
    // Expected root line computed independently: python3 base64.b64encode(bytes(i*7+1 for i in range(32)))

    assertThat(checkpoint.body()).isEqualTo(
        "hitmachine.example/audit\n20852163\n" + Base64.getEncoder().encodeToString(root()) + "\n");
    assertThat(checkpoint.body()).isEqualTo(
        "hitmachine.example/audit\n20852163\nAQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=\n");
  }

  @Test
  void body_emptyTree_hasSizeZero() {
    assertThat(new Checkpoint(ORIGIN, 0, new byte[32]).body())
        .isEqualTo(ORIGIN + "\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
  }

  @Test
  void parse_specExample_givesItsFields() {
    // The example of c2sp.org/tlog-checkpoint (its signature cannot be checked: the key is not published).
    Checkpoint checkpoint =
        Checkpoint.parse("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");

    assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(checkpoint.treeSize()).isEqualTo(20852163);
    assertThat(Base64.getEncoder().encodeToString(checkpoint.rootHash()))
        .isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
  }

  @Test
  void parse_body_roundTripsIncludingLargestSize() {
    for (long size : new long[] {0, 1, 9, 10, 1234567890123L, Long.MAX_VALUE}) {
      Checkpoint checkpoint = new Checkpoint(ORIGIN, size, root());
      assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
    }
  }

  @Test
  void parse_malformedBodies_areRefused() {
    String root = Base64.getEncoder().encodeToString(root());
    String[] bad = {
        "",
        "\n",
        ORIGIN + "\n5\n" + root,                       // no final newline
        ORIGIN + "\n5\n" + root + "\n\n",              // empty extra line
        ORIGIN + "\n5\n" + root + "\nextension\n",     // extension lines not supported
        ORIGIN + "\n5\n",                              // missing root
        "\n5\n" + root + "\n",                         // empty origin
        "hitmachine example\n5\n" + root + "\n",       // space in origin
        "a+b\n5\n" + root + "\n",                      // plus in origin
        ORIGIN + "\n05\n" + root + "\n",               // leading zero
        ORIGIN + "\n00\n" + root + "\n",
        ORIGIN + "\n+5\n" + root + "\n",
        ORIGIN + "\n-5\n" + root + "\n",
        ORIGIN + "\n 5\n" + root + "\n",
        ORIGIN + "\n5 \n" + root + "\n",
        ORIGIN + "\n\n" + root + "\n",
        ORIGIN + "\n0x5\n" + root + "\n",
        ORIGIN + "\n\u0665\n" + root + "\n",           // non-ASCII digit
        ORIGIN + "\n9223372036854775808\n" + root + "\n", // overflows a long
        ORIGIN + "\n99999999999999999999\n" + root + "\n",
        ORIGIN + "\n5\n" + root.replace("=", "") + "\n", // unpadded
        ORIGIN + "\n5\n" + Base64.getUrlEncoder().encodeToString(new byte[] {-1, -2, -3}).repeat(11) + "\n",
        ORIGIN + "\n5\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n", // 31 bytes
        ORIGIN + "\n5\n" + Base64.getEncoder().encodeToString(new byte[33]) + "\n", // 33 bytes
        ORIGIN + "\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=\n", // non-canonical trailing bits
        ORIGIN + "\r\n5\r\n" + root + "\r\n",          // CRLF
        ORIGIN + "\n5\n " + root + "\n",
    };
    for (String body : bad) {
      assertThatThrownBy(() -> Checkpoint.parse(body)).as("%s", body)
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed checkpoint");
    }
  }

  @Test
  void new_invalidFields_areRefused() {
    assertThatThrownBy(() -> new Checkpoint("", 1, root())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, root())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, -1, root())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootHash_mutatingInputOrOutput_doesNotChangeCheckpoint() {
    byte[] root = root();
    Checkpoint checkpoint = new Checkpoint(ORIGIN, 1, root);
    root[0] ^= 1;
    checkpoint.rootHash()[1] ^= 1;

    assertThat(checkpoint.rootHash()).isEqualTo(root());
    assertThat(checkpoint).isEqualTo(new Checkpoint(ORIGIN, 1, root())).hasSameHashCodeAs(new Checkpoint(ORIGIN, 1, root()));
  }
}

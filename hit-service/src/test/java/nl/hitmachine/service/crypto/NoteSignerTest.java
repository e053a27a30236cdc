package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the reference implementation, golang.org/x/mod/sumdb/note (note_test.go,
 * TestSign and TestOpen): the fixed key "PeterNeumann" and its signed note.
 */
class NoteSignerTest {
  static final String PETER_SKEY_BASE64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  static final String PETER_SIG =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIG =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
  static final String PETER_NOTE = TEXT + "\n" + PETER_SIG;

  static Ed25519NoteKey peterKey() {
    byte[] typed = Base64.getDecoder().decode(PETER_SKEY_BASE64);
    return Ed25519NoteKey.fromSeed("PeterNeumann", Arrays.copyOfRange(typed, 1, typed.length));
  }

  @Test
  void sign_referencePeterNeumannKeyAndText_isByteIdenticalToReference() {
    assertThat(new NoteSigner(peterKey()).sign(TEXT)).isEqualTo(PETER_NOTE);
  }

  @Test
  void sign_checkpoint_isBodyBlankLineAndOneEmDashSignatureLine() {
    Ed25519NoteKey key = Ed25519NoteKey.generate("hitmachine.example/audit", new SecureRandom());
    Checkpoint checkpoint = new Checkpoint("hitmachine.example/audit", 7, new byte[32]);

    String note = new NoteSigner(key).sign(checkpoint);

    String prefix = checkpoint.body() + "\n\u2014 hitmachine.example/audit ";
    assertThat(note).startsWith(prefix).endsWith("\n");
    byte[] sig = Base64.getDecoder().decode(note.substring(prefix.length(), note.length() - 1));
    assertThat(sig).hasSize(4 + 64);
    assertThat(((sig[0] & 0xff) << 24) | ((sig[1] & 0xff) << 16) | ((sig[2] & 0xff) << 8) | (sig[3] & 0xff))
        .isEqualTo(key.keyId());
  }

  @Test
  void sign_checkpointOfAnotherOrigin_isRefused() {
    Ed25519NoteKey key = Ed25519NoteKey.generate("hitmachine.example/audit", new SecureRandom());
    Checkpoint other = new Checkpoint("other.example/log", 1, new byte[32]);

    assertThatThrownBy(() -> new NoteSigner(key).sign(other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
  }

  @Test
  void sign_textWithoutFinalNewlineOrWithControlCharacter_isRefused() {
    NoteSigner signer = new NoteSigner(peterKey());
    for (String bad : new String[] {"", "abc", "a\tb\n", "a\rb\n", "\u0000\n", "a\ud800\n"}) {
      assertThatThrownBy(() -> signer.sign(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}

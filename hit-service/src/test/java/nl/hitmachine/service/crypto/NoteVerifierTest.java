package nl.hitmachine.service.crypto;

import static nl.hitmachine.service.crypto.NoteSignerTest.ENOCH_SIG;
import static nl.hitmachine.service.crypto.NoteSignerTest.ENOCH_VKEY;
import static nl.hitmachine.service.crypto.NoteSignerTest.PETER_NOTE;
import static nl.hitmachine.service.crypto.NoteSignerTest.PETER_SIG;
import static nl.hitmachine.service.crypto.NoteSignerTest.PETER_VKEY;
import static nl.hitmachine.service.crypto.NoteSignerTest.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import nl.hitmachine.service.crypto.NoteVerificationException.Reason;
import org.junit.jupiter.api.Test;

class NoteVerifierTest {
  private static final String ORIGIN = "hitmachine.example/audit";
  private static final SecureRandom RANDOM = new SecureRandom();

  private static Reason reasonOf(NoteVerifier verifier, byte[] note) {
    NoteVerificationException e =
        catchThrowableOfType(NoteVerificationException.class, () -> verifier.verify(note));
    assertThat(e).as("note should be refused: %s", new String(note, StandardCharsets.UTF_8)).isNotNull();
    return e.reason();
  }

  private static Reason reasonOf(NoteVerifier verifier, String note) {
    return reasonOf(verifier, note.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void verify_referencePeterNeumannNote_returnsText() {
    assertThat(NoteVerifier.parse(PETER_VKEY).verify(PETER_NOTE)).isEqualTo(TEXT);
  }

  @Test
  void verify_referenceNoteSignedByPeterAndEnoch_eachVerifierAcceptsAndIgnoresTheOther() {
    String note = TEXT + "\n" + PETER_SIG + ENOCH_SIG;

    assertThat(NoteVerifier.parse(PETER_VKEY).verify(note)).isEqualTo(TEXT);
    assertThat(NoteVerifier.parse(ENOCH_VKEY).verify(note)).isEqualTo(TEXT);
  }

  @Test
  void verify_referenceNoteWithOnlyAnotherKeysSignature_isNotSignedByTrustedKey() {
    NoteVerificationException e = catchThrowableOfType(NoteVerificationException.class,
        () -> NoteVerifier.parse(ENOCH_VKEY).verify(PETER_NOTE));

    assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_BY_TRUSTED_KEY);
    assertThat(e).hasMessageContaining("EnochRoot+af0cfe78").hasMessageContaining("PeterNeumann+c74f20a3");
  }

  @Test
  void verify_referenceBadMessages_areMalformed() {
    // The "invalid encoded message syntax" cases of TestOpen in note_test.go.
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    String[] bad = {
        TEXT,
        TEXT + "\n",
        TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
        "\u0001" + TEXT + "\n" + PETER_SIG,
        TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
        TEXT + "\n" + PETER_SIG.repeat(101),
    };
    for (String note : bad) {
      assertThat(reasonOf(peter, note)).isEqualTo(Reason.MALFORMED_NOTE);
    }
    byte[] invalidUtf8 = ("\u00ff" + TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
    invalidUtf8[0] = (byte) 0xff;
    assertThat(reasonOf(peter, invalidUtf8)).isEqualTo(Reason.MALFORMED_NOTE);
  }

  @Test
  void verify_referenceSignatureWithInsertedBytes_isInvalidSignature() {
    // note_test.go: peterSig[:60]+"ABCD"+peterSig[60:] is "invalid signature for key PeterNeumann+c74f20a3".
    int at = 58; // byte 60 of the line is char 58: the em dash is 3 bytes in UTF-8
    String mangled = TEXT + "\n" + PETER_SIG.substring(0, at) + "ABCD" + PETER_SIG.substring(at);

    NoteVerificationException e = catchThrowableOfType(NoteVerificationException.class,
        () -> NoteVerifier.parse(PETER_VKEY).verify(mangled));
    assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(e).hasMessageContaining("PeterNeumann+c74f20a3");
  }

  @Test
  void verify_roundTrip_returnsTextAndCheckpoint() {
    Ed25519NoteKey key = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    NoteVerifier verifier = NoteVerifier.parse(key.verifierKey());
    byte[] root = new byte[32];
    RANDOM.nextBytes(root);
    Checkpoint checkpoint = new Checkpoint(ORIGIN, 123_456, root);

    String note = new NoteSigner(key).sign(checkpoint);

    assertThat(verifier.verify(note)).isEqualTo(checkpoint.body());
    assertThat(verifier.verifyCheckpoint(note)).isEqualTo(checkpoint);
    assertThat(verifier.verifyCheckpoint(note.getBytes(StandardCharsets.UTF_8))).isEqualTo(checkpoint);
  }

  @Test
  void verify_noteSignedByAnotherKeyWithSameName_isRefusedNamingBothKeys() {
    Ed25519NoteKey trusted = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    Ed25519NoteKey impostor = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    String note = new NoteSigner(impostor).sign(new Checkpoint(ORIGIN, 1, new byte[32]));

    NoteVerificationException e = catchThrowableOfType(NoteVerificationException.class,
        () -> trusted.verifier().verifyCheckpoint(note));

    assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_BY_TRUSTED_KEY);
    assertThat(e).hasMessageContaining(NoteFormat.hex(trusted.keyId()))
        .hasMessageContaining(NoteFormat.hex(impostor.keyId())).hasMessageContaining("same name");
  }

  @Test
  void verify_noteWithForgedSignatureUnderTrustedKeyId_isInvalidSignature() {
    // Another key's signature relabelled with the trusted name and key ID.
    Ed25519NoteKey trusted = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    Ed25519NoteKey other = Ed25519NoteKey.generate("other.example/log", RANDOM);
    String text = new Checkpoint(ORIGIN, 1, new byte[32]).body();
    byte[] idAndSig = new byte[68];
    int id = trusted.keyId();
    idAndSig[0] = (byte) (id >>> 24);
    idAndSig[1] = (byte) (id >>> 16);
    idAndSig[2] = (byte) (id >>> 8);
    idAndSig[3] = (byte) id;
    System.arraycopy(other.sign(text.getBytes(StandardCharsets.UTF_8)), 0, idAndSig, 4, 64);
    String forged = text + "\n\u2014 " + ORIGIN + " " + NoteFormat.base64(idAndSig) + "\n";

    assertThat(reasonOf(trusted.verifier(), forged)).isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void verify_validSignaturePlusBadDuplicateByTrustedKey_isInvalidSignature() {
    String bad = PETER_SIG.replace("x08go/", "x08go+");
    assertThat(reasonOf(NoteVerifier.parse(PETER_VKEY), TEXT + "\n" + PETER_SIG + bad))
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void verify_anyFlippedByte_isRefused() {
    Ed25519NoteKey key = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    byte[] root = new byte[32];
    RANDOM.nextBytes(root);
    byte[] note = new NoteSigner(key).sign(new Checkpoint(ORIGIN, 42, root)).getBytes(StandardCharsets.UTF_8);
    NoteVerifier verifier = key.verifier();
    assertThat(verifier.verifyCheckpoint(note).treeSize()).isEqualTo(42);

    for (int mask : new int[] {0x01, 0x02, 0x20, 0x80}) {
      for (int i = 0; i < note.length; i++) {
        byte[] copy = note.clone();
        copy[i] ^= (byte) mask;
        int at = i;
        assertThatThrownBy(() -> verifier.verifyCheckpoint(copy))
            .as("byte %d flipped with %02x", at, mask).isInstanceOf(NoteVerificationException.class);
      }
    }
    // The reference note too, flipping every byte of text and signature.
    byte[] reference = PETER_NOTE.getBytes(StandardCharsets.UTF_8);
    NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);
    for (int i = 0; i < reference.length; i++) {
      byte[] copy = reference.clone();
      copy[i] ^= 0x01;
      int at = i;
      assertThatThrownBy(() -> peter.verify(copy)).as("byte %d flipped", at)
          .isInstanceOf(NoteVerificationException.class);
    }
  }

  @Test
  void verifyCheckpoint_verifiedNoteThatIsNoCheckpoint_isMalformedCheckpoint() {
    Ed25519NoteKey key = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    String note = new NoteSigner(key).sign(ORIGIN + "\n01\n" + NoteFormat.base64(new byte[32]) + "\n");

    NoteVerificationException e = catchThrowableOfType(NoteVerificationException.class,
        () -> key.verifier().verifyCheckpoint(note));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_CHECKPOINT);
    assertThat(e).hasMessageContaining("leading zeroes");
  }

  @Test
  void verifyCheckpoint_originOtherThanKeyName_isWrongOrigin() {
    Ed25519NoteKey key = Ed25519NoteKey.generate(ORIGIN, RANDOM);
    String note = new NoteSigner(key).sign(new Checkpoint("other.example/log", 3, new byte[32]).body());

    assertThat(catchThrowableOfType(NoteVerificationException.class, () -> key.verifier().verifyCheckpoint(note))
        .reason()).isEqualTo(Reason.WRONG_ORIGIN);
  }

  @Test
  void parse_referenceVerifierKey_roundTripsAndHasNameAndKeyId() {
    NoteVerifier v = NoteVerifier.parse(PETER_VKEY);

    assertThat(v.name()).isEqualTo("PeterNeumann");
    assertThat(v.keyId()).isEqualTo(0xc74f20a3);
    assertThat(v.verifierKey()).isEqualTo(PETER_VKEY);
  }

  @Test
  void parse_everyManglingOfReferenceVerifierKey_isRefused() {
    // As TestNewVerifier in note_test.go: every proper substring and every single-byte increment.
    for (int i = 0; i <= PETER_VKEY.length(); i++) {
      for (int j = i + 1; j <= PETER_VKEY.length(); j++) {
        if (i == 0 && j == PETER_VKEY.length()) {
          continue;
        }
        String k = PETER_VKEY.substring(i, j);
        assertThatThrownBy(() -> NoteVerifier.parse(k)).as(k).isInstanceOf(IllegalArgumentException.class);
      }
    }
    char[] chars = PETER_VKEY.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i]++;
      String k = new String(chars);
      assertThatThrownBy(() -> NoteVerifier.parse(k)).as(k).isInstanceOf(IllegalArgumentException.class);
      chars[i]--;
    }
    // Wrong key length and unknown algorithm, each with an adjusted key hash (note_test.go).
    assertThatThrownBy(() -> NoteVerifier.parse(
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature type");
  }
}

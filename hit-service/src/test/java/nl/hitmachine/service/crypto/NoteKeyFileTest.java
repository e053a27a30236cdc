package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteKeyFileTest {
  private static final String NAME = "hitmachine.example/audit";
  @TempDir Path dir;

  @Test
  void create_newFiles_writesPrivateKeyMode600AndVerifierKeyThatVerifyEachOther() throws Exception {
    Path privateFile = dir.resolve("keys/checkpoint.key");
    Path verifierFile = dir.resolve("public/checkpoint.vkey");

    Ed25519NoteKey created = NoteKeyFile.create(privateFile, verifierFile, NAME, new SecureRandom());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(verifierFile)).contains(created.verifierKey() + "\n").doesNotContain("PRIVATE");
    assertThat(Files.readString(privateFile)).contains("PRIVATE+KEY+" + NAME + "+" + NoteFormat.hex(created.keyId()) + "+");

    Ed25519NoteKey loaded = NoteKeyFile.loadPrivate(privateFile);
    NoteVerifier verifier = NoteKeyFile.loadVerifier(verifierFile);
    assertThat(loaded).isEqualTo(created);
    Checkpoint checkpoint = new Checkpoint(NAME, 9, new byte[32]);
    assertThat(verifier.verifyCheckpoint(new NoteSigner(loaded).sign(checkpoint))).isEqualTo(checkpoint);
  }

  @Test
  void create_existingFile_isRefusedAndWritesNothing() throws Exception {
    Path privateFile = dir.resolve("checkpoint.key");
    Path verifierFile = dir.resolve("checkpoint.vkey");
    Files.writeString(verifierFile, "keep me\n");

    assertThatThrownBy(() -> NoteKeyFile.create(privateFile, verifierFile, NAME, new SecureRandom()))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("already exists");
    assertThat(privateFile).doesNotExist();
    assertThat(Files.readString(verifierFile)).isEqualTo("keep me\n");

    Files.delete(verifierFile);
    NoteKeyFile.create(privateFile, verifierFile, NAME, new SecureRandom());
    assertThatThrownBy(() -> NoteKeyFile.create(privateFile, dir.resolve("other.vkey"), NAME, new SecureRandom()))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("already exists");
  }

  @Test
  void loadPrivate_readableByGroupOrOthers_isRefusedWithFix() throws Exception {
    Path privateFile = dir.resolve("checkpoint.key");
    NoteKeyFile.create(privateFile, dir.resolve("checkpoint.vkey"), NAME, new SecureRandom());
    for (String perms : new String[] {"rw-r-----", "rw----r--", "rw--w----"}) {
      Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString(perms));
      assertThatThrownBy(() -> NoteKeyFile.loadPrivate(privateFile))
          .isInstanceOf(KeyFileException.class).hasMessageContaining("chmod 600");
    }
  }

  @Test
  void loadPrivate_referenceSignerKeyFile_signsLikeReference() throws Exception {
    // The signer key of golang.org/x/mod/sumdb/note's tests, in the same format.
    Path file = dir.resolve("peter.key");
    Files.writeString(file, "# comment\n\nPRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    Ed25519NoteKey key = NoteKeyFile.loadPrivate(file);

    assertThat(key.verifierKey()).isEqualTo(NoteSignerTest.PETER_VKEY);
    assertThat(new NoteSigner(key).sign(NoteSignerTest.TEXT)).isEqualTo(NoteSignerTest.PETER_NOTE);
  }

  @Test
  void loadPrivate_malformedOrMismatchedKey_isRefused() throws Exception {
    String[] bad = {
        "",
        "# only a comment\n",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\n", // a verifier key
        "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n", // wrong key ID
        "PRIVATE+KEY+PeterNeumann+C74F20A3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n", // type 2
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF\n", // truncated
        "PRIVATE+KEY+Peter Neumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\n",
    };
    Path file = dir.resolve("bad.key");
    for (String text : bad) {
      Files.deleteIfExists(file);
      Files.writeString(file, text);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      assertThatThrownBy(() -> NoteKeyFile.loadPrivate(file)).as(text)
          .isInstanceOf(KeyFileException.class).hasMessageContaining(file.toString());
    }
  }

  @Test
  void loadPrivate_missingFile_namesFile() {
    Path file = dir.resolve("absent.key");
    assertThatThrownBy(() -> NoteKeyFile.loadPrivate(file))
        .isInstanceOf(KeyFileException.class).hasMessageContaining(file.toString());
  }

  @Test
  void create_anyKey_neverPutsSecretInVerifierFileOrExceptionMessages() throws Exception {
    Path privateFile = dir.resolve("checkpoint.key");
    Path verifierFile = dir.resolve("checkpoint.vkey");
    Ed25519NoteKey key = NoteKeyFile.create(privateFile, verifierFile, NAME, new SecureRandom());
    byte[] seed = key.seed();
    String verifierText = Files.readString(verifierFile, StandardCharsets.UTF_8);

    assertThat(verifierText).doesNotContain(Base64.getEncoder().encodeToString(seed).substring(0, 20))
        .doesNotContain(HexFormat.of().formatHex(seed));
    Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> NoteKeyFile.loadPrivate(privateFile))
        .hasMessageNotContaining(Files.readAllLines(privateFile).get(1));
  }
}

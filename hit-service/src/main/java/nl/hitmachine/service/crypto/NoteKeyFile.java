package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads and creates the checkpoint signing key files. Both are UTF-8 text; lines starting with
 * {@code #} are comments and the first other line holds the key:
 *
 * <ul>
 *   <li>private key file (secret, mode 600): {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖
 *       32-byte Ed25519 private key)>}, the signer key format of golang.org/x/mod/sumdb/note. A file
 *       readable or writable by group or others is refused.
 *   <li>verifier key file (public): {@code <name>+<hex key ID>+<base64(0x01 ‖ 32-byte public key)>},
 *       to hand to anyone who verifies checkpoints.
 * </ul>
 */
public final class NoteKeyFile {
  private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{8}");

  private NoteKeyFile() {}

  /**
   * Generates a key named {@code name} and writes the private key to {@code privateFile} (mode 600,
   * a new directory with 700) and the verifier key to {@code verifierFile}. Fails, writing nothing,
   * if either file exists.
   */
  public static Ed25519NoteKey create(Path privateFile, Path verifierFile, String name, SecureRandom random) {
    if (Files.exists(privateFile)) {
      throw new KeyFileException("key file " + privateFile + " already exists; not overwriting it");
    }
    if (Files.exists(verifierFile)) {
      throw new KeyFileException("verifier key file " + verifierFile + " already exists; not overwriting it");
    }
    Ed25519NoteKey key = Ed25519NoteKey.generate(name, random);
    byte[] typed = new byte[1 + Ed25519NoteKey.SEED_LENGTH];
    byte[] seed = key.seed();
    typed[0] = NoteFormat.ED25519;
    System.arraycopy(seed, 0, typed, 1, seed.length);
    String privateText =
        "# hit-service checkpoint signing key (Ed25519, c2sp.org/signed-note); secret: keep outside the"
            + " data directory and out of backups of it\n"
            + PRIVATE_PREFIX + name + "+" + NoteFormat.hex(key.keyId()) + "+" + NoteFormat.base64(typed) + "\n";
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(typed, (byte) 0);
    String verifierText =
        "# hit-service checkpoint verifier key; public: give it to whoever verifies audit checkpoints\n"
            + key.verifierKey() + "\n";
    try {
      Path dir = privateFile.toAbsolutePath().getParent();
      if (!Files.exists(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(privateFile, privateText, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException("key file " + privateFile + " already exists; not overwriting it", e);
    } catch (IOException e) {
      throw new KeyFileException("cannot create key file " + privateFile + ": " + e.getMessage(), e);
    }
    try {
      Path dir = verifierFile.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.writeString(verifierFile, verifierText, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException("verifier key file " + verifierFile + " already exists; not overwriting it", e);
    } catch (IOException e) {
      throw new KeyFileException("cannot create verifier key file " + verifierFile + ": " + e.getMessage(), e);
    }
    return key;
  }

  /** Reads the private key at {@code file}, refusing it if group or others can access it. */
  public static Ed25519NoteKey loadPrivate(Path file) {
    if (!Files.exists(file)) {
      throw new KeyFileException("key file " + file + " does not exist");
    }
    KeyFileText.checkPrivate(file);
    String line = KeyFileText.keyLine(file);
    if (!line.startsWith(PRIVATE_PREFIX)) {
      throw new KeyFileException("key file " + file + " is not a note signing key (expected PRIVATE+KEY+...)");
    }
    String rest = line.substring(PRIVATE_PREFIX.length());
    int plus1 = rest.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : rest.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw new KeyFileException("key file " + file + " is malformed (expected PRIVATE+KEY+<name>+<id>+<key>)");
    }
    String name = rest.substring(0, plus1);
    String hex = rest.substring(plus1 + 1, plus2);
    if (!NoteFormat.isValidName(name) || !HEX_ID.matcher(hex).matches()) {
      throw new KeyFileException("key file " + file + " has a malformed key name or key ID");
    }
    byte[] typed = NoteFormat.decodeCanonicalBase64(rest.substring(plus2 + 1));
    if (typed == null || typed.length != 1 + Ed25519NoteKey.SEED_LENGTH || typed[0] != NoteFormat.ED25519) {
      throw new KeyFileException("key file " + file + " must hold base64 of 0x01 and a 32-byte Ed25519 key");
    }
    byte[] seed = Arrays.copyOfRange(typed, 1, typed.length);
    Arrays.fill(typed, (byte) 0);
    Ed25519NoteKey key = Ed25519NoteKey.fromSeed(name, seed);
    Arrays.fill(seed, (byte) 0);
    if (key.keyId() != (int) Long.parseLong(hex, 16)) {
      throw new KeyFileException("key file " + file + " is corrupt: its key ID does not match its key");
    }
    return key;
  }

  /** Reads the verifier key at {@code file}. */
  public static NoteVerifier loadVerifier(Path file) {
    if (!Files.exists(file)) {
      throw new KeyFileException("verifier key file " + file + " does not exist");
    }
    try {
      return NoteVerifier.parse(KeyFileText.keyLine(file));
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("verifier key file " + file + ": " + e.getMessage(), e);
    }
  }
}

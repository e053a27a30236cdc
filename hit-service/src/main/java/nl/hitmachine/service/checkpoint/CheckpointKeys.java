package nl.hitmachine.service.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import nl.hitmachine.service.crypto.Ed25519NoteKey;
import nl.hitmachine.service.crypto.KeyFileException;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteVerifier;

/** Loads (or, for the demo, creates) the checkpoint signing key and checks its verifier file. */
public final class CheckpointKeys {
  private CheckpointKeys() {}

  /**
   * Loads the private key from {@code keyFile} and checks that {@code verifierFile} holds its
   * verifier key. If the private key file is missing and {@code generate} is set, creates both
   * (named {@code name}, the checkpoint origin; an existing key must have that name); a missing verifier file is then written from the private key.
   *
   * @throws KeyFileException if a file is missing, malformed, too open, or the two do not match
   */
  public static Ed25519NoteKey load(Path keyFile, Path verifierFile, String name, boolean generate, SecureRandom random) {
    if (!Files.exists(keyFile)) {
      if (!generate) {
        throw new KeyFileException("checkpoint key file " + keyFile + " does not exist; create it (see"
            + " docs/operations.md) or set keys.generateIfMissing for a demo");
      }
      return NoteKeyFile.create(keyFile, verifierFile, name, random);
    }
    Ed25519NoteKey key = NoteKeyFile.loadPrivate(keyFile);
    if (!key.name().equals(name)) {
      throw new KeyFileException("checkpoint key in " + keyFile + " is named " + key.name() + ", but checkpoints of"
          + " this log have origin " + name + " (audit.origin); a checkpoint verifier requires them to match");
    }
    if (!Files.exists(verifierFile)) {
      if (!generate) {
        throw new KeyFileException("checkpoint verifier key file " + verifierFile + " does not exist");
      }
      try {
        Path dir = verifierFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(verifierFile, "# hit-service checkpoint verifier key; public: give it to whoever verifies"
            + " audit checkpoints\n" + key.verifierKey() + "\n");
      } catch (java.io.IOException e) {
        throw new KeyFileException("cannot create verifier key file " + verifierFile + ": " + e.getMessage(), e);
      }
    }
    NoteVerifier verifier = NoteKeyFile.loadVerifier(verifierFile);
    if (!verifier.verifierKey().equals(key.verifierKey())) {
      throw new KeyFileException("checkpoint verifier key file " + verifierFile + " does not belong to the key in "
          + keyFile);
    }
    return key;
  }
}

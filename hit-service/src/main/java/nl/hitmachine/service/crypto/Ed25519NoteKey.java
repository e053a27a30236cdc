package nl.hitmachine.service.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A named Ed25519 signing key for signed notes (c2sp.org/signed-note, signature type 0x01). The key
 * ID is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. Immutable; {@link #toString()} never prints
 * key bytes. The private key never leaves this package.
 */
public final class Ed25519NoteKey {
  public static final int SEED_LENGTH = 32;
  public static final int PUBLIC_KEY_LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;

  private final String name;
  private final Ed25519PrivateKeyParameters privateKey;
  private final byte[] publicKey;
  private final int keyId;

  private Ed25519NoteKey(String name, Ed25519PrivateKeyParameters privateKey) {
    if (!NoteFormat.isValidName(name)) {
      throw new IllegalArgumentException(
          "a note key name must be non-empty without spaces, plus signs or control characters");
    }
    this.name = name;
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey().getEncoded();
    this.keyId = NoteFormat.keyId(name, NoteFormat.ED25519, publicKey);
  }

  /** Generates a new key named {@code name} (for example {@code hitmachine.example/audit}). */
  public static Ed25519NoteKey generate(String name, SecureRandom random) {
    return new Ed25519NoteKey(name, new Ed25519PrivateKeyParameters(random));
  }

  /** The key with the given 32-byte RFC 8032 private key (seed). */
  public static Ed25519NoteKey fromSeed(String name, byte[] seed) {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 private key must be exactly " + SEED_LENGTH + " bytes");
    }
    return new Ed25519NoteKey(name, new Ed25519PrivateKeyParameters(seed));
  }

  public String name() {
    return name;
  }

  /** The 32-bit key ID; written as 8 lowercase hex digits in verifier keys. */
  public int keyId() {
    return keyId;
  }

  /** The 32-byte RFC 8032 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public verifier key, {@code <name>+<hex key ID>+<base64(0x01 ‖ public key)>}. Not secret. */
  public String verifierKey() {
    return NoteFormat.verifierKey(name, keyId, publicKey);
  }

  /** A verifier for this key's signatures. */
  public NoteVerifier verifier() {
    return NoteVerifier.parse(verifierKey());
  }

  /** The RFC 8032 private key (seed); for writing key files only. The caller should wipe it. */
  byte[] seed() {
    return privateKey.getEncoded();
  }

  /** A plain RFC 8032 Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519NoteKey other && name.equals(other.name) && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + keyId;
  }

  @Override
  public String toString() {
    return "Ed25519NoteKey[" + name + "+" + NoteFormat.hex(keyId) + ", private key redacted]";
  }
}

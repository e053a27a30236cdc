package nl.hitmachine.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates bearer tokens against their configured SHA-256 hashes. Tokens are 256-bit random
 * values, so a plain hash suffices; the service never stores a token itself. The lookup is by
 * hash, so the comparison leaks nothing about a token's bytes.
 */
public final class BearerTokenAuthenticator implements Authenticator {
  private static final int MAX_TOKEN_LENGTH = 512;

  private final Map<String, Principal> byTokenHash;

  /** @param byTokenHash principals keyed by lower-case hex SHA-256 of their token */
  public BearerTokenAuthenticator(Map<String, Principal> byTokenHash) {
    this.byTokenHash = Map.copyOf(byTokenHash);
  }

  @Override
  public Optional<Principal> authenticate(Credentials credentials) {
    String token = credentials.bearerToken();
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    return Optional.ofNullable(byTokenHash.get(sha256Hex(token)));
  }

  /** Lower-case hex SHA-256 of a token's UTF-8 bytes: the form the configuration stores. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  });
}

package nl.hitmachine.connector.internal;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 from the JDK provider: the one primitive behind every pseudonym. */
public final class HmacSha256 {
  public static final String ALGORITHM = "HmacSHA256";
  public static final int LENGTH = 32;

  private HmacSha256() {}

  /** A {@link Mac} initialised with {@code key}; not thread-safe, reusable after doFinal. */
  public static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK provides no usable " + ALGORITHM, e);
    }
  }

  /** One-shot HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] compute(byte[] key, byte[] data) {
    return newMac(key).doFinal(data);
  }

}

package nl.hitmachine.service.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Re-keys pseudonyms with the server's two keys, so that neither the index nor the audit log
 * stores a pseudonym as received:
 *
 * <ul>
 *   <li>index form: {@code HMAC-SHA256(K_index, ASCII("hitmachine:index:v1:" + pseudonym))}, 32
 *       bytes — the RocksDB key;
 *   <li>audit form: {@code "a1." + base64url_nopad(HMAC-SHA256(K_audit,
 *       ASCII("hitmachine:audit:v1:" + pseudonym)))} — what the audit log records. A different key
 *       and label, so an audit export cannot be joined against the index.
 * </ul>
 *
 * Thread-safe: one {@link Mac} per thread and key.
 */
public final class PseudonymKeyer {
  static final String INDEX_LABEL = "hitmachine:index:v1:";
  static final String AUDIT_LABEL = "hitmachine:audit:v1:";
  static final String AUDIT_PREFIX = "a1.";
  private static final byte[] INDEX_LABEL_BYTES = INDEX_LABEL.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AUDIT_LABEL_BYTES = AUDIT_LABEL.getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final ThreadLocal<Mac> indexMac;
  private final ThreadLocal<Mac> auditMac;

  public PseudonymKeyer(ServerKey indexKey, ServerKey auditKey) {
    if (indexKey.equals(auditKey)) {
      throw new IllegalArgumentException("the index key and the audit key must differ");
    }
    byte[] index = indexKey.bytes();
    byte[] audit = auditKey.bytes();
    this.indexMac = ThreadLocal.withInitial(() -> newMac(index));
    this.auditMac = ThreadLocal.withInitial(() -> newMac(audit));
  }

  /** The 32-byte index form of a (well-formed) pseudonym. */
  public byte[] indexForm(String pseudonym) {
    return mac(indexMac.get(), INDEX_LABEL_BYTES, pseudonym);
  }

  /** The audit form of a (well-formed) pseudonym. */
  public String auditForm(String pseudonym) {
    return AUDIT_PREFIX + BASE64URL.encodeToString(mac(auditMac.get(), AUDIT_LABEL_BYTES, pseudonym));
  }

  private static byte[] mac(Mac mac, byte[] label, String pseudonym) {
    mac.update(label);
    mac.update(pseudonym.getBytes(StandardCharsets.US_ASCII));
    return mac.doFinal();
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}

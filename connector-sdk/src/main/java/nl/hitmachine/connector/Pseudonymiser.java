package nl.hitmachine.connector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import nl.hitmachine.connector.internal.HmacSha256;

/**
 * Turns BSNs into federation pseudonyms (brief section 3):
 *
 * <pre>
 * pseudonym = kid + "." + base64url_nopad(HMAC-SHA256(K_kid, ASCII("hitmachine:bsn:v1:" + bsn9)))
 * </pre>
 *
 * where {@code bsn9} is {@link Bsn#digits()}. The result is the kid, a dot and 43 characters.
 * Known-answer vectors are in {@code testdata/pseudonyms/vectors.json}.
 *
 * <p>Thread-safe: each thread uses its own {@link Mac} per key, so calls do not contend.
 */
public final class Pseudonymiser {
  /** The domain-separation prefix of the MACed message. */
  public static final String MESSAGE_PREFIX = "hitmachine:bsn:v1:";

  private static final byte[] PREFIX = MESSAGE_PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern PSEUDONYM = Pattern.compile("[a-z0-9]{1,16}\\.[A-Za-z0-9_-]{43}");

  private final PseudonymKeyRing ring;
  private final Map<String, ThreadLocal<Mac>> macs;
  private final ThreadLocal<Mac> primaryMac;
  private final String primaryKid;

  private Pseudonymiser(PseudonymKeyRing ring) {
    this.ring = ring;
    Map<String, ThreadLocal<Mac>> byKid = new LinkedHashMap<>();
    for (PseudonymKey key : ring.keys()) {
      SecretBytes secret = key.secret();
      byKid.put(key.kid(), ThreadLocal.withInitial(() -> newMac(secret)));
    }
    this.macs = Map.copyOf(byKid);
    this.primaryKid = ring.primary().kid();
    this.primaryMac = macs.get(primaryKid);
  }

  private static Mac newMac(SecretBytes secret) {
    byte[] key = secret.toByteArray();
    try {
      return HmacSha256.newMac(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** A pseudonymiser for all keys of {@code ring}. */
  public static Pseudonymiser of(PseudonymKeyRing ring) {
    return new Pseudonymiser(Objects.requireNonNull(ring, "ring"));
  }

  /** A pseudonymiser with a single key. */
  public static Pseudonymiser of(PseudonymKey key) {
    return of(PseudonymKeyRing.of(key));
  }

  /** The pseudonym of {@code bsn} under the primary key. */
  public String pseudonymise(Bsn bsn) {
    return compute(primaryKid, primaryMac.get(), bsn);
  }

  /**
   * The pseudonym of {@code bsn} under the key {@code kid}.
   *
   * @throws IllegalArgumentException if the ring has no such key
   */
  public String pseudonymise(Bsn bsn, String kid) {
    ThreadLocal<Mac> mac = macs.get(kid);
    if (mac == null) {
      throw new IllegalArgumentException("no active key with kid " + kid);
    }
    return compute(kid, mac.get(), bsn);
  }

  /**
   * The pseudonyms of {@code bsn} under every active key, the primary first: the form to ask
   * about a subject during a key rotation.
   */
  public List<String> aliases(Bsn bsn) {
    List<String> out = new ArrayList<>(ring.keys().size());
    for (PseudonymKey key : ring.keys()) {
      out.add(compute(key.kid(), macs.get(key.kid()).get(), bsn));
    }
    return List.copyOf(out);
  }

  public PseudonymKeyRing keyRing() {
    return ring;
  }

  /**
   * Whether {@code text} has the form of a pseudonym: a kid ({@code [a-z0-9]{1,16}}), a dot and 43
   * base64url characters. A raw BSN never has this form.
   */
  public static boolean isPseudonym(CharSequence text) {
    return text != null && PSEUDONYM.matcher(text).matches();
  }

  private static String compute(String kid, Mac mac, Bsn bsn) {
    String digits = bsn.digits();
    byte[] message = new byte[PREFIX.length + 9];
    System.arraycopy(PREFIX, 0, message, 0, PREFIX.length);
    for (int i = 0; i < 9; i++) {
      message[PREFIX.length + i] = (byte) digits.charAt(i);
    }
    byte[] tag = new byte[HmacSha256.LENGTH];
    try {
      mac.update(message);
      mac.doFinal(tag, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(message, (byte) 0);
    }
    return kid + "." + BASE64URL.encodeToString(tag);
  }

  @Override
  public String toString() {
    return "Pseudonymiser[" + ring + "]";
  }
}

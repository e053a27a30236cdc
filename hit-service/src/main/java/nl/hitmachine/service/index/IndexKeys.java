package nl.hitmachine.service.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Key encodings of the RocksDB hit index. All multi-byte integers are big-endian, so RocksDB's
 * default bytewise comparator orders keys by their numeric fields.
 *
 * <ul>
 *   <li>{@code subjects}: the 32-byte subject key as is.
 *   <li>{@code agency_subjects}: agency id (u16) ‖ subject key (34 bytes). All subjects of one
 *       agency share a 2-byte prefix and come out of an iterator in ascending subject order, the
 *       same order as {@link Caseload}.
 *   <li>{@code expiry}: epoch day (int32 with the sign bit flipped, so that unsigned byte order is
 *       numeric order) ‖ agency id (u16) ‖ subject key (38 bytes).
 *   <li>default column family (metadata): ASCII prefixes, see the {@code META_*} constants.
 * </ul>
 *
 * <p>Package-private: only the RocksDB implementation uses these encodings.
 */
final class IndexKeys {
  static final int AGENCY_SUBJECT_LENGTH = 2 + SubjectKey.LENGTH;
  static final int EXPIRY_LENGTH = 4 + 2 + SubjectKey.LENGTH;

  /** Highest agency id; ids are assigned from 1 upwards and never reused. */
  static final int MAX_AGENCY_ID = 0xFFFF;

  /** Agency codes accepted by the index. */
  static final Pattern AGENCY_CODE = Pattern.compile("[a-z0-9-]{1,32}");

  /** {@code "format"} → u32 layout version. */
  static final byte[] META_FORMAT = ascii("format");

  /** {@code "agency/" + code} → u16 agency id. */
  static final byte[] META_AGENCY_PREFIX = ascii("agency/");

  /** {@code "count/" + u16 id} → i64 number of stored registrations of that agency. */
  static final byte[] META_COUNT_PREFIX = ascii("count/");

  private IndexKeys() {}

  static byte[] subject(SubjectKey subject) {
    return subject.bytes();
  }

  static byte[] agencyPrefix(int agencyId) {
    byte[] key = new byte[2];
    putU16(key, 0, agencyId);
    return key;
  }

  static byte[] agencySubject(int agencyId, SubjectKey subject) {
    byte[] key = new byte[AGENCY_SUBJECT_LENGTH];
    putU16(key, 0, agencyId);
    subject.copyTo(key, 2);
    return key;
  }

  static byte[] agencySubject(int agencyId, byte[] subject) {
    byte[] key = new byte[AGENCY_SUBJECT_LENGTH];
    putU16(key, 0, agencyId);
    System.arraycopy(subject, 0, key, 2, SubjectKey.LENGTH);
    return key;
  }

  static int agencyOfAgencySubject(byte[] key) {
    return getU16(key, 0);
  }

  /** True if {@code key} is an {@code agency_subjects} key of that agency. */
  static boolean hasAgencyPrefix(byte[] key, int agencyId) {
    return key.length == AGENCY_SUBJECT_LENGTH && getU16(key, 0) == agencyId;
  }

  static byte[] expiry(int epochDay, int agencyId, byte[] subject) {
    byte[] key = new byte[EXPIRY_LENGTH];
    putSortableInt(key, 0, epochDay);
    putU16(key, 4, agencyId);
    System.arraycopy(subject, 0, key, 6, SubjectKey.LENGTH);
    return key;
  }

  /** The first expiry key of {@code epochDay}: every key before it expires earlier. */
  static byte[] expiryDayStart(int epochDay) {
    byte[] key = new byte[4];
    putSortableInt(key, 0, epochDay);
    return key;
  }

  static int expiryDay(byte[] key) {
    return getSortableInt(key, 0);
  }

  static int expiryAgency(byte[] key) {
    return getU16(key, 4);
  }

  /** Copies the subject part out of an {@code agency_subjects} key. */
  static byte[] subjectOfAgencySubject(byte[] key) {
    return Arrays.copyOfRange(key, 2, AGENCY_SUBJECT_LENGTH);
  }

  /** Copies the subject part out of an {@code expiry} key. */
  static byte[] subjectOfExpiry(byte[] key) {
    return Arrays.copyOfRange(key, 6, EXPIRY_LENGTH);
  }

  /** Compares the subject parts of two expiry keys, unsigned, as RocksDB would. */
  static int compareExpirySubjects(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, 6, EXPIRY_LENGTH, b, 6, EXPIRY_LENGTH);
  }

  static byte[] metaAgency(String code) {
    return concat(META_AGENCY_PREFIX, ascii(code));
  }

  static byte[] metaCount(int agencyId) {
    byte[] key = Arrays.copyOf(META_COUNT_PREFIX, META_COUNT_PREFIX.length + 2);
    putU16(key, META_COUNT_PREFIX.length, agencyId);
    return key;
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  static String agencyCodeOfMeta(byte[] key) {
    return new String(
        key,
        META_AGENCY_PREFIX.length,
        key.length - META_AGENCY_PREFIX.length,
        StandardCharsets.US_ASCII);
  }

  static String requireAgencyCode(String agency) {
    if (agency == null || !AGENCY_CODE.matcher(agency).matches()) {
      throw new IllegalArgumentException("agency must match " + AGENCY_CODE.pattern());
    }
    return agency;
  }

  static void putU16(byte[] target, int offset, int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + value);
    }
    target[offset] = (byte) (value >>> 8);
    target[offset + 1] = (byte) value;
  }

  static int getU16(byte[] source, int offset) {
    return ((source[offset] & 0xFF) << 8) | (source[offset + 1] & 0xFF);
  }

  static void putInt(byte[] target, int offset, int value) {
    target[offset] = (byte) (value >>> 24);
    target[offset + 1] = (byte) (value >>> 16);
    target[offset + 2] = (byte) (value >>> 8);
    target[offset + 3] = (byte) value;
  }

  static int getInt(byte[] source, int offset) {
    return ((source[offset] & 0xFF) << 24)
        | ((source[offset + 1] & 0xFF) << 16)
        | ((source[offset + 2] & 0xFF) << 8)
        | (source[offset + 3] & 0xFF);
  }

  static byte[] longValue(long value) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (value >>> (56 - 8 * i));
    }
    return out;
  }

  static long getLong(byte[] source) {
    if (source.length != 8) {
      throw new IllegalArgumentException("expected 8 bytes, got " + source.length);
    }
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (source[i] & 0xFF);
    }
    return value;
  }

  private static void putSortableInt(byte[] target, int offset, int value) {
    putInt(target, offset, value ^ Integer.MIN_VALUE);
  }

  private static int getSortableInt(byte[] source, int offset) {
    return getInt(source, offset) ^ Integer.MIN_VALUE;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

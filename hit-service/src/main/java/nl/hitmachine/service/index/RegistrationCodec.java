package nl.hitmachine.service.index;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Value encodings of the RocksDB hit index.
 *
 * <p>A {@code subjects} value holds every agency's registration of one subject, sorted by agency
 * id, as a sequence of entries:
 *
 * <pre>
 *   agency id   u16
 *   validUntil  int32, epoch day
 *   ref length  u8: 0..192 bytes of UTF-8 follow; 255 = no ref
 *   ref         UTF-8
 * </pre>
 *
 * An {@code agency_subjects} value is the same entry without the agency id (it is in the key), so a
 * full replace can tell an unchanged registration from a changed one without reading {@code
 * subjects}. A ref of at most {@value RegistrationWrite#MAX_REF_LENGTH} UTF-16 characters is at
 * most 192 UTF-8 bytes, so the length always fits below the 255 marker.
 *
 * <p>Package-private: only the RocksDB implementation uses these encodings.
 */
final class RegistrationCodec {
  static final int NO_REF = 0xFF;
  static final int MAX_REF_BYTES = 3 * RegistrationWrite.MAX_REF_LENGTH;

  private RegistrationCodec() {}

  /** UTF-8 bytes of a ref, or {@code null} for no ref. */
  static byte[] refBytes(String ref) {
    if (ref == null) {
      return null;
    }
    byte[] bytes = ref.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_REF_BYTES) {
      throw new IllegalArgumentException("ref must be at most " + MAX_REF_BYTES + " UTF-8 bytes");
    }
    return bytes;
  }

  /**
   * Decodes a {@code subjects} value into the registrations active on {@code today}, in agency id
   * order. Returns an empty list for {@code null} (no value).
   *
   * @param agencyCodes maps an agency id to its code
   */
  static List<Registration> decodeActive(byte[] value, int today, IntFunction<String> agencyCodes) {
    if (value == null) {
      return List.of();
    }
    List<Registration> active = null;
    int pos = 0;
    while (pos < value.length) {
      checkAvailable(value, pos, 7);
      int agencyId = IndexKeys.getU16(value, pos);
      int day = IndexKeys.getInt(value, pos + 2);
      int refLength = value[pos + 6] & 0xFF;
      pos += 7;
      String ref = null;
      if (refLength != NO_REF) {
        checkAvailable(value, pos, refLength);
        if (day >= today) {
          ref = new String(value, pos, refLength, StandardCharsets.UTF_8);
        }
        pos += refLength;
      }
      if (day >= today) {
        String code = agencyCodes.apply(agencyId);
        if (code == null) {
          throw new IndexUnavailableException("index holds an unknown agency id " + agencyId);
        }
        if (active == null) {
          active = new ArrayList<>(2);
        }
        active.add(new Registration(code, LocalDate.ofEpochDay(day), ref));
      }
    }
    return active == null ? List.of() : List.copyOf(active);
  }

  /** Decodes a {@code subjects} value into mutable entries; {@code null} gives none. */
  static SubjectEntries decodeEntries(byte[] value) {
    SubjectEntries entries = new SubjectEntries();
    if (value == null) {
      return entries;
    }
    int pos = 0;
    while (pos < value.length) {
      checkAvailable(value, pos, 7);
      int agencyId = IndexKeys.getU16(value, pos);
      int day = IndexKeys.getInt(value, pos + 2);
      int refLength = value[pos + 6] & 0xFF;
      pos += 7;
      byte[] ref = null;
      if (refLength != NO_REF) {
        checkAvailable(value, pos, refLength);
        ref = Arrays.copyOfRange(value, pos, pos + refLength);
        pos += refLength;
      }
      entries.entries.add(new Entry(agencyId, day, ref));
    }
    return entries;
  }

  /** Encodes entries (already in agency id order) as a {@code subjects} value. */
  static byte[] encodeEntries(SubjectEntries entries) {
    int size = 0;
    for (Entry e : entries.entries) {
      size += 7 + (e.ref == null ? 0 : e.ref.length);
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (Entry e : entries.entries) {
      IndexKeys.putU16(out, pos, e.agencyId);
      pos = putDayAndRef(out, pos + 2, e.day, e.ref);
    }
    return out;
  }

  /** Encodes an {@code agency_subjects} value. */
  static byte[] encodeAgencyValue(int day, byte[] ref) {
    byte[] out = new byte[5 + (ref == null ? 0 : ref.length)];
    putDayAndRef(out, 0, day, ref);
    return out;
  }

  /** The validUntil epoch day of an {@code agency_subjects} value. */
  static int agencyValueDay(byte[] value) {
    checkAvailable(value, 0, 5);
    return IndexKeys.getInt(value, 0);
  }

  /** True if an {@code agency_subjects} value holds exactly this day and ref. */
  static boolean agencyValueEquals(byte[] value, int day, byte[] ref) {
    return Arrays.equals(value, encodeAgencyValue(day, ref));
  }

  private static int putDayAndRef(byte[] out, int pos, int day, byte[] ref) {
    IndexKeys.putInt(out, pos, day);
    pos += 4;
    if (ref == null) {
      out[pos++] = (byte) NO_REF;
    } else {
      out[pos++] = (byte) ref.length;
      System.arraycopy(ref, 0, out, pos, ref.length);
      pos += ref.length;
    }
    return pos;
  }

  private static void checkAvailable(byte[] value, int pos, int length) {
    if (pos + length > value.length) {
      throw new IndexUnavailableException("index holds a truncated registration value");
    }
  }

  /** One agency's registration inside a {@code subjects} value. */
  record Entry(int agencyId, int day, byte[] ref) {}

  /**
   * The mutable, decoded form of one {@code subjects} value, used by the writer thread to compose
   * several changes to the same subject before it encodes the value once.
   */
  static final class SubjectEntries {
    private final List<Entry> entries = new ArrayList<>(2);
    private boolean dirty;

    Entry find(int agencyId) {
      for (Entry e : entries) {
        if (e.agencyId == agencyId) {
          return e;
        }
      }
      return null;
    }

    /** Inserts or replaces the agency's entry, keeping agency id order. */
    void put(int agencyId, int day, byte[] ref) {
      Entry entry = new Entry(agencyId, day, ref);
      for (int i = 0; i < entries.size(); i++) {
        int id = entries.get(i).agencyId;
        if (id == agencyId) {
          entries.set(i, entry);
          dirty = true;
          return;
        }
        if (id > agencyId) {
          entries.add(i, entry);
          dirty = true;
          return;
        }
      }
      entries.add(entry);
      dirty = true;
    }

    /** Removes the agency's entry; returns it, or {@code null} if there was none. */
    Entry remove(int agencyId) {
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).agencyId == agencyId) {
          dirty = true;
          return entries.remove(i);
        }
      }
      return null;
    }

    boolean isEmpty() {
      return entries.isEmpty();
    }

    boolean isDirty() {
      return dirty;
    }

    /** An unmodifiable view, in agency id order. */
    List<Entry> entries() {
      return Collections.unmodifiableList(entries);
    }
  }
}

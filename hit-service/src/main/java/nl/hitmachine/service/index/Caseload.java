package nl.hitmachine.service.index;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * An agency's complete caseload for a full replace: subjects sorted by key, at most one entry per
 * subject (a later entry for the same subject replaces an earlier one). Compact enough to hold
 * millions of entries: 32 key bytes, one int and one reference per entry, in flat arrays.
 */
public final class Caseload {
  private final byte[] keys;
  private final int[] epochDays;
  private final String[] refs;
  private final int size;

  private Caseload(byte[] keys, int[] epochDays, String[] refs, int size) {
    this.keys = keys;
    this.epochDays = epochDays;
    this.refs = refs;
    this.size = size;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return size;
  }

  /** The i-th subject key in ascending unsigned byte order. */
  public SubjectKey subject(int i) {
    Objects.checkIndex(i, size);
    return SubjectKey.wrap(Arrays.copyOfRange(keys, i * SubjectKey.LENGTH, (i + 1) * SubjectKey.LENGTH));
  }

  public LocalDate validUntil(int i) {
    Objects.checkIndex(i, size);
    return LocalDate.ofEpochDay(epochDays[i]);
  }

  public String ref(int i) {
    Objects.checkIndex(i, size);
    return refs[i];
  }

  /**
   * Collects entries in any order into flat arrays; {@link #build()} sorts them (a stable merge
   * sort of entry positions, so the last entry of a subject wins) and removes duplicates.
   */
  public static final class Builder {
    private byte[] keys = new byte[1024 * SubjectKey.LENGTH];
    private int[] days = new int[1024];
    private String[] refs = new String[1024];
    private int size;

    public Builder add(RegistrationWrite write) {
      Objects.requireNonNull(write, "write");
      if (size == days.length) {
        int capacity = Math.multiplyExact(days.length, 2);
        keys = Arrays.copyOf(keys, Math.multiplyExact(capacity, SubjectKey.LENGTH));
        days = Arrays.copyOf(days, capacity);
        refs = Arrays.copyOf(refs, capacity);
      }
      write.subject().copyTo(keys, size * SubjectKey.LENGTH);
      days[size] = Math.toIntExact(write.validUntil().toEpochDay());
      refs[size] = write.ref();
      size++;
      return this;
    }

    public int size() {
      return size;
    }

    public Caseload build() {
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      mergeSort(order, new int[size], 0, size);
      byte[] outKeys = new byte[size * SubjectKey.LENGTH];
      int[] outDays = new int[size];
      String[] outRefs = new String[size];
      int n = 0;
      for (int k = 0; k < size; k++) {
        int i = order[k];
        if (k + 1 < size && compare(i, order[k + 1]) == 0) {
          continue; // a later entry of the same subject follows: it wins
        }
        System.arraycopy(keys, i * SubjectKey.LENGTH, outKeys, n * SubjectKey.LENGTH, SubjectKey.LENGTH);
        outDays[n] = days[i];
        outRefs[n] = refs[i];
        n++;
      }
      Caseload built = new Caseload(outKeys, outDays, outRefs, n);
      keys = new byte[0];
      days = new int[0];
      refs = new String[0];
      size = 0;
      return built;
    }

    private int compare(int a, int b) {
      int offA = a * SubjectKey.LENGTH;
      int offB = b * SubjectKey.LENGTH;
      return Arrays.compareUnsigned(keys, offA, offA + SubjectKey.LENGTH, keys, offB, offB + SubjectKey.LENGTH);
    }

    /** Stable top-down merge sort of {@code a[from, to)} by key. */
    private void mergeSort(int[] a, int[] tmp, int from, int to) {
      if (to - from < 16) {
        for (int i = from + 1; i < to; i++) {
          int v = a[i];
          int j = i - 1;
          while (j >= from && compare(a[j], v) > 0) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = v;
        }
        return;
      }
      int mid = (from + to) >>> 1;
      mergeSort(a, tmp, from, mid);
      mergeSort(a, tmp, mid, to);
      if (compare(a[mid - 1], a[mid]) <= 0) {
        return;
      }
      System.arraycopy(a, from, tmp, from, to - from);
      int i = from;
      int j = mid;
      for (int k = from; k < to; k++) {
        if (i < mid && (j >= to || compare(tmp[i], tmp[j]) <= 0)) {
          a[k] = tmp[i++];
        } else {
          a[k] = tmp[j++];
        }
      }
    }
  }
}

package nl.hitmachine.service.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An agency's complete caseload for a full replace: subjects sorted by key, at most one entry per
 * subject (a later entry for the same subject replaces an earlier one). Compact enough to hold a
 * few million entries: 32 key bytes, one int and one reference per entry.
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

  public RegistrationWrite write(int i) {
    return new RegistrationWrite(subject(i), validUntil(i), ref(i));
  }

  /** Collects entries in any order; {@link #build()} sorts and removes duplicates. */
  public static final class Builder {
    private final List<RegistrationWrite> pending = new ArrayList<>();

    public Builder add(RegistrationWrite write) {
      pending.add(Objects.requireNonNull(write, "write"));
      return this;
    }

    public int size() {
      return pending.size();
    }

    public Caseload build() {
      Integer[] order = new Integer[pending.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      // Stable sort by key, then keep the last entry of each run of equal keys.
      Arrays.sort(order, (a, b) -> pending.get(a).subject().compareTo(pending.get(b).subject()));
      byte[] keys = new byte[order.length * SubjectKey.LENGTH];
      int[] days = new int[order.length];
      String[] refs = new String[order.length];
      int n = 0;
      for (int k = 0; k < order.length; k++) {
        RegistrationWrite w = pending.get(order[k]);
        boolean sameAsNext =
            k + 1 < order.length && w.subject().equals(pending.get(order[k + 1]).subject());
        if (sameAsNext) {
          continue;
        }
        w.subject().copyTo(keys, n * SubjectKey.LENGTH);
        days[n] = Math.toIntExact(w.validUntil().toEpochDay());
        refs[n] = w.ref();
        n++;
      }
      pending.clear();
      return new Caseload(keys, days, refs, n);
    }
  }
}

package nl.hitmachine.bench;

import java.util.Iterator;
import java.util.NoSuchElementException;
import nl.hitmachine.connector.Registration;

/**
 * Full caseloads of synthetic subjects for PUT /v1/registrations, generated while they stream:
 * caseload {@code k} of size {@code n} is subjects {@code base + k·n/2 …}, so consecutive caseloads
 * overlap by half (a replace adds n/2, removes n/2 and keeps n/2 — except the first, which adds n).
 */
record Caseloads(Population population, long base, long size) {
  /** The replace scenario's subjects start here, clear of the preload and of the registrations scenario. */
  static final long REPLACE_BASE = 1L << 50;

  Iterator<Registration> caseload(long k) {
    long from = base + k * (size / 2);
    long to = from + size;
    return new Iterator<>() {
      long next = from;

      @Override
      public boolean hasNext() {
        return next < to;
      }

      @Override
      public Registration next() {
        if (next >= to) {
          throw new NoSuchElementException();
        }
        return Registration.of(population.pseudonym(next++));
      }
    };
  }
}

package nl.hitmachine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.LookupRequest;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.internal.Json;

/**
 * Pre-built request bodies, so that pseudonymising (HMAC) and JSON writing are done before the clock
 * starts; request {@code i} sends body {@code i mod size} to {@code path} (POST), or GETs {@code
 * path} when there are no bodies (the liveness scenario). The subjects come from a supplier: random
 * valid BSNs pseudonymised with a key ({@link #bsnSubjects}, nearly all unknown to the index), or a
 * {@link Population} with a hit rate.
 */
record Workload(String scenario, String path, List<byte[]> bodies, double meanSubjectsPerRequest) {
  static final String LOOKUPS = "/v1/lookups";
  static final String LIVENESS = "/health/live";
  static final String PURPOSE = "screening";
  static final String CASE_REF = "BENCH";
  static final String REQUESTED_BY = "hitmachine-bench";
  static final int MAX_HOUSEHOLD_MEMBERS = 8;

  /** The body of request {@code index}, or null for a GET. */
  byte[] body(long index) {
    if (bodies.isEmpty()) {
      return null;
    }
    return bodies.get((int) Math.floorMod(index, (long) bodies.size()));
  }

  /** {@code distinct} lookups of one subject each. */
  static Workload single(Supplier<String> subjects, int distinct) {
    List<byte[]> bodies = new ArrayList<>(distinct);
    for (int i = 0; i < distinct; i++) {
      LookupRequest request =
          LookupRequest.builder(PURPOSE, CASE_REF, REQUESTED_BY)
              .subject(subjects.get())
              .build();
      bodies.add(Json.lookupBody(request));
    }
    return new Workload("single", LOOKUPS, List.copyOf(bodies), 1.0);
  }

  /** {@code distinct} household screenings of {@code households} households of 1–8 members each. */
  static Workload household(Supplier<String> subjects, Random random, int distinct, int households) {
    List<byte[]> bodies = new ArrayList<>(distinct);
    long count = 0;
    for (int i = 0; i < distinct; i++) {
      LookupRequest.Builder request = LookupRequest.builder(PURPOSE, CASE_REF, REQUESTED_BY);
      for (int h = 0; h < households; h++) {
        int size = 1 + random.nextInt(MAX_HOUSEHOLD_MEMBERS);
        List<List<String>> members = new ArrayList<>(size);
        for (int m = 0; m < size; m++) {
          members.add(List.of(subjects.get()));
        }
        request.household("H-" + (h + 1), members);
        count += size;
      }
      bodies.add(Json.lookupBody(request.build()));
    }
    return new Workload("household", LOOKUPS, List.copyOf(bodies), (double) count / distinct);
  }

  /** GET /health/live: no credentials, no index, no audit — the HTTP stack's own limit. */
  static Workload liveness() {
    return new Workload("liveness", LIVENESS, List.of(), 0.0);
  }

  /** Random valid BSNs, pseudonymised with the key: synthetic subjects, nearly all unknown to the index. */
  static Supplier<String> bsnSubjects(Pseudonymiser pseudonymiser, Random random) {
    return () -> pseudonymiser.pseudonymise(randomBsn(random));
  }

  /** A random nine-digit number that passes the BSN eleven test. */
  static Bsn randomBsn(Random random) {
    while (true) {
      int[] d = new int[9];
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        d[i] = random.nextInt(10);
        sum += (9 - i) * d[i];
      }
      int check = sum % 11; // 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11)
      if (check == 10 || d[0] == 0) {
        continue;
      }
      d[8] = check;
      StringBuilder digits = new StringBuilder(9);
      for (int x : d) {
        digits.append(x);
      }
      if (Bsn.isValid(digits)) {
        return Bsn.parse(digits);
      }
    }
  }
}

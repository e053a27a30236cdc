package nl.hitmachine.service.index;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link RocksDbHitIndexDurabilityTest}: opens the index in {@code args[0]} and
 * upserts numbered batches of {@value #BATCH_SIZE} distinct subjects, starting at batch {@code
 * args[1]}, with up to {@value #IN_FLIGHT} batches in flight. After each batch's future completes
 * it prints {@code ACK n}. Stops by itself after {@code args[2]} seconds or {@value #MAX_BATCHES}
 * batches, whichever comes first; the test normally kills it long before.
 */
public final class IndexCrashWriter {
  static final int BATCH_SIZE = 100;
  static final int IN_FLIGHT = 8;
  static final int MAX_BATCHES = 20_000;
  static final String AGENCY = "crash-test";
  static final LocalDate VALID_UNTIL = LocalDate.of(2099, 12, 31);

  private IndexCrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    int first = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    PrintStream out = System.out;
    try (RocksDbHitIndex index = RocksDbHitIndex.open(directory, Clock.systemUTC())) {
      ArrayDeque<CompletableFuture<Integer>> pending = new ArrayDeque<>();
      ArrayDeque<Integer> numbers = new ArrayDeque<>();
      for (int n = first; n < first + MAX_BATCHES && System.nanoTime() < deadline; n++) {
        pending.add(index.upsert(AGENCY, batch(n)));
        numbers.add(n);
        if (pending.size() >= IN_FLIGHT) {
          ack(out, pending, numbers);
        }
      }
      while (!pending.isEmpty()) {
        ack(out, pending, numbers);
      }
    }
    out.println("DONE");
    out.flush();
  }

  private static void ack(
      PrintStream out,
      ArrayDeque<CompletableFuture<Integer>> pending,
      ArrayDeque<Integer> numbers) {
    int written = pending.poll().join();
    int n = numbers.poll();
    if (written != BATCH_SIZE) {
      throw new IllegalStateException("batch " + n + " wrote " + written);
    }
    out.println("ACK " + n);
    out.flush();
  }

  static List<SubjectKey> subjectsOf(int batch) {
    List<SubjectKey> subjects = new ArrayList<>(BATCH_SIZE);
    for (int i = 0; i < BATCH_SIZE; i++) {
      subjects.add(TestSubjects.subject("crash-batch-" + batch + "-" + i));
    }
    return subjects;
  }

  static List<RegistrationWrite> batch(int batch) {
    List<RegistrationWrite> writes = new ArrayList<>(BATCH_SIZE);
    for (SubjectKey subject : subjectsOf(batch)) {
      writes.add(new RegistrationWrite(subject, VALID_UNTIL, "b" + batch));
    }
    return writes;
  }
}

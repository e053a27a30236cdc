package nl.hitmachine.service.index;

import static nl.hitmachine.service.index.TestSubjects.TODAY;
import static nl.hitmachine.service.index.TestSubjects.subject;
import static nl.hitmachine.service.index.TestSubjects.subjects;
import static nl.hitmachine.service.index.TestSubjects.write;
import static nl.hitmachine.service.index.TestSubjects.writes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RocksDbHitIndexConcurrencyTest {
  private static final LocalDate NEXT_YEAR = TODAY.plusYears(1);

  @TempDir Path dir;
  private RocksDbHitIndex index;
  private ExecutorService pool;

  @BeforeEach
  void open() {
    index = RocksDbHitIndex.open(dir, Clock.systemUTC());
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    index.close();
  }

  @Test
  void upsert_manyThreadsConcurrently_allCompleteAndAllDataIsPresent() throws Exception {
    int threads = 8;
    int callsPerThread = 40;
    int perCall = 25;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                String agency = "agency-" + (thread % 4);
                List<CompletableFuture<Integer>> calls = new ArrayList<>();
                for (int c = 0; c < callsPerThread; c++) {
                  int from = (thread * callsPerThread + c) * perCall;
                  calls.add(index.upsert(agency, writes(from, from + perCall)));
                }
                int total = 0;
                for (CompletableFuture<Integer> call : calls) {
                  total += call.get(30, TimeUnit.SECONDS);
                }
                return total;
              }));
    }
    start.countDown();

    int total = 0;
    for (Future<Integer> result : results) {
      total += result.get(30, TimeUnit.SECONDS);
    }

    int subjects = threads * callsPerThread * perCall;
    assertThat(total).isEqualTo(subjects);
    List<List<Registration>> found = index.lookup(subjects(0, subjects), TODAY);
    for (int n = 0; n < subjects; n++) {
      int thread = n / perCall / callsPerThread;
      assertThat(found.get(n))
          .as("subject %d", n)
          .containsExactly(new Registration("agency-" + (thread % 4), NEXT_YEAR, "ref-" + n));
    }
    assertThat(index.registrationCounts().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(subjects);
    assertThat(index.registrationCountsByScan()).isEqualTo(index.registrationCounts());
    assertThat(index.commitCount()).isLessThanOrEqualTo(threads * callsPerThread);
  }

  @Test
  void upsert_requestsQueuedWhileWriterBusy_shareOneCommit() throws Exception {
    CountDownLatch resume = new CountDownLatch(1);
    index.pauseWriter(resume).get(10, TimeUnit.SECONDS);
    long commitsBefore = index.commitCount();
    int requests = 200;
    ConcurrentLinkedQueue<CompletableFuture<Integer>> futures = new ConcurrentLinkedQueue<>();
    List<Future<?>> submitters = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      submitters.add(
          pool.submit(
              () -> {
                for (int r = thread; r < requests; r += 4) {
                  futures.add(index.upsert("a", writes(r * 10, r * 10 + 10)));
                }
              }));
    }
    for (Future<?> submitter : submitters) {
      submitter.get(10, TimeUnit.SECONDS); // every request is queued before the writer resumes
    }
    assertThat(futures).hasSize(requests).noneMatch(CompletableFuture::isDone);

    resume.countDown();
    for (CompletableFuture<Integer> f : futures) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(10);
    }

    // 200 requests of 10 items fit in one group: one batch, one fsync.
    assertThat(index.commitCount() - commitsBefore).isEqualTo(1).isLessThan(requests);
    assertThat(index.registrationCounts()).containsEntry("a", (long) requests * 10);
  }

  @Test
  void updates_sameSubjectSeveralTimesInOneGroup_composeInOrder() throws Exception {
    SubjectKey s = subject(1);
    index.upsert("b", List.of(write(s, NEXT_YEAR, "b-0"))).join();
    CountDownLatch resume = new CountDownLatch(1);
    index.pauseWriter(resume).get(10, TimeUnit.SECONDS);
    long commitsBefore = index.commitCount();

    CompletableFuture<Integer> add = index.upsert("a", List.of(write(s, TODAY.plusDays(3), "a-1")));
    CompletableFuture<Integer> removeA = index.remove("a", List.of(s));
    CompletableFuture<Integer> removeAAgain = index.remove("a", List.of(s));
    CompletableFuture<Integer> readd =
        index.upsert("a", List.of(write(s, TODAY.plusDays(5), "a-2"), write(s, NEXT_YEAR, "a-3")));
    CompletableFuture<Integer> updateB =
        index.upsert("b", List.of(write(s, TODAY.plusDays(9), "b-1")));
    CompletableFuture<Integer> removeB = index.remove("b", List.of(s, s));
    CompletableFuture<Integer> other =
        index.upsert("c", List.of(write(subject(2), NEXT_YEAR, null)));
    resume.countDown();

    assertThat(add.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(removeA.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(removeAAgain.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(readd.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(updateB.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(removeB.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(index.commitCount() - commitsBefore).isEqualTo(1);

    assertThat(index.lookup(List.of(s), TODAY).get(0))
        .containsExactly(new Registration("a", NEXT_YEAR, "a-3"));
    assertThat(index.registrationCounts())
        .containsEntry("a", 1L)
        .containsEntry("b", 0L)
        .containsEntry("c", 1L);
    assertThat(index.registrationCountsByScan()).containsOnlyKeys("a", "c");
    // Exactly one expiry entry per registration: the intermediate days left nothing behind.
    assertThat(index.keyCountsByScan())
        .containsEntry("subjects", 2L)
        .containsEntry("agency_subjects", 2L)
        .containsEntry("expiry", 2L);
  }

  @Test
  void lookup_concurrentWithUpserts_seesEachBatchWholeOrNotAtAll() throws Exception {
    int batches = 60;
    int perBatch = 50;
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger torn = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    List<Future<?>> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      readers.add(
          pool.submit(
              () -> {
                while (writing.get()) {
                  for (int b = 0; b < batches; b++) {
                    long present =
                        index.lookup(subjects(b * perBatch, (b + 1) * perBatch), TODAY).stream()
                            .filter(found -> !found.isEmpty())
                            .count();
                    if (present != 0 && present != perBatch) {
                      torn.incrementAndGet();
                    }
                    reads.incrementAndGet();
                  }
                }
              }));
    }
    List<CompletableFuture<Integer>> writes = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      writes.add(index.upsert("a", writes(b * perBatch, (b + 1) * perBatch)));
    }
    for (CompletableFuture<Integer> w : writes) {
      w.get(30, TimeUnit.SECONDS);
    }
    writing.set(false);
    for (Future<?> reader : readers) {
      reader.get(30, TimeUnit.SECONDS);
    }

    assertThat(reads.get()).isPositive();
    assertThat(torn.get()).isZero();
  }
}

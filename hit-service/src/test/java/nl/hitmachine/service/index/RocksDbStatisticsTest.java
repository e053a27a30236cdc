package nl.hitmachine.service.index;

import static nl.hitmachine.service.index.TestSubjects.TODAY;
import static nl.hitmachine.service.index.TestSubjects.subject;
import static nl.hitmachine.service.index.TestSubjects.subjects;
import static nl.hitmachine.service.index.TestSubjects.write;
import static nl.hitmachine.service.index.TestSubjects.writes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB Statistics counters behind the block-cache hit ratio and the other index metrics. */
class RocksDbStatisticsTest {
  private static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant(),
      ZoneId.of("Europe/Amsterdam"));

  @TempDir Path dir;

  @Test
  void lookupsFromSstFiles_countBlockCacheMissesThenHits() {
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, CLOCK)) {
      index.upsert("leerplicht", writes(0, 1_000)).join();
    } // close flushes the memtables into SST files
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, CLOCK)) {
      IndexStatistics before = index.statistics().orElseThrow();
      index.lookup(subjects(0, 100), TODAY);
      IndexStatistics first = index.statistics().orElseThrow();
      assertThat(first.blockCacheMisses()).as("a fresh cache misses").isGreaterThan(before.blockCacheMisses());
      assertThat(first.memtableMisses()).as("nothing in the memtable after reopening")
          .isGreaterThanOrEqualTo(before.memtableMisses() + 100);

      index.lookup(subjects(0, 100), TODAY);
      IndexStatistics second = index.statistics().orElseThrow();
      assertThat(second.blockCacheHits()).as("the same blocks again come from the cache")
          .isGreaterThan(first.blockCacheHits());
      assertThat(second.blockCacheMisses() - first.blockCacheMisses())
          .as("the second pass misses less than the first")
          .isLessThan(first.blockCacheMisses() - before.blockCacheMisses());
    }
  }

  @Test
  void lookupsOfUnknownSubjects_areRuledOutByTheBloomFilter() {
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, CLOCK)) {
      index.upsert("leerplicht", writes(0, 1_000)).join();
    }
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, CLOCK)) {
      long before = index.statistics().orElseThrow().bloomFilterUseful();
      index.lookup(subjects(5_000, 5_100), TODAY);
      assertThat(index.statistics().orElseThrow().bloomFilterUseful()).isGreaterThan(before);
    }
  }

  @Test
  void lookupsOfFreshWrites_countMemtableHits() {
    try (RocksDbHitIndex index = RocksDbHitIndex.open(dir, CLOCK)) {
      index.upsert("leerplicht", List.of(write(subject(1), TODAY.plusYears(1), null))).join();
      long before = index.statistics().orElseThrow().memtableHits();
      index.lookup(List.of(subject(1)), TODAY);
      assertThat(index.statistics().orElseThrow().memtableHits()).isGreaterThan(before);
    }
  }

  @Test
  void closedIndex_hasNoStatistics() {
    RocksDbHitIndex index = RocksDbHitIndex.open(dir, CLOCK);
    index.close();
    assertThat(index.statistics()).isEmpty();
  }
}

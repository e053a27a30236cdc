package nl.hitmachine.service.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import nl.hitmachine.service.index.IndexStatistics;

/**
 * The index's size from RocksDB's in-memory properties, its block-cache, Bloom-filter and memtable
 * counters and write stalls from RocksDB {@code Statistics}, and the registrations per agency, read at
 * scrape time (never on an event loop: the management server scrapes on a worker thread). A closed
 * index reads as NaN.
 */
final class IndexGauges {
  private IndexGauges() {}

  static void register(MeterRegistry registry, Supplier<Optional<IndexStatistics>> statistics,
      Supplier<Map<String, Long>> registrationCounts, Collection<String> agencies) {
    gauge(registry, statistics, "hitmachine.index.estimated.subjects",
        "RocksDB estimate of distinct registered subjects (rocksdb.estimate-num-keys)", IndexStatistics::estimatedSubjects);
    gauge(registry, statistics, "hitmachine.index.sst.bytes",
        "Size of the index's SST files (rocksdb.total-sst-files-size)", IndexStatistics::sstBytes);
    gauge(registry, statistics, "hitmachine.index.memtable.bytes",
        "Size of the index's memtables (rocksdb.cur-size-all-mem-tables)", IndexStatistics::memtableBytes);
    gauge(registry, statistics, "hitmachine.index.block.cache.bytes",
        "Bytes in the index's block cache (rocksdb.block-cache-usage)", IndexStatistics::blockCacheBytes);
    counter(registry, statistics, "hitmachine.index.block.cache.hits",
        "Index block reads served from the block cache (RocksDB BLOCK_CACHE_HIT)", IndexStatistics::blockCacheHits);
    counter(registry, statistics, "hitmachine.index.block.cache.misses",
        "Index block reads that missed the block cache (RocksDB BLOCK_CACHE_MISS)", IndexStatistics::blockCacheMisses);
    counter(registry, statistics, "hitmachine.index.bloom.filter.useful",
        "Point reads a Bloom filter ruled out without reading a data block (RocksDB BLOOM_FILTER_USEFUL)",
        IndexStatistics::bloomFilterUseful);
    counter(registry, statistics, "hitmachine.index.memtable.hits",
        "Point reads answered from a memtable (RocksDB MEMTABLE_HIT)", IndexStatistics::memtableHits);
    counter(registry, statistics, "hitmachine.index.memtable.misses",
        "Point reads not answered from a memtable (RocksDB MEMTABLE_MISS)", IndexStatistics::memtableMisses);
    FunctionCounter.builder("hitmachine.index.write.stall", statistics,
            s -> s.get().map(x -> x.stallMicros() / 1e6).orElse(Double.NaN))
        .baseUnit("seconds")
        .description("Time index writes were stalled by RocksDB (STALL_MICROS)")
        .register(registry);
    gauge(registry, statistics, "hitmachine.index.pending.compaction.bytes",
        "Bytes RocksDB estimates compaction still has to rewrite (rocksdb.estimate-pending-compaction-bytes)",
        IndexStatistics::pendingCompactionBytes);
    gauge(registry, statistics, "hitmachine.index.running.compactions",
        "Compactions running now (rocksdb.num-running-compactions)", IndexStatistics::runningCompactions);
    for (String agency : agencies) {
      Gauge.builder("hitmachine.index.registrations", () -> count(registrationCounts, agency))
          .description("Active registrations of an agency (expired ones count until purged)")
          .tag("agency", agency)
          .register(registry);
    }
  }

  private static void gauge(MeterRegistry registry, Supplier<Optional<IndexStatistics>> statistics, String name,
      String description, ToLongFunction<IndexStatistics> value) {
    Function<Optional<IndexStatistics>, Double> read =
        s -> s.map(x -> (double) value.applyAsLong(x)).orElse(Double.NaN);
    Gauge.builder(name, () -> read.apply(statistics.get())).description(description).register(registry);
  }

  private static void counter(MeterRegistry registry, Supplier<Optional<IndexStatistics>> statistics, String name,
      String description, ToLongFunction<IndexStatistics> value) {
    FunctionCounter.builder(name, statistics, s -> s.get().map(x -> (double) value.applyAsLong(x)).orElse(Double.NaN))
        .description(description)
        .register(registry);
  }

  private static double count(Supplier<Map<String, Long>> counts, String agency) {
    try {
      return counts.get().getOrDefault(agency, 0L);
    } catch (IllegalStateException closed) {
      return Double.NaN;
    }
  }
}

package nl.hitmachine.service.metrics;

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
 * The index's size from RocksDB's in-memory properties and the registrations per agency, read at
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

  private static double count(Supplier<Map<String, Long>> counts, String agency) {
    try {
      return counts.get().getOrDefault(agency, 0L);
    } catch (IllegalStateException closed) {
      return Double.NaN;
    }
  }
}

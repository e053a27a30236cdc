package nl.hitmachine.service.index;

/**
 * RocksDB's own in-memory figures about the index (for metrics): properties and, from RocksDB
 * {@code Statistics} (tickers only: no histograms, no timers on the read path), counters since the
 * index was opened.
 *
 * @param estimatedSubjects {@code rocksdb.estimate-num-keys} of the subjects column family: about
 *     how many distinct subjects are registered (an estimate; deletions count until compaction)
 * @param sstBytes {@code rocksdb.total-sst-files-size} over all column families
 * @param memtableBytes {@code rocksdb.cur-size-all-mem-tables} over all column families
 * @param blockCacheBytes {@code rocksdb.block-cache-usage} (the cache is shared by all families)
 * @param blockCacheHits block reads served from the block cache ({@code BLOCK_CACHE_HIT})
 * @param blockCacheMisses block reads that went to the SST files ({@code BLOCK_CACHE_MISS})
 * @param bloomFilterUseful point reads a Bloom filter answered "not there" without reading a data
 *     block ({@code BLOOM_FILTER_USEFUL})
 * @param memtableHits point reads answered by a memtable ({@code MEMTABLE_HIT})
 * @param memtableMisses point reads not answered by a memtable ({@code MEMTABLE_MISS})
 * @param stallMicros microseconds writes were stalled by RocksDB (too many L0 files, pending
 *     compaction; {@code STALL_MICROS})
 * @param pendingCompactionBytes {@code rocksdb.estimate-pending-compaction-bytes} over all families
 * @param runningCompactions {@code rocksdb.num-running-compactions}
 */
public record IndexStatistics(
    long estimatedSubjects,
    long sstBytes,
    long memtableBytes,
    long blockCacheBytes,
    long blockCacheHits,
    long blockCacheMisses,
    long bloomFilterUseful,
    long memtableHits,
    long memtableMisses,
    long stallMicros,
    long pendingCompactionBytes,
    long runningCompactions) {}

package nl.hitmachine.service.index;

/**
 * RocksDB's own in-memory figures about the index (for metrics).
 *
 * @param estimatedSubjects {@code rocksdb.estimate-num-keys} of the subjects column family: about
 *     how many distinct subjects are registered (an estimate; deletions count until compaction)
 * @param sstBytes {@code rocksdb.total-sst-files-size} over all column families
 * @param memtableBytes {@code rocksdb.cur-size-all-mem-tables} over all column families
 * @param blockCacheBytes {@code rocksdb.block-cache-usage} (the cache is shared by all families)
 */
public record IndexStatistics(long estimatedSubjects, long sstBytes, long memtableBytes, long blockCacheBytes) {}

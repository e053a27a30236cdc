package nl.hitmachine.service.config;

/**
 * When {@code GET /health/ready} reports the service not ready because of free disk space on the
 * file systems of {@code storage.dataDir}'s index and audit directories. Both thresholds apply: the
 * check fails when the free space is below either.
 *
 * @param minFreeDiskBytes at least this many bytes free (default 1 GiB; 0 turns it off)
 * @param minFreeDiskPercent at least this percentage of the file system free (default 5; 0 turns it off)
 */
public record HealthConfig(Long minFreeDiskBytes, Integer minFreeDiskPercent) {
  /** 1 GiB: room for a few minutes of audit log and a RocksDB compaction at our sizes. */
  public static final long DEFAULT_MIN_FREE_DISK_BYTES = 1024L * 1024 * 1024;

  public HealthConfig {
    minFreeDiskBytes = minFreeDiskBytes == null ? DEFAULT_MIN_FREE_DISK_BYTES : minFreeDiskBytes;
    minFreeDiskPercent = minFreeDiskPercent == null ? 5 : minFreeDiskPercent;
  }
}

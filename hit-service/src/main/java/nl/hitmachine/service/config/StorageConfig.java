package nl.hitmachine.service.config;

/**
 * Where durable state lives.
 *
 * @param dataDir directory holding {@code index/} (RocksDB) and {@code audit/} (the audit log)
 * @param backupDir where online backups ({@code POST /v1/admin/backups}) are written, one
 *     directory per backup; must be outside {@code dataDir} (default {@code hitmachine-backups})
 */
public record StorageConfig(String dataDir, String backupDir) {
  public StorageConfig {
    dataDir = dataDir == null ? "hitmachine-data" : dataDir;
    backupDir = backupDir == null ? "hitmachine-backups" : backupDir;
  }

  /** Backups in the default directory. */
  public StorageConfig(String dataDir) {
    this(dataDir, null);
  }
}

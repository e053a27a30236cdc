package nl.hitmachine.service.config;

/**
 * Where durable state lives.
 *
 * @param dataDir directory holding {@code index/} (RocksDB) and {@code audit/} (the audit log)
 */
public record StorageConfig(String dataDir) {
  public StorageConfig {
    dataDir = dataDir == null ? "hitmachine-data" : dataDir;
  }
}

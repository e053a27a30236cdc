package nl.hitmachine.service.config;

/**
 * The server's secret keys. Both must live outside the data directory: a copy of the data
 * directory alone must not allow testing whether a pseudonym is registered.
 *
 * @param indexKeyFile file with the 32-byte key that re-keys pseudonyms for the index
 * @param auditKeyFile file with the 32-byte key that forms the audit form of pseudonyms
 * @param generateIfMissing create missing key files at start-up (demo only; default false)
 */
public record KeysConfig(String indexKeyFile, String auditKeyFile, Boolean generateIfMissing) {
  public KeysConfig {
    indexKeyFile = indexKeyFile == null ? "hitmachine-keys/index.key" : indexKeyFile;
    auditKeyFile = auditKeyFile == null ? "hitmachine-keys/audit.key" : auditKeyFile;
    generateIfMissing = generateIfMissing != null && generateIfMissing;
  }
}

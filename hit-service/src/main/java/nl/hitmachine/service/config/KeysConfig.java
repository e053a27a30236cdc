package nl.hitmachine.service.config;

/**
 * The server's secret keys. Both must live outside the data directory: a copy of the data
 * directory alone must not allow testing whether a pseudonym is registered.
 *
 * @param indexKeyFile file with the 32-byte key that re-keys pseudonyms for the index
 * @param auditKeyFile file with the 32-byte key that forms the audit form of pseudonyms
 * @param generateIfMissing create missing key files at start-up (demo only; default false)
 * @param indexKeyEnv the name of an environment variable holding the index key (base64url, 43
 *     characters) — when given, it is used instead of {@code indexKeyFile} (e.g. a secret injected
 *     by the orchestrator); the variable must then be set
 * @param auditKeyEnv likewise for the audit key
 */
public record KeysConfig(
    String indexKeyFile, String auditKeyFile, Boolean generateIfMissing, String indexKeyEnv, String auditKeyEnv) {
  public KeysConfig {
    indexKeyFile = indexKeyFile == null ? "hitmachine-keys/index.key" : indexKeyFile;
    auditKeyFile = auditKeyFile == null ? "hitmachine-keys/audit.key" : auditKeyFile;
    generateIfMissing = generateIfMissing != null && generateIfMissing;
  }

  /** Keys from files only. */
  public KeysConfig(String indexKeyFile, String auditKeyFile, Boolean generateIfMissing) {
    this(indexKeyFile, auditKeyFile, generateIfMissing, null, null);
  }
}
